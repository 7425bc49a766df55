"""The whole catalogue, joined from its topics (one module a topic; a key is defined once)."""

from __future__ import annotations

from dangvien_cli.messages import (
    access,
    calendar,
    cli,
    common,
    database,
    demo,
    dossier,
    exchange,
    help,
    output,
    people,
    reports,
    safety,
    tree,
    workflow,
)
from dangvien_cli.messages.fields import FIELDS
from dangvien_cli.messages.types import Catalog

TOPICS = (
    common,
    people,
    workflow,
    exchange,
    reports,
    database,
    demo,
    help,
    cli,
    output,
    calendar,
    tree,
    safety,
    dossier,
    access,
)


def _join() -> Catalog:
    joined: Catalog = {}
    for topic in TOPICS:
        for key in topic.MESSAGES.keys() & joined.keys():
            raise AssertionError(f"message key defined twice: {key}")
        joined.update(topic.MESSAGES)
    return joined


MESSAGES: Catalog = _join()

__all__ = ["FIELDS", "MESSAGES"]
