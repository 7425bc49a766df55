"""The tree over time as pure rules (dangvien_cli.domain.tree): the closure computed from lives, versions and
lineage, with a merged organisation kept under its successor."""

from __future__ import annotations

from datetime import date

import pytest

from dangvien_cli.domain.tree import (
    LineageCycle,
    Span,
    Timeline,
    Version,
    below,
    check_after_last_change,
    closure_spans,
    coalesce,
    covers,
)
from dangvien_cli.errors import Conflict

JULY = date(2025, 7, 1)


def _timelines() -> dict[int, Timeline]:
    """1 city → 2 ward → 3 cell; 4 ward → 5 cell; on 1 July 2 and 4 merge into 6 (new, under 1); 5 moves
    under 6; 3 is merged into 7 (new cell under 6)."""
    return {
        1: Timeline(1, None, None, (Version(None, None, "City", None),)),
        2: Timeline(2, None, JULY, (Version(None, JULY, "Ward 2", 1),), successor_id=6),
        3: Timeline(3, None, JULY, (Version(None, JULY, "Cell 3", 2),), successor_id=7),
        4: Timeline(4, None, JULY, (Version(None, JULY, "Ward 4", 1),), successor_id=6),
        5: Timeline(5, None, None, (Version(None, JULY, "Cell 5", 4), Version(JULY, None, "Cell 5", 6))),
        6: Timeline(6, JULY, None, (Version(JULY, None, "New ward", 1),)),
        7: Timeline(7, JULY, None, (Version(JULY, None, "New cell", 6),)),
    }


def _under(spans: dict[int, list[Span]], ancestor: int, on: date) -> set[int]:
    return {
        s.descendant_id
        for rows in spans.values()
        for s in rows
        if s.ancestor_id == ancestor and covers(s.start_on, s.end_on, on)
    }


def test_the_closure_follows_the_tree_and_the_lineage() -> None:
    spans = closure_spans(_timelines())
    june = date(2025, 6, 30)
    assert _under(spans, 1, june) == {1, 2, 3, 4, 5}
    assert _under(spans, 2, june) == {2, 3}
    assert _under(spans, 6, june) == set()  # it did not exist yet
    # after the change: the new ward holds its cells, and the merged wards and cell (for their records)
    assert _under(spans, 6, JULY) == {6, 5, 7, 2, 4, 3}
    assert _under(spans, 7, JULY) == {7, 3}
    assert _under(spans, 2, JULY) == {2}  # a merged ward's old cell went on with its own successor
    assert _under(spans, 1, JULY) == {1, 2, 3, 4, 5, 6, 7}
    assert Span(1, 3, 2, None, JULY) in spans[3]  # city → ward 2 → cell 3 until the merge
    assert Span(6, 3, 2, JULY, None) in spans[3]  # new ward → new cell → cell 3 after it


def test_a_closed_organisation_stays_under_its_last_parent() -> None:
    timelines = {
        1: Timeline(1, None, None, (Version(None, None, "Ward", None),)),
        2: Timeline(2, None, JULY, (Version(None, JULY, "Cell", 1),)),  # closed, no successor
    }
    spans = closure_spans(timelines)
    assert _under(spans, 1, date(2026, 1, 1)) == {1, 2}


def test_a_loop_is_found() -> None:
    timelines = {
        1: Timeline(1, None, None, (Version(None, None, "A", 2),)),
        2: Timeline(2, None, None, (Version(None, None, "B", 1),)),
    }
    with pytest.raises(LineageCycle):
        closure_spans(timelines)


def test_below_finds_everything_placed_under_at_any_time() -> None:
    assert below(_timelines(), [4]) == {4, 5}
    assert below(_timelines(), [6]) == {6, 2, 3, 4, 5, 7}


def test_coalesce_joins_touching_periods() -> None:
    first, second = Span(1, 2, 1, None, JULY), Span(1, 2, 1, JULY, None)
    assert coalesce([second, first]) == [Span(1, 2, 1, None, None)]
    assert coalesce([first, Span(1, 2, 2, JULY, None)]) == [first, Span(1, 2, 2, JULY, None)]


def test_changes_are_written_in_order() -> None:
    check_after_last_change("code", "K1", JULY, JULY)  # the same day: a plan's later line
    check_after_last_change("code", "K1", JULY, None)
    with pytest.raises(Conflict) as refused:
        check_after_last_change("code", "K1", date(2025, 6, 30), JULY)
    assert refused.value.key == "tree.before_last_change"
