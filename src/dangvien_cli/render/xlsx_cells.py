"""Safety of xlsx cells: text stays text (never a formula), and a value XML cannot hold is a clear error."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from dangvien_cli.errors import InvalidValue
from dangvien_cli.text import shown


def xlsx_text(cell: Any) -> Any:
    """Make an openpyxl cell holding text a text cell, whatever the text starts with (openpyxl otherwise
    stores a string starting with ``=`` as a formula). Returns the cell."""
    if isinstance(cell.value, str) and cell.data_type == "f":
        cell.data_type = "s"
    return cell


@contextmanager
def xlsx_guard(path: Path) -> Iterator[None]:
    """Writing a workbook: a value XML cannot hold (a control character stored before such input was
    refused) becomes a clear error naming the value, before any file is written."""
    from openpyxl.utils.exceptions import IllegalCharacterError

    try:
        yield
    except IllegalCharacterError as error:
        value = str(error).removesuffix(" cannot be used in worksheets.")
        raise InvalidValue("output", str(path), "export.control_character", text=shown(value)) from None
