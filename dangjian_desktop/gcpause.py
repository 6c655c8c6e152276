"""Pausing Python's cycle collector around work that makes many small objects without cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Bulk reads and writes (a bundle's thousands of changes, the dashboard's thousands of rows) make
    objects in such numbers that the cycle collector, triggered by their count, walks every live object
    again and again; none of them form cycles, so reference counting frees them all the same."""
    if not gc.isenabled():  # nested, or the caller paused it already
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
