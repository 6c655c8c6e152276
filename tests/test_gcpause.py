"""gcpause.gc_paused: the cycle collector is off inside, on after; what was made inside and lives on
goes to the oldest generation (not walked by the next young collection); cycles are still collected."""

from __future__ import annotations

import gc
import weakref

from dangjian_desktop.gcpause import gc_paused


class Node:
    def __init__(self):
        self.other = None


def test_the_collector_is_off_inside_and_on_after_even_when_nested():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause does not switch it back on early
    assert gc.isenabled()


def test_survivors_go_to_the_oldest_generation_without_a_young_collection():
    collections = []

    def count(phase, info):
        if phase == "start":
            collections.append(info["generation"])

    gc.callbacks.append(count)
    try:
        with gc_paused():
            kept = [Node() for _ in range(20_000)]  # far past the young generation's threshold
        assert collections == [] and gc.get_count()[0] < 10
        assert any(o is kept[0] for o in gc.get_objects(generation=2))
        assert not any(o is kept[0] for o in gc.get_objects(generation=0))
    finally:
        gc.callbacks.remove(count)


def test_cycles_made_while_paused_are_still_collected():
    with gc_paused():
        a, b = Node(), Node()
        a.other, b.other = b, a
        watch = weakref.ref(a)
        del a, b
    assert watch() is not None  # a cycle: reference counting alone never frees it
    gc.collect()
    assert watch() is None
