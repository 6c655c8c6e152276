"""Keep the Qt translation catalogue in step with the GUI's source strings.

    python build/translations.py            # lupdate → fill from pending fragments → lrelease

1. `pyside6-lupdate` collects every `tr()` / `QCoreApplication.translate()` string of
   `dangjian_desktop/gui` into `resources/translations/dangjian_zh_CN.ts` (existing translations kept,
   strings no longer in the code dropped).
2. Translations waiting in `resources/translations/pending/*.json` (`{"Context": {"source": "译文"}}`,
   the way several people add pages at once) fill the catalogue's unfinished entries.
3. `pyside6-lrelease` compiles the catalogue to `dangjian_zh_CN.qm`, which the app loads.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUI = ROOT / "dangjian_desktop" / "gui"
TRANSLATIONS = ROOT / "resources" / "translations"
TS = TRANSLATIONS / "dangjian_zh_CN.ts"
QM = TRANSLATIONS / "dangjian_zh_CN.qm"
PENDING = TRANSLATIONS / "pending"


def tool(name: str) -> str:
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else (shutil.which(name) or name)


def gui_sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in GUI.rglob("*.py"))


def lupdate(ts: Path = TS) -> None:
    subprocess.run([tool("pyside6-lupdate"), *gui_sources(), "-no-obsolete", "-locations", "none",
                    "-source-language", "en", "-target-language", "zh_CN", "-ts", str(ts)],
                   cwd=ROOT, check=True, capture_output=True)


def unfinished(ts: Path = TS) -> list[tuple[str, str]]:
    """(context, source) of every message with no finished translation."""
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") \
                    or not (translation.text or "").strip():
                out.append((name, message.findtext("source")))
    return out


def merge_pending() -> int:
    fragments = sorted(PENDING.glob("*.json")) if PENDING.is_dir() else []
    table: dict[tuple[str, str], str] = {}
    for fragment in fragments:
        for context, messages in json.loads(fragment.read_text(encoding="utf-8")).items():
            for source, translation in messages.items():
                table[(context, source)] = translation
    tree = ET.parse(TS)
    filled = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            key = (name, message.findtext("source"))
            if key in table and translation is not None and translation.get("type") == "unfinished":
                translation.text = table[key]
                del translation.attrib["type"]
                filled += 1
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    return filled


def lrelease(ts: Path = TS, qm: Path = QM) -> None:
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True)


def main() -> int:
    lupdate()
    filled = merge_pending()
    lrelease()
    missing = unfinished()
    print(f"{TS.name}: filled {filled} from pending fragments; {len(missing)} unfinished")
    for context, source in missing:
        print(f"  {context}: {source}")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
