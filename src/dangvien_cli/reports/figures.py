"""Arithmetic the reports share."""

from __future__ import annotations


def percent(part: float | None, whole: float | None) -> float | None:
    """``part`` as a percentage of ``whole``, rounded to one decimal; None when there is no whole."""
    if part is None or not whole:
        return None
    return round(part * 100 / whole, 1)
