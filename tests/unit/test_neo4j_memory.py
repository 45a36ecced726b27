"""The local Neo4j's memory: page cache = min(1.2 x store, 40 % of RAM), heap = min(8 GB, 25 % of RAM),
at least 4 GB left beside the server (netgraph/localdb/memory.py)."""

from __future__ import annotations

import pytest

from netgraph.errors import InvalidInput
from netgraph.localdb.memory import (
    GIB,
    LEFT_FOR_PYTHON,
    MIB,
    MIN_HEAP,
    MIN_PAGECACHE,
    memory_plan,
    neo4j_size,
    parse_size,
)


def test_the_page_cache_holds_the_store_files_and_a_fifth_more():
    assert memory_plan(24 * GIB, 1000 * MIB).pagecache == 1200 * MIB


def test_the_page_cache_takes_at_most_forty_percent_of_ram():
    assert memory_plan(64 * GIB, 100 * GIB).pagecache == int(0.4 * 64 * GIB) // MIB * MIB


def test_the_heap_is_a_quarter_of_ram():
    assert memory_plan(24 * GIB, GIB).heap == 6 * GIB


def test_the_heap_stops_at_eight_gigabytes():
    assert memory_plan(128 * GIB, GIB).heap == 8 * GIB


def test_an_empty_store_still_gets_the_smallest_page_cache():
    assert memory_plan(24 * GIB, 0).pagecache == MIN_PAGECACHE


def test_four_gigabytes_are_left_by_shrinking_the_page_cache_first():
    plan = memory_plan(8 * GIB, 10 * GIB)
    assert (plan.heap, plan.pagecache, plan.left) == (2 * GIB, 2 * GIB, LEFT_FOR_PYTHON)


def test_the_heap_shrinks_only_once_the_page_cache_is_at_its_smallest():
    plan = memory_plan(5 * GIB, 10 * GIB)
    assert plan.pagecache == MIN_PAGECACHE and plan.left == LEFT_FOR_PYTHON and plan.heap < 5 * GIB // 4


def test_on_a_machine_too_small_to_leave_four_gigabytes_the_smallest_sizes_win():
    plan = memory_plan(2 * GIB, 10 * GIB)
    assert (plan.heap, plan.pagecache) == (MIN_HEAP, MIN_PAGECACHE)


def test_a_heap_given_is_kept_and_the_page_cache_leaves_four_gigabytes_beside_it():
    plan = memory_plan(8 * GIB, 10 * GIB, heap=3 * GIB)
    assert (plan.heap, plan.pagecache) == (3 * GIB, GIB)


def test_a_page_cache_given_is_kept_even_past_the_rule():
    plan = memory_plan(24 * GIB, GIB, pagecache=12 * GIB)
    assert (plan.heap, plan.pagecache) == (6 * GIB, 12 * GIB)


def test_sizes_are_written_as_neo4j_and_the_jvm_read_them():
    assert (neo4j_size(6 * GIB), neo4j_size(1228 * MIB)) == ("6g", "1228m")


@pytest.mark.parametrize("text", ["", "lots", "2x", "-1g", "0", "1.5g"])
def test_a_size_that_is_not_a_size_is_refused_naming_the_option(text):
    with pytest.raises(InvalidInput, match="--heap"):
        parse_size(text, "--heap")
