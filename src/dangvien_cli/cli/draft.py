"""``dangvien draft FORM ID -o FILE.docx``: a paper the cell or the committee writes, drafted from the records
(Mẫu 6-KNĐ, 13-KNĐ, a draft 9-KNĐ). Written by the Word renderer the reports use; ``--template`` takes an
officer's own template. What is drafted: :mod:`dangvien_cli.reports.drafts`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dangvien_cli.cli.common import app_context, today
from dangvien_cli.cli.options import ForceOption, TemplateOption
from dangvien_cli.cli.output import emit, notice
from dangvien_cli.messages import t
from dangvien_cli.render.formats import OutputFormat


def draft(
    ctx: typer.Context,
    form: Annotated[str, typer.Argument(metavar="metavar.form", help="help.draft.form")],
    person_id: Annotated[int, typer.Argument(metavar="metavar.id", help="help.draft.person")],
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="metavar.file", help="help.draft.output")
    ],
    member: Annotated[bool, typer.Option("--member", help="help.draft.member")] = False,
    issuer: Annotated[
        str | None, typer.Option("--issuer", metavar="metavar.code", help="help.draft.issuer")
    ] = None,
    template: TemplateOption = None,
    force: ForceOption = False,
) -> None:
    """Draft a paper of the dossier from the records: fields they do not hold are dotted lines."""
    from dangvien_cli.cli.output import check_target
    from dangvien_cli.errors import InvalidValue
    from dangvien_cli.reports.drafts import RECOGNITION, draft_day, draft_view, drafted_form
    from dangvien_cli.store.dossiers import subject_of
    from dangvien_cli.store.drafts import draft_facts

    app_ctx = app_context(ctx)
    lang = app_ctx.lang
    chosen = drafted_form(form)
    check_target(OutputFormat.docx, output, force)
    with app_ctx.reader() as session:
        subject = subject_of(session=session, person_id=person_id, member=member)
        if chosen == RECOGNITION and subject.member is None:
            raise InvalidValue("form", chosen, "draft.needs_member", form=chosen)
        facts = draft_facts(session=session, subject=subject, on=today(), committee_code=issuer)
        on = draft_day(chosen, facts)
        if on is not None and on != facts.on:  # the organisations as they were on the paper's day
            facts = draft_facts(session=session, subject=subject, on=on, committee_code=issuer)
        view = draft_view(chosen, facts, lang, app_ctx.settings, template=template)
    emit(view, OutputFormat.docx, lang, output=output, force=force, template=template)
    notice(t("draft.blanks", lang))
