"""Figures the reports compute from counts: one definition each, so two reports never disagree."""

from __future__ import annotations

from collections.abc import Mapping


def median(histogram: Mapping[int, int]) -> float | None:
    """The median of values given as ``{value: how many}`` (a histogram, as the database returns it, never a
    row per person); the mean of the two middle values for an even count; ``None`` when there are none."""
    total = sum(histogram.values())
    if not total:
        return None
    low, high = (total - 1) // 2, total // 2  # the middle positions, counted from 0 (one when odd)
    seen = 0
    lower = 0
    for value in sorted(histogram):
        if seen <= low:
            lower = value
        seen += histogram[value]
        if seen > high:
            return (lower + value) / 2
    raise AssertionError("the positions are below the total")
