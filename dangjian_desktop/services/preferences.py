"""User-interface preferences kept in the database (only window geometry goes to QSettings)."""

from __future__ import annotations

from dataclasses import dataclass

from dangjian_desktop.services.context import Context

LANGUAGES = {"zh_CN": "中文", "en": "English"}


@dataclass(frozen=True)
class Preferences:
    language: str = "zh_CN"
    large_font: bool = False


def get_preferences(ctx: Context) -> Preferences:
    store = ctx.store
    language = store.setting("ui_language", "zh_CN")
    return Preferences(language=language if language in LANGUAGES else "zh_CN",
                       large_font=store.setting("ui_large_font", "0") == "1")


def set_preferences(ctx: Context, *, language: str | None = None, large_font: bool | None = None) -> Preferences:
    store = ctx.store
    with store.atomic():
        if language is not None:
            if language not in LANGUAGES:
                raise ValueError(language)
            store.set_setting("ui_language", language)
        if large_font is not None:
            store.set_setting("ui_large_font", "1" if large_font else "0")
    return get_preferences(ctx)
