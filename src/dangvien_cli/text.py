"""Text helpers every layer shares: what keeps hostile text harmless on its way out, and private data private.

A neutral module (it imports nothing of the project), so that messages, domain, store, exchange and the
renderer can all use it without an import cycle.

* **Formula injection.** A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in
  some programs, a tab or a carriage return) as a formula: a name typed as ``=HYPERLINK(...)`` would become
  a link in whoever opens the list. As OWASP advises, CSV cells that start so get a leading ``'``
  (:func:`neutralise`); xlsx cells are written as text cells, never formulas (``render.xlsx_cells``). So that
  ``export`` still imports back unchanged, a cell that starts with ``'`` is escaped too, and the CSV reader
  takes exactly that one quote off again (:func:`restore`): ``'=x`` reads as ``=x``, ``''x`` as ``'x``,
  while ``'Hoa`` (not an escape) is kept as it is. Only text is neutralised: numbers such as ``-11`` (a
  shortfall in a report) stay numbers.
* **Control characters** (other than the whitespace that names are cleaned of) have no place in a name or a
  note, break XML (xlsx) and PostgreSQL text (NUL): input with them is refused (:func:`control_character`),
  and so are the bidirectional overrides that make a text display as another.
* **Echoing input back.** An error message quotes the value it refuses; :func:`shown` makes that quote
  one short line that cannot drive the terminal (escape sequences, line breaks and other invisible
  characters are written as ``\\x1b``-style escapes, and a 10 MB value is cut to its start).
* **Values shown to a terminal.** A value stored by an older version (or written into the database by
  hand) may still hold an escape sequence; every table, Markdown page and message shows values through
  :func:`visible`, the one function that writes control characters as escapes (``\\x1b``), so no stored
  value can retitle the window, clear the screen or recolour what follows.
* **Redaction** (``--redact``): citizen IDs keep their first three and last two digits, birth dates their
  year and month (:func:`redact`), the same masks as ``export --redact``. Names stay: the cell secretary
  who receives the list needs them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from typing import Any

__all__ = [
    "FORMULA_STARTS",
    "SHOWN_LIMIT",
    "control_character",
    "mask_birth_date",
    "mask_citizen_id",
    "mask_reference",
    "neutralise",
    "redact",
    "restore",
    "shown",
    "visible",
    "visible_values",
]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED_STARTS = (*FORMULA_STARTS, "'")


def neutralise(value: Any) -> Any:
    """A CSV cell that no spreadsheet runs as a formula: text starting with a formula character (or with the
    escape quote itself) gets a leading ``'``. Anything that is not text is returned as it is."""
    if isinstance(value, str) and value.startswith(_ESCAPED_STARTS):
        return "'" + value
    return value


def restore(value: str) -> str:
    """The inverse of :func:`neutralise`, for a cell read from CSV."""
    if value[:1] == "'" and value[1:2] and value[1:].startswith(_ESCAPED_STARTS):
        return value[1:]
    return value


# Bidirectional embeddings, overrides and isolates: they make text display in another order than it is
# stored ("Trojan Source"), so a name could pose as another.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def control_character(text: str) -> str | None:
    """The first character of ``text`` that is a control character other than whitespace, a lone surrogate
    (undecodable bytes) or a bidirectional override; ``None`` when there is none."""
    if text.isprintable():
        return None
    for ch in text:
        category = unicodedata.category(ch)
        if (category == "Cc" and not ch.isspace()) or category == "Cs" or ch in _BIDI_CONTROLS:
            return ch
    return None


SHOWN_LIMIT = 200


def _escape(ch: str) -> str:
    return ch.encode("unicode_escape", "backslashreplace").decode("ascii")


def visible(text: str) -> str:
    """``text`` with every character that is not printable (control characters, escape sequences, line
    breaks, lone surrogates) written as its escape (``\\x1b``, ``\\n``), and the bidirectional overrides
    too: what a terminal shows is what is stored, and cannot drive the terminal. Spaces stay."""
    if text.isprintable() and not _BIDI_CONTROLS.intersection(text):
        return text
    return "".join(
        _escape(ch) if (not ch.isprintable() and ch != " ") or ch in _BIDI_CONTROLS else ch for ch in text
    )


def visible_values(value: Any) -> Any:
    """A copy of any JSON-like nesting (mappings, lists, tuples) with every text made :func:`visible`."""
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, Mapping):
        return {key: visible_values(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [visible_values(item) for item in value]
    return value


def shown(text: str, limit: int = SHOWN_LIMIT) -> str:
    """``text`` as an error message may quote it: :func:`visible`, cut after ``limit`` characters with the
    full length given."""
    if text.isprintable() and len(text) <= limit and not _BIDI_CONTROLS.intersection(text):
        return text
    out = visible(text[:limit])
    if len(text) > limit:
        out += f"… ({len(text):,})"
    return out


def mask_citizen_id(value: str | None) -> str | None:
    """``022070001234`` → ``022*******34``."""
    if not value:
        return value
    if len(value) <= 5:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 5) + value[-2:]


def mask_birth_date(value: str | date | None) -> str | None:
    """``1970-09-01`` → ``1970-09-**``: the year and month stay for ages, the day goes."""
    if isinstance(value, date):
        value = value.isoformat()
    if not value:
        return value
    return value[:8] + "**"


_REFERENCE_BIRTH = re.compile(r"^(.*\()(\d{1,2})(/\d{1,2}/\d{4}\))$")


def mask_reference(value: Any) -> Any:
    """A person named in another's record (a mentor, an introducer): a citizen ID masked as in
    :func:`mask_citizen_id`; ``Name (dd/mm/yyyy)``, as export names someone without one, keeps the name and
    loses the day of birth (``Name (**/mm/yyyy)``)."""
    if not isinstance(value, str) or not value:
        return value
    if value.isascii() and value.isdigit():
        return mask_citizen_id(value)
    return _REFERENCE_BIRTH.sub(r"\1**\3", value)


def _is_birth_key(key: str) -> bool:
    return key == "birth_date" or key.endswith("_birth_date")


def _is_citizen_key(key: str) -> bool:
    return key == "citizen_id" or key.endswith("_citizen_id")


def redact(value: Any) -> Any:
    """A copy of a record, a list of records, or any JSON-like nesting of them, with every citizen ID
    (keys ``citizen_id``, ``*_citizen_id``) and birth date (``birth_date``, ``*_birth_date``) masked."""
    if isinstance(value, Mapping):
        out: dict[Any, Any] = {}
        for key, item in value.items():
            if isinstance(key, str) and _is_citizen_key(key) and isinstance(item, str):
                out[key] = mask_citizen_id(item)
            elif isinstance(key, str) and _is_birth_key(key) and isinstance(item, str | date):
                out[key] = mask_birth_date(item)
            else:
                out[key] = redact(item)
        return out
    if isinstance(value, list | tuple):
        return [redact(item) for item in value]
    return value
