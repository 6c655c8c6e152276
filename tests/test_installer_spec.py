"""installer.spec and build/, checked as text and by their helper functions (CI runs PyInstaller itself)."""

import ast
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = (ROOT / "installer.spec").read_text(encoding="utf-8")


def _load(path: Path):
    """A module from build/ (not on sys.path: `build` is also the name of a PyPI package)."""
    spec = importlib.util.spec_from_file_location(f"build_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


freeze = _load(ROOT / "build" / "freeze.py")


def _list(name: str) -> list:
    """A module-level list assigned in the spec, evaluated without running PyInstaller."""
    for node in ast.parse(SPEC).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name:
            return [ast.unparse(element) for element in node.value.elts]
    raise AssertionError(f"{name} not found")


def _function(name: str):
    tree = ast.parse(SPEC)
    node = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name)
    namespace = {"ROOT": ROOT, "Path": Path}
    exec(compile(ast.Module([node], []), "installer.spec", "exec"), namespace)
    return namespace[name]


def test_name_and_version_come_from_the_package():
    assert "from dangjian_desktop import APP_NAME, APP_TITLE, __version__" in SPEC
    assert "name=NAME" in SPEC and "NAME = APP_NAME" in SPEC


@pytest.mark.parametrize("module", ["PySide6.QtWebEngineCore", "PySide6.QtQml", "PySide6.QtQuick",
                                    "PySide6.Qt3DCore", "PySide6.QtMultimedia", "tkinter"])
def test_unused_qt_modules_are_excluded(module):
    assert repr(module) in _list("excludes")


@pytest.mark.parametrize("module", ["PySide6.QtCharts", "PySide6.QtPdf", "PySide6.QtPdfWidgets",
                                    "PySide6.QtPrintSupport", "PySide6.QtSvg"])
def test_modules_the_app_uses_are_not_excluded(module):
    assert repr(module) not in _list("excludes")


def test_every_hidden_import_has_a_comment_saying_why():
    block = SPEC[SPEC.index("hiddenimports = ["):SPEC.index("]\n", SPEC.index("hiddenimports = ["))]
    lines = [line.strip() for line in block.splitlines()[1:] if line.strip()]
    for number, line in enumerate(lines):
        if not line.startswith("#"):
            assert lines[number - 1].startswith("#"), line
    assert 'collect_submodules("dangjian_desktop.gui.pages")' in block


def test_resources_go_where_the_code_reads_them():
    datas = _function("resource_datas")()
    placed = {Path(dest, Path(src).name).as_posix() for src, dest in datas}
    for path in (ROOT / "resources").rglob("*"):
        if path.is_file() and path.suffix == ".qm" or path.name in ("default.json", "wqy-microhei.ttc",
                                                                    "dangjian.ico", "meeting_types.json",
                                                                    "guide.html"):
            assert f"dangjian_desktop/resources/{path.relative_to(ROOT / 'resources').as_posix()}" in placed
    assert not [p for p in placed if p.endswith(".ts") or "/pending/" in p]


def test_one_folder_windowed_with_icon_and_version_resource():
    assert "exclude_binaries=True" in SPEC and "COLLECT(" in SPEC
    assert 'console=os.environ.get("DANGJIAN_CONSOLE") == "1"' in SPEC
    assert (ROOT / "resources" / "icons" / "dangjian.ico").is_file()
    assert "version=windows_version_file(" in SPEC


def test_version_resource_text_is_a_versioninfo_expression(tmp_path):
    path = freeze.windows_version_file(str(tmp_path), name="dangjian", title="党建通", version="1.2.3")
    names = ["VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct", "VarFileInfo",
             "VarStruct"]
    made = eval(Path(path).read_text(encoding="utf-8"), {n: (lambda *a, n=n, **k: (n, a, k)) for n in names})
    assert made[0] == "VSVersionInfo"
    assert made[2]["ffi"][2]["filevers"] == (1, 2, 3, 0)
    assert "党建通" in Path(path).read_text(encoding="utf-8")


@pytest.mark.parametrize("dest, kept", [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/plugins/platforms/qwindows.dll", True),
    ("PySide6/plugins/platforms/qdirect2d.dll", False),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
    ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
    ("PySide6/plugins/styles/qmodernwindowsstyle.dll", True),
    ("PySide6/plugins/imageformats/qsvg.dll", True),
    ("PySide6/plugins/imageformats/qtiff.dll", False),
    ("PySide6/translations/qtbase_zh_CN.qm", True),
    ("PySide6/translations/qtwebengine_zh_CN.qm", False),
    ("PySide6/Qt/plugins/imageformats/libqwebp.so", False),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
    ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/opengl32sw.dll", False),
    ("libcups.so.2", False),
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
    ("PySide6/Qt6Pdf.dll", True),
    ("dangjian_desktop/resources/translations/dangjian_zh_CN.qm", True),
])
def test_qt_files_kept_and_left_out(dest, kept):
    assert freeze.keep_file(dest) is kept


def test_build_script_uses_a_work_folder_outside_build():
    build = _load(ROOT / "build" / "build.py")
    assert not build.WORK.resolve().is_relative_to(ROOT / "build")
    assert build.executable().relative_to(ROOT).parts[:2] == ("dist", "dangjian")


def test_windows_installer_script():
    script = (ROOT / "build" / "windows" / "dangjian.iss").read_text(encoding="utf-8")
    for needed in ("PrivilegesRequired=lowest", "ChineseSimplified", "{autoprograms}", "{autodesktop}",
                   "desktopicon", r"dist\dangjian\*"):
        assert needed in script, needed
