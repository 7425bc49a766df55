"""Importing mentors' monthly remarks."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from dangvien_cli.domain.names import fold
from dangvien_cli.exchange.importing.handler import Handler
from dangvien_cli.exchange.importing.rows import Row, add_problem, jsonable
from dangvien_cli.store.models import Candidate, Remark
from dangvien_cli.store.people import is_current


class ReviewHandler(Handler):
    """Mentors' monthly remarks: facts that are added, never updated; an identical remark is skipped."""

    def check(self, row: Row) -> None:
        if row.failed:
            return
        values = row.values
        candidate_id, key = self._candidate(values["candidate"], values.get("candidate_birth_date"))
        if key:
            add_problem(self.report, row, "candidate", key)
            return
        author_id, key = self.member_ref(values["author"])
        if key:
            add_problem(self.report, row, "author", key)
            return
        values["candidate_id"], values["author_id"] = candidate_id, author_id

    def _candidate(self, value: str, born: date | None) -> tuple[int | None, str]:
        if value.isascii() and value.isdigit() and len(value) == 12:
            query = select(Candidate.id).where(Candidate.citizen_id == value)
        else:
            query = select(Candidate.id).where(Candidate.name_folded == fold(value))
            if born is not None:
                query = query.where(Candidate.birth_date == born)
        ids = list(self.session.exec(query.where(is_current(Candidate)).limit(2))) or list(
            self.session.exec(query.limit(2))
        )
        if not ids:
            return None, "import.ref_not_found"
        if len(ids) > 1:
            return None, "import.ref_ambiguous"
        return ids[0], ""

    def write(self, rows: list[Row]) -> None:
        for row in rows:
            values = row.values
            fields = {
                "candidate_id": values["candidate_id"],
                "author_id": values["author_id"],
                "remarked_on": values["date"],
                "text": values["text"],
            }
            exists = self.session.exec(
                select(Remark.id).where(*(getattr(Remark, k) == v for k, v in fields.items()))
            ).first()
            if exists is not None:
                self.report.skipped += 1
                continue
            remark = Remark(**fields)
            self.session.add(remark)
            self.session.flush()
            assert remark.id is not None
            self.log("insert", "remark", [(remark.id, None, jsonable(remark.model_dump()))])
            self.report.created += 1
