"""The frozen app leaves Pillow out (installer.spec) and gives ReportLab a stand-in for it
(build/hooks/rthook_no_pillow.py). Safe only while no PDF of the app draws a bitmap: checked here by
reading the code and by rendering every form, the district report and the Excel files with the
stand-in in force, in a fresh interpreter as the frozen app would have it."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOOK = ROOT / "build" / "hooks" / "rthook_no_pillow.py"
SPEC = (ROOT / "installer.spec").read_text(encoding="utf-8")

#: Ways of drawing a bitmap through ReportLab (or of importing Pillow directly).
BITMAP_NAMES = {"ImageReader", "drawImage", "drawInlineImage", "renderPM", "PIL"}


def test_the_spec_excludes_pillow_and_installs_the_stand_in():
    assert '    "PIL",\n' in SPEC
    assert 'runtime_hooks=[str(ROOT / "build" / "hooks" / "rthook_no_pillow.py")]' in SPEC
    assert HOOK.is_file()


def _bitmap_uses(path: Path) -> list[str]:
    """Pillow imports, and ReportLab's bitmap calls in a module that uses ReportLab (Qt's QPainter has
    a drawImage of its own: gui/printing/printer.py paints the PDF pages QtPdf rendered)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    uses_reportlab = any(isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reportlab")
                         or isinstance(node, ast.Import) and any(a.name.startswith("reportlab") for a in node.names)
                         for node in ast.walk(tree))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            names = {alias.name for alias in node.names}
            if module.split(".")[0] == "PIL" or names & BITMAP_NAMES or "renderPM" in module \
                    or (module.startswith("reportlab.platypus") and "Image" in names) \
                    or (module.startswith("reportlab.graphics.shapes") and "Image" in names):
                found.append(f"{path.name}:{node.lineno} from {module} import {', '.join(sorted(names))}")
        elif isinstance(node, ast.Import):
            found += [f"{path.name}:{node.lineno} import {a.name}" for a in node.names
                      if a.name.split(".")[0] == "PIL" or "renderPM" in a.name]
        elif isinstance(node, ast.Attribute) and node.attr in BITMAP_NAMES and uses_reportlab:
            found.append(f"{path.name}:{node.lineno} .{node.attr}")
    return found


def test_no_module_of_the_app_draws_a_bitmap_through_reportlab_or_imports_pillow():
    uses = [use for path in sorted((ROOT / "dangjian_desktop").rglob("*.py")) for use in _bitmap_uses(path)]
    assert uses == []


def test_the_check_finds_a_bitmap(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from reportlab.platypus import Image, Paragraph\ncanvas.drawImage('a.png', 0, 0)\n",
                      encoding="utf-8")
    assert len(_bitmap_uses(sample)) == 2
    sample.write_text("from PySide6.QtGui import QPainter\npainter.drawImage(0, 0, image)\n", encoding="utf-8")
    assert _bitmap_uses(sample) == []


RENDER = r"""
import json, runpy, sys
from pathlib import Path
runpy.run_path(sys.argv[1])  # the runtime hook, before anything else, as in the frozen app
folder = Path(sys.argv[3])
from dangjian_desktop.cli import main
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.printing import FORMS, print_form
made = []
with Context.open(Path(sys.argv[2]), actor="测试") as ctx:
    for key in FORMS:
        made.append(str(print_form(ctx, key, out=folder / f"{key}.pdf")))
assert main(["--db", sys.argv[2], "members", "export", str(folder / "roster.xlsx")]) == 0
# a roster sheet with a picture in it (a county's emblem): openpyxl drops the picture, the rows are read
assert main(["--db", sys.argv[2], "members", "import", str(folder / "with-picture.xlsx"), "--dry-run"]) == 0
district = str(folder / "district.db")
assert main(["--db", district, "demo", "district", "--villages", "1", "--seed", "3"]) == 0
assert main(["--db", district, "print", "district-report", "--out", str(folder / "report.pdf"),
             "--excel", str(folder / "report.xlsx")]) == 0
made += [str(folder / name) for name in ("roster.xlsx", "report.pdf", "report.xlsx")]
print(json.dumps({"made": made, "pillow": sorted(m for m in sys.modules if m == "PIL" or m.startswith("PIL.")),
                  "stand_in": getattr(sys.modules.get("PIL"), "Image", "missing") is None}))
"""


def _roster_with_a_picture(db: Path, out: Path) -> None:
    """The demo's roster as exported, with the app icon placed in it (made here, where Pillow is real)."""
    from openpyxl import load_workbook
    from openpyxl.drawing.image import Image

    from dangjian_desktop.cli import main

    assert main(["--db", str(db), "members", "export", str(out)]) == 0
    book = load_workbook(out)
    book.active.add_image(Image(str(ROOT / "resources" / "icons" / "dangjian.png")), "Z1")
    book.save(out)


def test_every_pdf_and_excel_file_is_made_with_the_stand_in(demo_db_file, tmp_path):
    db = tmp_path / "village.db"
    shutil.copy(demo_db_file, db)
    _roster_with_a_picture(db, tmp_path / "with-picture.xlsx")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DANGJIAN_PASSPHRASE": "stand-in test passphrase",
           "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", RENDER, str(HOOK), str(db), str(tmp_path)], env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["stand_in"] and report["pillow"] == ["PIL"]  # nothing asked for a real part of Pillow
    for path in map(Path, report["made"]):
        data = path.read_bytes()
        assert data.startswith(b"%PDF" if path.suffix == ".pdf" else b"PK"), path.name
    from dangjian_desktop.services.printing import FORMS

    assert len(report["made"]) == len(FORMS) + 3
