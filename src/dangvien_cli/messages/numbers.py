"""Numbers and dates as people read them, in the run's language: the one place that spells them.

Vietnamese writes a decimal comma and groups thousands with a dot (``107,7%``, ``4.354``); English the other
way round (``107.7%``, ``4,354``). Both write dates day first, as the officers' papers do (``31/10/2022``)
and months as ``10/2022``. Rounding is half-up (away from zero, as a hand report and Excel's ``ROUND``
do), in :func:`round_half_up`, which the reports use for the figures they store, so that every format, JSON
included, shows the same digit: 1/16 is 6.3%, not Python's banker's 6.2%.

No Babel: two languages need two separators, and this module costs the start-up nothing (``dangvien
--help`` imports the catalogue).
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported when a figure is rounded, not by `dangvien --help`
    from decimal import Decimal
    from fractions import Fraction

# (decimal mark, thousands separator) by language.
SEPARATORS = {"vi": (",", "."), "en": (".", ",")}

# A message's integer parameters that name something (an ID, a year, a line of a file) are written as they
# are; the others are counts, grouped from a thousand (``4.354 đảng viên``).
RAW_PARAMS = frozenset(
    (
        "id",
        "member",
        "candidate",
        "mentor",
        "author",
        "ref",
        "year",
        "line",
        "value",
        "code",
        "revision",
        "month",
    )
)
GROUP_FROM = 1000


def round_half_up(value: float | Decimal | Fraction | int, decimals: int = 1) -> float:
    """``value`` rounded to ``decimals`` places, halves away from zero: 6.25 → 6.3, -0.45 → -0.5.

    A float is read as the shortest decimal that names it (``repr``), as a person reads it: 1.005 rounds to
    1.01 although its binary value is a hair below."""
    from decimal import ROUND_HALF_UP, Decimal
    from fractions import Fraction

    if isinstance(value, Fraction):
        exact = Decimal(value.numerator) / Decimal(value.denominator)
    elif isinstance(value, float):
        exact = Decimal(repr(value))
    else:
        exact = Decimal(value)
    quantum = Decimal(1).scaleb(-decimals)
    return float(exact.quantize(quantum, rounding=ROUND_HALF_UP))


def _separators(lang: str) -> tuple[str, str]:
    return SEPARATORS.get(lang, SEPARATORS["vi"])


def integer(value: int, lang: str, *, group: bool = True) -> str:
    """``4354`` → ``4.354`` (vi), ``4,354`` (en); without ``group``, the digits alone."""
    if not group:
        return str(value)
    _, thousands = _separators(lang)
    return f"{value:,d}".replace(",", thousands)


def decimal(value: float | Decimal | Fraction | int, lang: str, decimals: int = 1) -> str:
    """``44.05`` → ``44,1`` (vi), ``44.1`` (en): rounded half-up to ``decimals`` places, thousands grouped."""
    rounded = round_half_up(value, decimals)
    mark, thousands = _separators(lang)
    text = f"{rounded:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", mark).replace("\0", thousands)


def percent(value: float | Decimal | Fraction | int, lang: str, decimals: int = 1) -> str:
    """A percentage already in percent: ``107.69`` → ``107,7%`` (vi), ``107.7%`` (en)."""
    return decimal(value, lang, decimals) + "%"


def day(value: date, lang: str = "vi") -> str:
    """``31/10/2022`` in both languages (the papers' order)."""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def month(value: date, lang: str = "vi") -> str:
    """``10/2022``."""
    return f"{value.month:02d}/{value.year:04d}"


def iso_day(text: str) -> date | None:
    """An ISO date text (``2022-10-31``) as a date; None for anything else."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def param(name: str, value: Any, lang: str) -> Any:
    """A message's parameter ``name`` in ``lang``: a date as ``31/10/2022``, a fraction with its decimal
    mark, a count of thousands grouped; anything else (text, codes, IDs, years) as it is."""
    if isinstance(value, datetime):
        return day(value.date(), lang)
    if isinstance(value, date):
        return day(value, lang)
    if isinstance(value, bool):
        return value
    if isinstance(value, float) or _exact(value):
        return decimal(value, lang)
    if isinstance(value, int) and abs(value) >= GROUP_FROM and not _names_something(name):
        return integer(value, lang)
    return value


def _exact(value: Any) -> bool:
    """Whether ``value`` is a Decimal or a Fraction (neither can be one before its module is imported)."""
    pairs = (("decimal", "Decimal"), ("fractions", "Fraction"))
    kinds = tuple(getattr(sys.modules[name], kind) for name, kind in pairs if name in sys.modules)
    return bool(kinds) and isinstance(value, kinds)


def _names_something(name: str) -> bool:
    return name in RAW_PARAMS or name.endswith(("_id", "_year", "_no"))
