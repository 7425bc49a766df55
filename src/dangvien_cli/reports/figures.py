"""Arithmetic the reports share. Rounding is half-up, one function for every figure and format
(:func:`dangvien_cli.messages.numbers.round_half_up`): 1/16 is 6.3%, as a hand report or Excel shows it."""

from __future__ import annotations

from fractions import Fraction

from dangvien_cli.messages.numbers import round_half_up

__all__ = ["percent", "round_half_up", "whole"]


def percent(part: float | None, whole: float | None) -> float | None:
    """``part`` as a percentage of ``whole``, rounded half-up to one decimal; None when there is no whole."""
    if part is None or not whole:
        return None
    if isinstance(part, int) and isinstance(whole, int):
        return round_half_up(Fraction(part * 100, whole))
    return round_half_up(part * 100 / whole)


def whole(value: float | Fraction) -> int:
    """``value`` rounded half-up to a whole number (a projection of members)."""
    return int(round_half_up(value, 0))
