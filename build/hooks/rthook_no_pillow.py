# PyInstaller runtime hook (installer.spec `runtime_hooks`): runs in the frozen app before its own code.
#
# Pillow is left out of the frozen app (its C core and the image libraries it links are ~9 MB, a sixth
# of what the app adds to a bare Qt window). ReportLab 5 still runs `from PIL import Image` when it loads
# reportlab.lib.utils, but it needs Pillow only to read bitmap images (ImageReader, drawImage, the
# Image flowable), and no form or report of this app draws one: the PDFs are text, tables and vector
# charts (tests/test_installer_pillow.py renders every one of them with this hook in force, and checks
# that no module of the app reads bitmaps through ReportLab). ReportLab keeps a flag for this case,
# `reportlab.lib.utils.haveImages = Image is not None`, so the stand-in below gives it `Image = None`.
# Anything else that asks for a part of Pillow gets an ImportError, as if Pillow were not installed
# (openpyxl and Faker treat Pillow as optional that way).
import sys
import types


def _install_stand_in() -> None:
    if "PIL" in sys.modules:
        return
    stand_in = types.ModuleType("PIL", "Pillow is not part of this program (build/hooks/rthook_no_pillow.py).")
    stand_in.Image = None
    stand_in.__path__ = []  # a package without submodules: `import PIL.ImageDraw` raises ImportError
    sys.modules["PIL"] = stand_in


_install_stand_in()
