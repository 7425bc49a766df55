"""Importing mentors' monthly remarks: facts that are added, never updated; an identical remark is skipped.

The text follows the rule of ``candidate review`` and is written by the same store function. The rules of
``candidate review`` about who may remark and when (the candidate still on the way, the author its current
mentor, not before the assignment) judge a remark made today; a list carries history (remarks on candidates
since admitted or dropped, by a mentor since replaced), so they are not applied to it."""

from __future__ import annotations

from datetime import date

from dangvien_cli.domain.names import fold
from dangvien_cli.errors import InvalidValue
from dangvien_cli.exchange.importing.handler import Handler, is_citizen_id
from dangvien_cli.exchange.importing.rows import Row, add_problem, refuse_cell
from dangvien_cli.store.matching import PersonKey, referenced_ids
from dangvien_cli.store.models import Candidate
from dangvien_cli.store.remarks import add_remark, has_remark, remark_text


class ReviewHandler(Handler):
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
        try:
            values["text"] = remark_text(values["text"], "text")
        except InvalidValue as error:
            refuse_cell(self.report, row, "text", error)
            return
        values["candidate_id"], values["author_id"] = candidate_id, author_id

    def _candidate(self, value: str, born: date | None) -> tuple[int | None, str]:
        """A candidate named by citizen ID, or by name (with the birth date when the list gives it)."""
        key = (
            PersonKey(citizen_id=value)
            if is_citizen_id(value)
            else PersonKey(name_folded=fold(value), birth_date=born)
        )
        ids = referenced_ids(session=self.session, model=Candidate, key=key)
        if not ids:
            return None, "import.ref_not_found"
        if len(ids) > 1:
            return None, "import.ref_ambiguous"
        return ids[0], ""

    def write(self, rows: list[Row]) -> None:
        for row in rows:
            values = row.values
            remark = {
                "candidate_id": values["candidate_id"],
                "author_id": values["author_id"],
                "on": values["date"],
                "text": values["text"],
            }
            if has_remark(session=self.session, **remark):
                self.report.skipped += 1
                continue
            add_remark(session=self.session, **remark)
            self.report.created += 1
