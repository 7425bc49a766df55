"""Texts for the pipeline report(s) (merged into the one catalogue in catalog.py)."""

from __future__ import annotations

PIPELINE_MESSAGES: dict[str, tuple[str, str]] = {}
PIPELINE_FIELDS: dict[str, tuple[str, str]] = {}
