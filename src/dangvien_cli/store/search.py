"""Finding members and candidates by name (tìm kiếm theo tên), with or without tone marks.

How a query matches
-------------------
The query is folded like the stored ``name_folded`` (tones and marks dropped, đ→d, lower case; see
:func:`dangvien_cli.domain.names.fold`) and split into words. A person matches when *every* query word is
the start of *some* word of their folded name, in any order: "nguyen van sy", "sy nguyen" and "ng sy" all
find Nguyễn Văn Sỹ; "dang" finds Đặng; "hoa" finds Hòa, Hoà and Hoàng. Words are what whitespace separates,
so "hen" does not find H'Hen.

The spelling variants i/y (Sĩ/Sỹ, Lý/Lí, Mỹ/Mĩ) are treated as one letter: every "y" becomes "i" on
both sides before comparing. The price is a few extra hits (a query "huy" also finds a "Hui"), which a
person scanning a short list can ignore; a missed Sỹ cannot be seen at all.

Query words with no letter or digit (a lone "-") are dropped; a query left with no words at all is
refused (``InvalidValue("text", ..., "search.empty")``). Other characters, the SQL wildcards % and _
included, match literally.

Ranking
-------
A result is ``"exact"`` when every query word, as typed (NFC, case-insensitive, tone marks and their
placement included), is the start of a word of the full name as stored: "Hòa" typed finds Hòa as exact
and Hoà (old tone placement) or Hoa as ``"folded"``; "Sĩ" finds Sỹ as folded. Exact results come first,
then folded ones; each group in Vietnamese name order (``name_sort``), members before candidates, then by
ID. ``limit`` cuts the ranked list, so exact matches are never pushed out by folded ones.

The filtering is SQL (LIKE on ``name_folded`` with bound parameters and an ESCAPE clause) that runs the
same on SQLite and PostgreSQL; the "exact" test needs Unicode case folding, which SQLite's ``lower()``
lacks, so it runs in Python on the names that passed the filter. Details (cell, status) are then fetched
for the results that survive the limit only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.domain.names import fold, normalize
from dangvien_cli.domain.vocab import Gender, MemberStatus, Stage
from dangvien_cli.errors import InvalidValue
from dangvien_cli.store.models import Candidate, Member, Membership, Organisation
from dangvien_cli.store.records import member_status

__all__ = ["SearchResult", "search_people"]


@dataclass(frozen=True)
class SearchResult:
    """One person found: a member (with their status on the day) or a candidate (with their stage)."""

    kind: str  # "member" or "candidate"
    id: int
    full_name: str
    gender: Gender
    birth_date: date
    cell: str | None
    status: MemberStatus | Stage | None
    citizen_id: str | None
    match: str  # "exact" or "folded"

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "full_name": self.full_name,
            "gender": self.gender.value,
            "birth_date": self.birth_date.isoformat(),
            "cell": self.cell,
            "status": self.status.value if self.status is not None else None,
            "citizen_id": self.citizen_id,
            "match": self.match,
        }


_ESCAPE: Final = "\\"
_KIND_ORDER: Final = {"member": 0, "candidate": 1}
_CHUNK: Final = 500  # ids per IN (...) list, well under SQLite's limit on bound parameters


def _query_words(text: str) -> tuple[list[str], list[str]]:
    """(folded words for SQL, typed words for the exact test); words without a letter or digit dropped."""
    typed = [w for w in normalize(text).split(" ") if any(ch.isalnum() for ch in w)]
    folded = [fold(w).replace("y", "i") for w in typed]
    kept = [(f, w.casefold()) for f, w in zip(folded, typed, strict=True) if f]
    if not kept:
        raise InvalidValue("text", text, "search.empty")
    return [f for f, _ in kept], [w for _, w in kept]


def _like_word_start(word: str) -> str:
    """A LIKE pattern for " <word>..." anywhere, with the user's %, _ and \\ taken literally."""
    escaped = word.replace(_ESCAPE, _ESCAPE * 2).replace("%", _ESCAPE + "%").replace("_", _ESCAPE + "_")
    return f"% {escaped}%"


