"""docs/sources.md ("Căn cứ / Sources") lists every rule with the citation the check prints, and the
calendar's documents; the citations name no text that could not be found."""

from __future__ import annotations

from pathlib import Path

import pytest

from dangvien_cli.domain.rules import SOURCES
from dangvien_cli.domain.settings import Settings

DOC = Path(__file__).resolve().parent.parent / "docs" / "sources.md"


def rule_lines() -> dict[str, str]:
    lines = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("| `") and "." in line.split("`")[1]:
            lines[line.split("`")[1]] = line
    return lines


def test_the_page_is_titled_for_both_languages() -> None:
    assert DOC.read_text(encoding="utf-8").startswith("# Căn cứ / Sources\n")


@pytest.mark.parametrize("code", sorted(SOURCES))
def test_every_rule_is_listed_with_the_citation_the_check_prints(code: str) -> None:
    lines = rule_lines()
    assert code in lines
    assert SOURCES[code] in lines[code]


def test_no_rule_is_listed_that_the_check_does_not_know() -> None:
    assert set(rule_lines()) <= set(SOURCES)


def test_the_settings_named_exist() -> None:
    known = set(Settings.__dataclass_fields__)
    for line in rule_lines().values():
        setting = line.rstrip(" |").rsplit("|", 1)[1]
        for name in [part.split("`")[1] for part in setting.split(",") if "`" in part]:
            assert name in known, name


def test_the_texts_in_force_and_those_that_agree_are_named() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert "Quy định 294-QĐ/TW" in text
    assert "đang có hiệu lực" in text
    assert "232-QĐ/TW" in text
    assert "24-QĐ/TW" in text
    assert "12729/VPCP-KGVX" in text
    assert "(confirm)" not in text
