"""What installer.spec leaves out of the frozen app, and its Windows version resource.

Imported by installer.spec and by bench/frozen_bench.py, which freezes a bare PySide6 window with
the same rules so the two folders compare fairly. PyInstaller's Qt hooks collect every plugin of
the Qt modules in use, and the plugins bring their own libraries (the virtual keyboard brings
QtQuick, the GTK theme brings GTK); `filter_analysis` drops the plugins, translations and files
named below, then every shared library that nothing kept still links to.
"""

from __future__ import annotations

from pathlib import Path

#: Plugin folders kept, and the plugins kept inside some of them by name ("libqxcb.so" and "qxcb.dll"
#: are both "xcb"); None keeps the whole folder. A folder not named here is left out.
QT_PLUGINS_KEPT = {
    "platforms": {"xcb", "offscreen", "minimal", "windows", "cocoa"},  # no eglfs/linuxfb/vnc/wayland
    "platformthemes": {"xdgdesktopportal"},  # no gtk3: it drags in GTK, cairo and pango
    "platforminputcontexts": {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"},  # no
    # virtual keyboard: it drags in QtQuick
    "imageformats": {"ico", "svg"},  # PNG is built into QtGui
    "iconengines": None,   # SVG icons
    "styles": None,        # the Windows 10/11 look
    "printsupport": None,  # the system's printers (CUPS on Linux)
}
#: Qt translations kept: Qt's own dialogs in Chinese (gui/app.install_language loads qtbase_zh_CN).
QT_TRANSLATIONS_KEPT = {"qtbase_zh_CN.qm"}
#: Software OpenGL and Direct3D shader compiler: a widgets app paints in software without them.
DROPPED_FILES = {"opengl32sw.dll", "d3dcompiler_47.dll"}
#: Linux only: the CUPS client library and what only it links (7 MB). Printing to a printer belongs to
#: the system's CUPS set-up, whose own libcups the print plugin then uses; on a system without CUPS the
#: plugin does not load and Qt still prints to PDF. (On Windows printing is inside QtPrintSupport.)
LINUX_SYSTEM_LIBRARIES = {"libcups.so.2", "libgnutls.so.30", "libunistring.so.2", "libp11-kit.so.0",
                          "libnettle.so.8", "libhogweed.so.6", "libgmp.so.10", "libtasn1.so.6", "libidn2.so.0",
                          "libavahi-client.so.3", "libavahi-common.so.3"}


def _qt_part(dest):
    """('plugins', 'platforms', 'libqxcb.so') for a Qt file, else None. Qt's folder is PySide6/Qt on
    Linux and macOS, PySide6 itself on Windows (PySide6/plugins, PySide6/translations)."""
    parts = Path(dest).parts
    if not parts or parts[0] != "PySide6":
        return None
    rest = parts[2:] if parts[1:2] == ("Qt",) else parts[1:]
    return rest if rest and rest[0] in ("plugins", "translations") else None


def _plugin_kept(folder, filename):
    if folder not in QT_PLUGINS_KEPT:
        return False
    kept = QT_PLUGINS_KEPT[folder]
    if kept is None:
        return True
    stem = filename.split(".")[0].lower().removeprefix("lib")
    return stem in kept or stem.removeprefix("q") in kept


def keep_file(dest):
    part = _qt_part(dest)
    if Path(dest).name.lower() in DROPPED_FILES or Path(dest).name in LINUX_SYSTEM_LIBRARIES:
        return False
    if part and part[0] == "plugins" and len(part) >= 3:
        return _plugin_kept(part[1], part[2])
    if part and part[0] == "translations":
        return part[-1] in QT_TRANSLATIONS_KEPT
    return True


def _is_root(dest, typecode):
    """Binaries loaded by name rather than linked: Python extensions, Qt plugins, the Python library."""
    name = Path(dest).name.lower()
    return (typecode == "EXTENSION" or "plugins" in Path(dest).parts
            or name.startswith(("libpython", "python3")))


def prune_unreferenced(binaries):
    """Drop the shared libraries no kept extension, plugin or library links to (for instance the
    QtQuick and GTK libraries the dropped plugins brought in). When a file cannot be read, keep all."""
    from PyInstaller.depend.bindepend import get_imports

    by_name = {}
    for entry in binaries:
        by_name.setdefault(Path(entry[0]).name.lower(), []).append(entry)
    wanted, queue = set(), [e for e in binaries if _is_root(e[0], e[2])]
    seen = set()
    while queue:
        dest, src, typecode = queue.pop()
        if src in seen or typecode == "SYMLINK":
            continue
        seen.add(src)
        try:
            imports = get_imports(src)
        except Exception as exc:  # noqa: BLE001 - unknown format: prune nothing
            print(f"build/freeze.py: cannot read {src} ({exc}); keeping every library")
            return binaries
        for name, _path in imports:
            name = Path(name).name.lower()
            if name not in wanted and name in by_name:
                wanted.add(name)
                queue += by_name[name]
    kept = [e for e in binaries if _is_root(e[0], e[2]) or Path(e[0]).name.lower() in wanted]
    dropped = sorted({Path(e[0]).name for e in binaries} - {Path(e[0]).name for e in kept})
    print(f"build/freeze.py: {len(dropped)} unreferenced libraries left out: {', '.join(dropped)}")
    return kept



def filter_analysis(a) -> None:
    """Leave out the Qt plugins and translations not kept, then the libraries nothing links to."""
    a.binaries = prune_unreferenced([e for e in a.binaries if keep_file(e[0])])
    a.datas = [e for e in a.datas if keep_file(e[0])]


def windows_version_file(workpath: str, *, name: str, title: str, version: str) -> str:
    """The Windows version resource (Explorer's Details tab), written as PyInstaller's text form."""
    numbers = tuple(int(n) for n in version.split(".")[:3]) + (0,)
    strings = {"CompanyName": title, "FileDescription": f"{title}：村党支部台账与区级汇总",
               "FileVersion": version, "InternalName": name, "OriginalFilename": f"{name}.exe",
               "ProductName": title, "ProductVersion": version, "LegalCopyright": title}
    text = f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[StringFileInfo([StringTable('080404b0', [{', '.join(f'StringStruct({k!r}, {v!r})' for k, v in strings.items())}])]),
        VarFileInfo([VarStruct('Translation', [2052, 1200])])])
"""
    path = Path(workpath) / "version_info.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)
