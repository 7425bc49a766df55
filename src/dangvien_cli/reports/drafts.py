"""The papers the cell or the committee writes, drafted from the records (``dangvien draft``): the cell's
resolution proposing admission (Mẫu 6-KNĐ), its resolution proposing recognition (Mẫu 13-KNĐ), and a draft
admission decision (Mẫu 9-KNĐ) for the committee.

A draft is a :class:`~dangvien_cli.render.model.View` of the ``paper`` shape with a
:class:`~dangvien_cli.render.model.Document` heading, written by the one Word renderer
(:mod:`dangvien_cli.render.docx`) like the reports. Its body is paragraphs; ``data`` holds every field
by name, as text ready to print, for an officer's own template (``{{ data.full_name }}``;
docs/dossier.md lists them). A field the records do not hold is a dotted line (``……``), to be filled
in by hand: never guessed. The text follows the forms' structure (the grounds, the meeting, what is
resolved or decided); it is a draft for the officer to check against the form of Hướng dẫn
12-HD/BTCTW, not the form's exact wording.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from dangvien_cli.domain.dossier_list import form_key
from dangvien_cli.domain.settings import Settings
from dangvien_cli.domain.vocab import Gender
from dangvien_cli.errors import InvalidValue
from dangvien_cli.messages import t
from dangvien_cli.messages.numbers import day
from dangvien_cli.render.docx import DOTS
from dangvien_cli.render.model import Document, Section, Shape, Title, View
from dangvien_cli.store.drafts import DraftFacts

RESOLUTION, RECOGNITION, DECISION = "6-KNĐ", "13-KNĐ", "9-KNĐ"
DRAFTED = (RESOLUTION, RECOGNITION, DECISION)


def drafted_form(text: str) -> str:
    """The form ``text`` names among those drafted (typed any way: ``6-knd``); refused otherwise."""
    for form in DRAFTED:
        if form_key(form) == form_key(text):
            return form
    raise InvalidValue("form", text, "draft.not_drafted", forms=", ".join(DRAFTED))


def draft_day(form: str, facts: DraftFacts) -> date | None:
    """The day a draft of ``form`` bears, where the records hold it: the cell's meeting (6-KNĐ: the
    resolution; 13-KNĐ: the meeting on recognition) or the decision (9-KNĐ)."""
    dossier = facts.dossier
    if form == RESOLUTION:
        return dossier.proposed_on
    if form == RECOGNITION:
        return dossier.recognized_on
    return dossier.decision_on


def _text(value: object, lang: str) -> str:
    """A field as printed: a date day first, a number as it is, nothing as a dotted line."""
    if value is None or value == "":
        return DOTS
    if isinstance(value, date):
        return day(value, lang)
    return str(value)


def fields(form: str, facts: DraftFacts, lang: str, settings: Settings) -> dict[str, str]:
    """Every field of a draft by name, as text (see docs/dossier.md)."""
    subject, dossier = facts.subject, facts.dossier
    person = subject.candidate or subject.member
    assert person is not None
    candidate, member = subject.candidate, subject.member
    gender = Gender.parse(person.gender)
    introducers = [i.name for i in dossier.introductions]
    union = ""
    if candidate is not None and candidate.youth_union_introduces:
        union = t("draft.youth_union", lang)
    elif candidate is not None and candidate.trade_union_introduces:
        union = t("draft.trade_union", lang)
    introducers += [union] if union else []
    votes_on = form in (RESOLUTION, DECISION)
    values: dict[str, object] = {
        "form": form,
        "date": draft_day(form, facts),
        "cell_name": facts.cell.name if facts.cell else None,
        "cell_code": facts.cell.code if facts.cell else None,
        "superior_name": facts.superior.name if facts.superior else None,
        "committee_name": facts.committee.name if facts.committee else None,
        "full_name": person.full_name,
        "gender": gender.label(lang) if gender is not None else person.gender,
        "birth_date": person.birth_date,
        "citizen_id": person.citizen_id,
        "ethnicity": person.ethnicity,
        "religion": person.religion,
        "education": person.education,
        "occupation": person.occupation,
        "hometown": None,  # not in the records
        "residence": None,  # not in the records
        "applied_on": dossier.applied_on,
        "introducer_1": introducers[0] if introducers else None,
        "introducer_2": introducers[1] if len(introducers) > 1 else None,
        "introducers": "; ".join(introducers) or None,
        "mentor": facts.mentor,
        "resolution_on": dossier.proposed_on,
        "resolution_no": dossier.resolution_no,
        "official_members": candidate.official_members if candidate is not None and votes_on else None,
        "votes_for": candidate.votes_for if candidate is not None and votes_on else None,
        "votes_excluded": candidate.votes_excluded if candidate is not None and votes_on else None,
        "members_present": None,  # the meeting's attendance is not recorded
        "members_absent": None,
        "decision_no": dossier.decision_no,
        "decision_on": dossier.decision_on,
        "ceremony_on": dossier.ceremony_on,
        "probation_months": settings.probation_months,
        "official_on": member.official_on if member is not None else None,
        "recognized_on": dossier.recognized_on,
    }
    return {key: _text(value, lang) for key, value in values.items()}


_BODIES = {
    RESOLUTION: (
        "draft.grounds.statute",
        "draft.grounds.rules",
        "draft.6.considering",
        "draft.6.meeting",
        "draft.resolves",
        "draft.6.propose",
        "draft.person.name",
        "draft.person.origin",
        "draft.person.places",
        "draft.person.work",
        "draft.6.into_party",
        "draft.6.votes",
        "draft.6.introducers",
    ),
    RECOGNITION: (
        "draft.grounds.statute",
        "draft.grounds.rules",
        "draft.13.considering",
        "draft.13.meeting",
        "draft.resolves",
        "draft.13.propose",
        "draft.13.votes",
    ),
    DECISION: (
        "draft.grounds.statute",
        "draft.grounds.rules",
        "draft.9.considering",
        "draft.decides",
        "draft.9.article1",
        "draft.9.article2",
        "draft.9.article3",
    ),
}


def draft_view(
    form: str, facts: DraftFacts, lang: str, settings: Settings, template: Any = None
) -> View:
    """The draft of ``form`` as a view for the Word renderer."""
    values = fields(form, facts, lang, settings)
    sections = [
        Section(key, Title(text=t(key, lang, **values))) for key in _BODIES[form]
    ]
    sections.append(Section("blanks", Title(text=t("draft.blanks_note", lang))))
    cell, superior = values["cell_name"], values["superior_name"]
    if form == DECISION:
        committee = facts.committee
        document = Document(
            issuer=committee.name if committee is not None else DOTS,
            superior=facts.committee_superior.name if facts.committee_superior else "",
            committee=True,
            subject=Title("document.subject.9-KNĐ"),
            on=draft_day(form, facts),
            place=settings.place_name,
            kind="decision",
            number=facts.dossier.decision_no,
            signature_for="document.for_standing",
            recipients=(
                t("document.recipient_cell", lang, name=cell),
                t("document.recipient_person", lang),
                t("document.recipient_file", lang),
            ),
        )
    else:
        document = Document(
            issuer=facts.cell.name if facts.cell is not None else DOTS,
            superior=facts.superior.name if facts.superior is not None else "",
            committee=False,
            subject=Title(f"document.subject.{form}"),
            on=draft_day(form, facts),
            place=settings.place_name,
            kind="resolution",
            number=facts.dossier.resolution_no if form == RESOLUTION else None,
            recipients=(
                t("document.recipient_above_named", lang, name=superior),
                t("document.recipient_file", lang),
            ),
        )
    return View(
        Shape.paper,
        title=Title(text=f"{form}: {values['full_name']}"),
        sections=sections,
        data=values,
        name=form,
        template=template,
        document=document,
    )


__all__ = ["DRAFTED", "draft_day", "draft_view", "drafted_form", "fields"]
