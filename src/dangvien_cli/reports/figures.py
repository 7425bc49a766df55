"""Arithmetic the reports share. Rounding is half-up, one function for every figure and format
(:func:`dangvien_cli.messages.numbers.round_half_up`): 1/16 is 6.3%, as a hand report or Excel shows it."""

from __future__ import annotations

from fractions import Fraction

from dangvien_cli.messages.numbers import round_half_up

__all__ = ["percent", "ratio", "round_half_up", "whole"]


def percent(part: float | None, whole: float | None) -> float | None:
    """``part`` as a percentage of ``whole``, rounded half-up to one decimal; None when there is no whole."""
    if part is None or not whole:
        return None
    if isinstance(part, int) and isinstance(whole, int):
        return ratio(part * 100, whole)
    return round_half_up(part * 100 / whole)


def ratio(numerator: int, denominator: int) -> float:
    """``numerator / denominator`` rounded half-up (away from zero) to one decimal, in whole numbers:
    ``round_half_up(Fraction(numerator, denominator))`` without building either (a report computes tens of
    thousands). The same figure for any counts a report meets (exact where the decimal division rounds at
    28 digits: they differ only for a denominator beyond 10^20)."""
    negative = numerator != 0 and (numerator < 0) != (denominator < 0)
    numerator, denominator = abs(numerator), abs(denominator)
    tenths = (20 * numerator + denominator) // (2 * denominator)
    return -(tenths / 10) if negative else tenths / 10  # -0.0 for a negative below a twentieth, as Decimal


def whole(value: float | Fraction) -> int:
    """``value`` rounded half-up to a whole number (a projection of members)."""
    return int(round_half_up(value, 0))
