"""How a table fits the terminal's width (80 columns on an ordinary laptop terminal).

Each column is measured three ways: its natural width (every value and the header on one line), a
comfortable narrowest (text wrapped at words into a readable column), and the narrowest at all (a word is
never split; a figure, a date or a code kept on one line whole). A table that does not fit gives way in
this order:

1. long text wraps, down to the comfortable widths;
2. low-value columns are left out, in :data:`DROP_ORDER` (the table says which under it; ``--wide`` shows
   them all);
3. text wraps further, down to its longest word.

A person's or an organisation's name is never cut: its column is never narrower than its longest word, and
it is never dropped. Only a single word longer than the whole terminal could still fold.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from dangvien_cli.render.model import FIGURES, Column, Kind

# Columns holding the names of people and organisations: never dropped, never folded inside a word.
NAMES = frozenset(
    {"full_name", "name", "cell_name", "mentor_name", "author_name", "introducer_name", "org_name"}
)

# The columns a narrow table leaves out first, in this order; the others stay.
DROP_ORDER = (
    "match",
    "os_user",
    "gender",
    "official_on",
    "identified_on",
    "detail",
    "source",
    "birth_date",
    "entity",
    "last_remark_on",
    "days_in_stage",
    "change_average_age",
    "change_members",
    "percent_of_stretch",
    "percent_of_residential",
    "percent_of_members",
    "median_age",
    "percent_over_60",
    "admitted_on",
    "stage_on",
    "granted_by",
    "granted_at",
)

# How wide a wrapped text column stays before columns are dropped: a name, other text.
COMFORTABLE_NAME = 22
COMFORTABLE_TEXT = 14
SHORT_HEADER = 10  # a header this short stays on one line when the room is there


@dataclass(frozen=True)
class Measure:
    """A column's widths in terminal cells: one line, wrapped comfortably, wrapped as far as it goes."""

    natural: int
    soft: int
    hard: int


def _cells(line: str) -> int:
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in line
    )


def text_width(text: str) -> int:
    """The cells ``text`` takes on a terminal, its widest line (a combining mark takes none, a wide
    character two)."""
    return max((_cells(line) for line in text.splitlines()), default=0)


def _longest_word(texts: Sequence[str]) -> int:
    return max((text_width(word) for text in texts for word in text.split()), default=0)


def measure(column: Column, header: str, texts: Sequence[str]) -> Measure:
    """The widths of ``column`` with its ``header`` and the ``texts`` of its cells."""
    widest = max((text_width(text) for text in texts), default=0)
    header_word = _longest_word([header])
    natural = max(widest, text_width(header))
    if not column.wrap:  # kept on one line, header too (an age band "18-30", a date)
        return Measure(natural, natural, natural)
    if column.kind in FIGURES or column.kind is Kind.date:  # the value whole, the header may wrap
        keep = max(widest, header_word)
        return Measure(natural, keep, keep)
    word = _longest_word(texts)
    if column.key in NAMES:
        soft = max(min(widest, COMFORTABLE_NAME), word, header_word)
        return Measure(natural, soft, max(word, header_word))
    if column.codes is not None:  # a short label stays whole ("Già hóa"); a long one wraps at its words
        if text_width(header) <= SHORT_HEADER:
            header_word = text_width(header)
        soft = max(min(widest, COMFORTABLE_TEXT), word, header_word)
        return Measure(natural, soft, soft if widest <= COMFORTABLE_TEXT else max(word, header_word))
    soft = max(min(widest, COMFORTABLE_TEXT), header_word)
    return Measure(natural, soft, max(min(word, COMFORTABLE_TEXT), header_word, min(widest, 6)))


@dataclass(frozen=True)
class Fit:
    """The columns a table keeps (their indexes), their widths, and the columns it leaves out."""

    kept: list[int]
    widths: list[int]
    dropped: list[int]


def _droppable(columns: Sequence[Column]) -> list[int]:
    """The indexes of the columns that may be left out, the first to go first."""
    order = {key: rank for rank, key in enumerate(DROP_ORDER)}
    candidates = [i for i, c in enumerate(columns) if c.key in order and c.key not in NAMES and i > 0]
    return sorted(candidates, key=lambda i: order[columns[i].key])


def fit(
    columns: Sequence[Column],
    measures: Sequence[Measure],
    width: int,
    overhead: int,
    per_column: int,
    *,
    wide: bool = False,
    headers: Sequence[int] | None = None,
) -> Fit:
    """Fit the columns in ``width`` cells; a table of n columns takes ``overhead + per_column × n`` cells
    besides its content (borders, padding). With ``wide`` every column stays at its natural width.
    ``headers`` are the widths of the headers on one line: a short one is kept whole where there is room."""
    kept = list(range(len(columns)))

    def room(indexes: Sequence[int]) -> int:
        return width - overhead - per_column * len(indexes)

    def total(indexes: Sequence[int], attribute: str) -> int:
        return sum(getattr(measures[i], attribute) for i in indexes)

    if wide or total(kept, "natural") <= room(kept):
        return Fit(kept, [measures[i].natural for i in kept], [])
    dropped: list[int] = []
    droppable = _droppable(columns)
    while total(kept, "soft") > room(kept) and droppable:
        gone = droppable.pop(0)
        kept.remove(gone)
        dropped.append(gone)
    for gone in reversed(list(dropped)):  # a column dropped early may fit again beside a narrower one
        tried = sorted([*kept, gone])
        if total(tried, "soft") <= room(tried):
            kept, dropped = tried, [i for i in dropped if i != gone]
    floor = "soft" if total(kept, "soft") <= room(kept) else "hard"
    widths = {i: getattr(measures[i], floor) for i in kept}
    _share(columns, measures, widths, room(kept) - sum(widths.values()), headers)
    return Fit(kept, [widths[i] for i in kept], sorted(dropped))


def _share(
    columns: Sequence[Column],
    measures: Sequence[Measure],
    widths: dict[int, int],
    spare: int,
    headers: Sequence[int] | None,
) -> None:
    """Give ``spare`` cells to the kept columns (``widths``, changed in place): names first, up to a line;
    then short headers, whole; then the columns that would take more, the most cramped first."""
    for i in widths:
        if columns[i].key in NAMES and spare > 0:
            grown = min(measures[i].soft - widths[i], spare)
            widths[i] += grown
            spare -= grown
    for i in widths:
        wanted = headers[i] - widths[i] if headers is not None else 0
        if 0 < wanted <= spare and headers is not None and headers[i] <= SHORT_HEADER:
            widths[i] += wanted
            spare -= wanted
    while spare > 0:
        wanting = [i for i in widths if widths[i] < measures[i].natural]
        if not wanting:
            break
        neediest = max(wanting, key=lambda i: (measures[i].natural - widths[i]) / measures[i].natural)
        widths[neediest] += 1
        spare -= 1
