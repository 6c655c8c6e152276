# PyInstaller hook for Faker, used instead of the contrib hook (installer.spec puts build/hooks/ first).
#
# Faker is only used to make the demo village, in Chinese (Faker("zh_CN")). The contrib hook ships every
# one of Faker's ~90 locales (13 MB of .py files beside the modules); this one keeps zh_CN, the
# locales providers fall back to (en_US by default, en_GB for bank, la for lorem) and their parents.
#
# Faker finds providers and locales by listing `*/__init__.py` under faker/providers in the frozen
# app (faker/utils/loading.py), so those files are also collected as data, for the kept locales only.
from pathlib import Path

from PyInstaller.utils.hooks import collect_data_files, collect_submodules, get_package_paths

KEPT_LOCALES = {"zh_CN", "zh", "en_US", "en_GB", "en", "la"}


def _kept(module_name: str) -> bool:
    parts = module_name.split(".")  # faker.providers.<provider>[.<locale>[...]]
    return len(parts) < 4 or parts[3] in KEPT_LOCALES


_PROVIDERS = Path(get_package_paths("faker.providers")[1])


def _kept_marker(source: str) -> bool:
    path = Path(source)
    if path.name != "__init__.py":
        return False
    parts = path.relative_to(_PROVIDERS).parts  # <provider>/__init__.py or <provider>/<locale>/…
    return len(parts) <= 2 or parts[1] in KEPT_LOCALES


hiddenimports = collect_submodules("faker.providers", filter=_kept)
datas = [(src, dest) for src, dest in collect_data_files("faker.providers", include_py_files=True) if _kept_marker(src)]
