"""Printing from the windowed Windows build when it was started from a console.

The frozen app is built windowed (no black console window behind the GUI), so on Windows it starts
with no stdout or stderr at all. When it was started from cmd or PowerShell — `dangjian.exe
--self-test`, `dangjian.exe members list` — it attaches to that console and prints there, in UTF-8.
From Explorer there is no console to attach to, and output goes nowhere, as before.
"""

from __future__ import annotations

import sys

ATTACH_PARENT_PROCESS = -1
UTF8_CODE_PAGE = 65001


def attach_parent_console() -> bool:
    """True when stdout and stderr were reopened on the parent process's console."""
    if sys.platform != "win32" or (sys.stdout is not None and sys.stderr is not None):
        return False
    import ctypes

    kernel32 = ctypes.windll.kernel32
    if not kernel32.AttachConsole(ATTACH_PARENT_PROCESS):
        return False
    kernel32.SetConsoleOutputCP(UTF8_CODE_PAGE)
    stream = open("CONOUT$", "w", encoding="utf-8", errors="replace", buffering=1)  # noqa: SIM115 - lives as long as the process
    if sys.stdout is None:
        sys.stdout = stream
    if sys.stderr is None:
        sys.stderr = stream
    return True
