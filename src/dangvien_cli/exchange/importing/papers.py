"""Importing dossier papers (``import papers``): one paper a line, for a candidate or a member named as
files name people (a citizen ID, or "Name (dd/mm/yyyy)"), under a code of the dossier's list.

Each paper goes through the checks and the store function of ``dossier add``. A paper equal to one already
entered (same person, form, date and number) is skipped, so the same file imported twice changes nothing.
A second paper of a form the dossier holds once (another application) follows ``--on-duplicate``: refused
(``error``, naming the one entered), ``skip``, or ``update`` (the entered one takes the line's date, number,
author and file, logged). Rows are written one by one, in order, so a later line sees an earlier one.
"""

from __future__ import annotations

from typing import Any

from dangvien_cli.domain.names import fold
from dangvien_cli.errors import DangvienError, InvalidValue
from dangvien_cli.exchange.importing.handler import Handler, member_key
from dangvien_cli.exchange.importing.rows import Row, add_problem, refuse_cell
from dangvien_cli.store.dossiers import Subject, paper_list
from dangvien_cli.store.matching import admission_of, referenced_ids
from dangvien_cli.store.models import Candidate, Member
from dangvien_cli.store.papers import (
    PaperFields,
    add_paper,
    check_paper,
    cleaned,
    entered_papers,
    update_paper,
)


class PaperHandler(Handler):
    def check(self, row: Row) -> None:
        if row.failed:
            return
        values = row.values
        try:
            values["spec"] = paper_list(self.options.settings).get(values["form"])
        except InvalidValue as error:
            refuse_cell(self.report, row, "form", error)
            return
        subject = self._subject(row)
        if subject is None:
            return
        try:
            fields = cleaned(
                PaperFields(values["date"], values.get("number"), values.get("author"), values.get("file"))
            )
            check_paper(subject, values["spec"], fields, today=self.options.today)
        except InvalidValue as error:
            refuse_cell(self.report, row, error.field if error.field in row.headers else "date", error)
            return
        values["subject"], values["fields"] = subject, fields

    def _subject(self, row: Row) -> Subject | None:
        """The candidate or member the row names; both when the admission recorded here links them."""
        values = row.values
        key = member_key(values["person"])
        if key is None:
            add_problem(self.report, row, "person", "import.ref_not_found")
            return None
        candidates = referenced_ids(session=self.session, model=Candidate, key=key)
        members = referenced_ids(session=self.session, model=Member, key=key)
        if len(candidates) > 1 or len(members) > 1:
            add_problem(self.report, row, "person", "import.ref_ambiguous")
            return None
        candidate = self.session.get(Candidate, candidates[0]) if candidates else None
        member = self.session.get(Member, members[0]) if members else None
        if candidate is None and member is None:
            add_problem(self.report, row, "person", "import.ref_not_found")
            return None
        if candidate is not None and member is not None:
            linked = admission_of(session=self.session, member_id=members[0])
            if linked != candidate.id:
                add_problem(
                    self.report,
                    row,
                    "person",
                    "dossier.person_twice",
                    candidate=candidate.id,
                    member=member.id,
                )
                return None
        elif member is not None:
            linked = admission_of(session=self.session, member_id=members[0])
            candidate = self.session.get(Candidate, linked) if linked is not None else None
        subject = Subject(candidate, member)
        named = values.get("full_name")
        if named is not None and fold(named) != fold(subject.full_name):
            add_problem(self.report, row, "full_name", "dossier.name_mismatch", found=subject.full_name)
            return None
        return subject

    def write(self, rows: list[Row]) -> None:
        for row in rows:
            values: dict[str, Any] = row.values
            subject, spec, fields = values["subject"], values["spec"], values["fields"]
            existing = entered_papers(session=self.session, subject=subject, spec=spec)
            if any((p.on, p.number) == (fields.on, fields.number) for p in existing):
                self.report.skipped += 1
                continue
            if existing and not spec.many:
                first = existing[0]
                if self.options.on_duplicate == "update":
                    update_paper(session=self.session, paper=first, fields=fields)
                    self.report.updated += 1
                elif self.options.on_duplicate == "skip":
                    self.report.skipped += 1
                else:
                    add_problem(self.report, row, "form", "dossier.already_entered", on=first.on)
                continue
            try:
                add_paper(
                    session=self.session, subject=subject, spec=spec, fields=fields, today=self.options.today
                )
            except DangvienError as error:
                add_problem(self.report, row, "form", error.key, **error.params)
                continue
            self.report.created += 1
