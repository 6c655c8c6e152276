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
        # What was made meanwhile and lives on (the figures a page shows) would otherwise be walked
        # at once by the next young collection: a dashboard's 40 000 rows cost 30-50 ms there. Moved
        # to the oldest generation instead (freeze, then unfreeze: no walk), they are looked at in a
        # full collection, like any long-lived object; cyclic garbage among them is collected then.
        gc.freeze()
        gc.unfreeze()
        gc.enable()
