"""Texts for import, export and search (merged into the one catalogue in catalog.py)."""

from __future__ import annotations

EXCHANGE_MESSAGES: dict[str, tuple[str, str]] = {}
EXCHANGE_FIELDS: dict[str, tuple[str, str]] = {}
