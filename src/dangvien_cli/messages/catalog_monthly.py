"""Texts for the monthly report(s) (merged into the one catalogue in catalog.py)."""

from __future__ import annotations

MONTHLY_MESSAGES: dict[str, tuple[str, str]] = {}
MONTHLY_FIELDS: dict[str, tuple[str, str]] = {}
