"""The shapes of the catalogue's entries."""

from __future__ import annotations

# A text in Vietnamese and English, or (for a count) Vietnamese and English singular and plural: Vietnamese
# nouns do not change with the number.
Entry = tuple[str, str] | tuple[str, tuple[str, str]]
Catalog = dict[str, Entry]
Labels = dict[str, tuple[str, str]]
