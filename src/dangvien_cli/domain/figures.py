"""Figures the reports compute from counts: one definition each, so two reports never disagree."""

from __future__ import annotations

from collections.abc import Mapping


def median(histogram: Mapping[int, int]) -> float | None:
    """The median of values given as ``{value: how many}`` (a histogram, as the database returns it, never a
    row per person); the mean of the two middle values for an even count; ``None`` when there are none."""
    total = sum(histogram.values())
    if not total:
        return None
    wanted = ((total - 1) // 2, total // 2)
    picked: list[int] = []
    seen = 0
    for value in sorted(histogram):
        count = histogram[value]
        picked += [value for position in wanted if seen <= position < seen + count]
        seen += count
    return sum(picked) / len(picked)
