"""The tree over time (pure rules, no I/O): organisations' lives, their parents over time, lineage, and the
closure with validity intervals that answers "the subtree of X as of D".

Periods are half-open, ``[start, end)``, as a member's cell history is: ``end`` is the first day something
no longer holds. ``None`` as a start means "from before the records begin", as an end "still so". An
organisation's life is ``[start_on, end_on)``: a source merged on 1 July 2025 lives until 30 June, and its
``end_on`` is 1 July.

Where a closed organisation's records belong afterwards. A report dated after a change still reads the
records made before it (the year's admissions, the members on 1 January, last year's figures), and they must
count somewhere: in the organisation that took over. So after its end a closed organisation stays *under*
its successor (the target it was merged into) or, when it was simply closed, under its last parent; there it
holds no one (its people left or moved on that day) but its past records roll up through it. Lineage is then
one more parent in the closure: a merge of merges is followed with no extra query, and "the subtree of X as of
D" is still one indexed join. Lists of the tree leave closed organisations out (they are not alive on D).

The closure of one organisation follows from its *placements* (under which parent it sat, when) and its
parents' closures: for each placement ``[s, e)`` under P and each closure row (A, P, d, [s', e')), the row
(A, X, d + 1, [s, e) ∩ [s', e')). :func:`closure_spans` computes this for any set of organisations;
``db check`` compares the stored closure with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from dangvien_cli.errors import Conflict, InvalidValue

FIRST_DAY = date.min
LAST_DAY = date.max


def lower(day: date | None) -> date:
    """A start for comparisons (``None``: from the beginning)."""
    return FIRST_DAY if day is None else day


def upper(day: date | None) -> date:
    """An end for comparisons (``None``: still so)."""
    return LAST_DAY if day is None else day


def stored_start(day: date) -> date | None:
    return None if day == FIRST_DAY else day


def stored_end(day: date) -> date | None:
    return None if day == LAST_DAY else day


def covers(start: date | None, end: date | None, on: date) -> bool:
    """Whether the period ``[start, end)`` holds the day ``on``."""
    return lower(start) <= on < upper(end)


@dataclass(frozen=True)
class Version:
    """An organisation's name and parent over ``[start_on, end_on)``."""

    start_on: date | None
    end_on: date | None
    name: str
    parent_id: int | None


@dataclass(frozen=True)
class Timeline:
    """What the closure of one organisation follows from: its life, its versions in order, and the
    organisation that took over its records when its life ended (its successor, else its last parent)."""

    org_id: int
    start_on: date | None
    end_on: date | None
    versions: tuple[Version, ...]
    successor_id: int | None = None

    def placements(self) -> list[tuple[date, date, int]]:
        """(start, end, parent) periods, the time after its life included (see the module's docstring)."""
        periods = [
            (lower(v.start_on), upper(v.end_on), v.parent_id)
            for v in self.versions
            if v.parent_id is not None
        ]
        if self.end_on is not None:
            after = self.successor_id
            if after is None and self.versions:
                after = self.versions[-1].parent_id
            if after is not None:
                periods.append((self.end_on, LAST_DAY, after))
        return periods


@dataclass(frozen=True, order=True)
class Span:
    """A closure row: ``descendant_id`` is in ``ancestor_id``'s subtree, ``depth`` levels down, during
    ``[start_on, end_on)``."""

    ancestor_id: int
    descendant_id: int
    depth: int
    start_on: date | None
    end_on: date | None

    def key(self) -> tuple[int, int, int, date, date]:
        return (self.ancestor_id, self.descendant_id, self.depth, lower(self.start_on), upper(self.end_on))


class LineageCycle(Exception):
    """The organisations' placements loop (an organisation under its own successor or descendant)."""

    def __init__(self, org_ids: Iterable[int]) -> None:
        super().__init__(sorted(org_ids))
        self.org_ids = sorted(org_ids)


def coalesce(spans: Iterable[Span]) -> list[Span]:
    """The same rows with touching or overlapping periods of one (ancestor, descendant, depth) joined."""
    joined: list[Span] = []
    for span in sorted(spans, key=Span.key):
        last = joined[-1] if joined else None
        if (
            last is not None
            and (last.ancestor_id, last.descendant_id, last.depth)
            == (span.ancestor_id, span.descendant_id, span.depth)
            and lower(span.start_on) <= upper(last.end_on)
        ):
            end = max(upper(last.end_on), upper(span.end_on))
            joined[-1] = Span(
                last.ancestor_id, last.descendant_id, last.depth, last.start_on, stored_end(end)
            )
        else:
            joined.append(span)
    return joined


def closure_spans(
    timelines: Mapping[int, Timeline], wanted: Iterable[int] | None = None
) -> dict[int, list[Span]]:
    """The closure rows of each organisation in ``wanted`` (all of them by default), by descendant.

    Parents are computed first (memoised); a loop in the placements raises :class:`LineageCycle`."""
    done: dict[int, list[Span]] = {}
    visiting: set[int] = set()

    def spans_of(org_id: int) -> list[Span]:
        if org_id in done:
            return done[org_id]
        if org_id in visiting:
            raise LineageCycle(visiting)
        visiting.add(org_id)
        timeline = timelines[org_id]
        rows = [Span(org_id, org_id, 0, timeline.start_on, None)]
        for start, end, parent_id in timeline.placements():
            for above in spans_of(parent_id):
                begin = max(start, lower(above.start_on))
                finish = min(end, upper(above.end_on))
                if begin < finish:
                    rows.append(
                        Span(
                            above.ancestor_id,
                            org_id,
                            above.depth + 1,
                            stored_start(begin),
                            stored_end(finish),
                        )
                    )
        visiting.discard(org_id)
        done[org_id] = coalesce(rows)
        return done[org_id]

    for org_id in timelines if wanted is None else wanted:
        spans_of(org_id)
    return done if wanted is None else {org_id: done[org_id] for org_id in wanted}


def below(timelines: Mapping[int, Timeline], org_ids: Iterable[int]) -> set[int]:
    """``org_ids`` and every organisation placed under them at any time, directly or not (the rows of the
    closure that a change to them can alter)."""
    children: dict[int, set[int]] = {}
    for timeline in timelines.values():
        for _start, _end, parent_id in timeline.placements():
            children.setdefault(parent_id, set()).add(timeline.org_id)
    found: set[int] = set()
    stack = list(org_ids)
    while stack:
        org_id = stack.pop()
        if org_id in found:
            continue
        found.add(org_id)
        stack.extend(children.get(org_id, ()))
    return found


# --- rules of a change -------------------------------------------------------------------------------


def check_after_last_change(field: str, code: str, on: date, last_change: date | None) -> None:
    """A change takes effect no earlier than the organisation's last recorded change: history is written
    in order, so a later line never rewrites an earlier day. The same day is allowed: a plan makes several
    changes on one day (a ward merged on 1 July, then its cells merged the same day), in its order."""
    if last_change is not None and on < last_change:
        raise Conflict(field, code, "tree.before_last_change", on=on, last=last_change)


def check_alive(field: str, code: str, on: date, start_on: date | None, end_on: date | None) -> None:
    """The organisation exists on ``on`` (its life holds the day)."""
    if end_on is not None and on >= end_on:
        raise Conflict(field, code, "tree.closed", on=on, end_on=end_on)
    if start_on is not None and on < start_on:
        raise Conflict(field, code, "tree.not_yet", on=on, start_on=start_on)


def check_name(name: str) -> str:
    """A name with its spaces tidied; refused when empty."""
    tidy = " ".join(name.split())
    if not tidy:
        raise InvalidValue("name", name, "value.empty")
    return tidy