def _name_condition(name_folded: Any, words: Sequence[str]) -> sa.ColumnElement[bool]:
    # A leading space makes "start of a word" one pattern: " <word>" follows a space or the start.
    haystack = sa.literal(" ", sa.String) + sa.func.replace(name_folded, "y", "i")
    return sa.and_(*(haystack.like(_like_word_start(w), escape=_ESCAPE) for w in words))


def _is_exact(full_name: str, typed: Sequence[str]) -> bool:
    name_words = full_name.casefold().split()
    return all(any(n.startswith(w) for n in name_words) for w in typed)


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _member_details(*, session: Session, ids: Sequence[int], on: date) -> dict[int, dict[str, Any]]:
    # The cell on ``on``; for someone who had left by then, the cell they left from; for someone admitted
    # after ``on``, their latest cell (the same rule as show_member).
    cell = (
        select(Organisation.code)
        .join(Membership, col(Membership.cell_id) == Organisation.id)
        .where(Membership.member_id == Member.id)
        .order_by(
            sa.case((col(Membership.start_on) <= on, 0), else_=1),
            col(Membership.start_on).desc(),
            col(Membership.id).desc(),
        )
        .limit(1)
        .correlate(Member)
        .scalar_subquery()
    )
    found: dict[int, dict[str, Any]] = {}
    for chunk in _chunks(ids):
        rows = session.execute(select(Member, cell).where(col(Member.id).in_(chunk)))
        for member, cell_code in rows:
            assert member.id is not None
            found[member.id] = {
                "gender": Gender(member.gender),
                "birth_date": member.birth_date,
                "cell": cell_code,
                "status": member_status(member, on),
                "citizen_id": member.citizen_id,
            }
    return found


def _candidate_details(*, session: Session, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    found: dict[int, dict[str, Any]] = {}
    for chunk in _chunks(ids):
        rows = session.execute(
            select(Candidate, Organisation.code)
            .join(Organisation, col(Organisation.id) == Candidate.cell_id)
            .where(col(Candidate.id).in_(chunk))
        )
        for candidate, cell_code in rows:
            assert candidate.id is not None
            found[candidate.id] = {
                "gender": Gender(candidate.gender),
                "birth_date": candidate.birth_date,
                "cell": cell_code,
                "status": Stage(candidate.stage),
                "citizen_id": candidate.citizen_id,
            }
    return found


def search_people(*, session: Session, text: str, on: date, limit: int | None = 100) -> list[SearchResult]:
    """Members and candidates whose name matches ``text``, exact-diacritic matches first.

    Each result (a :class:`SearchResult`): ``kind`` ("member" or "candidate"), ``id``, ``full_name``,
    ``gender``, ``birth_date``, ``cell`` (a member's cell on ``on``, or the cell they left from; a
    candidate's cell), ``status`` (a member's status on ``on``: probationary, official, left, or ``None`` if
    admitted later; a candidate's stage, admitted and dropped included), ``citizen_id`` and ``match``
    ("exact" or "folded"). At most ``limit`` results (``None``: all). See the module docstring for the rules.
    """
    if limit is not None and limit < 0:
        raise InvalidValue("limit", limit, "value.negative")
    folded, typed = _query_words(text)

    hits: list[tuple[bool, str, int, int, str, str]] = []  # (folded?, sort key, kind rank, id, kind, name)
    for kind, table in (("member", Member), ("candidate", Candidate)):
        query = select(table.id, table.full_name, table.name_sort).where(
            _name_condition(col(table.name_folded), folded)
        )
        for person_id, full_name, name_sort in session.execute(query):
            exact = _is_exact(full_name, typed)
            hits.append((not exact, name_sort, _KIND_ORDER[kind], person_id, kind, full_name))
    hits.sort()
    if limit is not None:
        hits = hits[:limit]

    members = _member_details(session=session, ids=[h[3] for h in hits if h[4] == "member"], on=on)
    candidates = _candidate_details(session=session, ids=[h[3] for h in hits if h[4] == "candidate"])
    return [
        SearchResult(
            kind=kind,
            id=person_id,
            full_name=full_name,
            **(members[person_id] if kind == "member" else candidates[person_id]),
            match="folded" if is_folded else "exact",
        )
        for is_folded, _, _, person_id, kind, full_name in hits
    ]
