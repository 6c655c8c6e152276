"""党建通 — offline records for village Party branches and their district office."""

__version__ = "0.1.0"
APP_NAME = "dangjian"
APP_TITLE = "党建通"
