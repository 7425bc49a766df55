"""An admission dossier (hồ sơ kết nạp) judged against the list of papers: what is in it, what is missing,
and which papers' dates contradict the workflow. Pure: the facts are gathered by
:mod:`dangvien_cli.store.dossiers`, the list read by :mod:`dangvien_cli.domain.dossier_list`.

**Where a paper comes from.** Papers are entered (``dossier add``, ``import papers``), or read from the
record of the workflow step that made them: ``candidate train`` records the class certificate, ``candidate
apply`` the application, the introducers' letters and the union's resolution, ``candidate propose`` the
cell's resolution, ``admit`` the decision, ``member recognize`` the cell's resolution on recognition. A
paper read from a record carries the step's date (and its number, where the step has one). Papers entered
for a form take the place of what the record says for it: the officer's paper, with its own date and scan,
is the dossier's.

**Steps.** A candidate's dossier has two steps (the cell considers; after its vote), a member's a third
(recognition). The *next* step is the one the person is waiting for: the cell's vote for a candidate who
has applied, the decision for one proposed, the cell's meeting on recognition for a probationary member.
Complete for it means: every paper that the step needs beforehand is in the dossier (for the decision, the
papers of the cell's consideration too: the whole dossier goes up), and none of them has a date that
contradicts the workflow.

**Dates.** Each paper of the list names the workflow's dates it must not precede or follow (an application
dated after the cell's resolution, a self-review written before probation ended), and the class certificate
must still be valid at the resolution: 60 months (the setting ``certificate_valid_months``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from dangvien_cli.domain.dates import add_months
from dangvien_cli.domain.dossier_list import PaperList, PaperSpec, form_key
from dangvien_cli.domain.rules import probation_end
from dangvien_cli.domain.settings import Settings
from dangvien_cli.domain.vocab import DossierStep, PaperOrigin, PaperStatus, Stage

NEEDS: dict[DossierStep, tuple[DossierStep, ...]] = {
    DossierStep.consideration: (DossierStep.consideration,),
    DossierStep.admission: (DossierStep.consideration, DossierStep.admission),
    DossierStep.recognition: (DossierStep.recognition,),
}
"""The steps whose papers the next step needs (the dossier for the decision holds the consideration's)."""

CANDIDATE_STEPS = (DossierStep.consideration, DossierStep.admission)
MEMBER_STEPS = tuple(DossierStep)

# The papers a workflow step's record stands for, by code (see record_papers)
CERTIFICATE, APPLICATION, LETTER, UNION, RESOLUTION, DECISION, RECOGNITION = (
    "CN-NTVĐ",
    "1-KNĐ",
    "3-KNĐ",
    "4-KNĐ",
    "6-KNĐ",
    "9-KNĐ",
    "13-KNĐ",
)
_ANCHOR_FORMS = {
    "certificate": CERTIFICATE,
    "application": APPLICATION,
    "resolution": RESOLUTION,
    "decision": DECISION,
    "recognition": RECOGNITION,
}


@dataclass(frozen=True)
class DossierPaper:
    """A paper in a dossier: entered, or read from a step's record (``origin``)."""

    form: str
    on: date
    number: str | None = None
    author: str | None = None
    file: str | None = None
    origin: PaperOrigin = PaperOrigin.entered
    id: int | None = None


@dataclass(frozen=True)
class Introduction:
    """An introducer named by the record, and the day their letter counts from (the application's, or the
    substitution's for a substitute introducer)."""

    name: str
    on: date


@dataclass(frozen=True)
class DossierFacts:
    """What a dossier is judged on: the person, the dates their steps were recorded, and the entered
    papers. ``stage`` is a candidate's stage on the day (None for a member without a candidate record)."""

    full_name: str
    candidate_id: int | None = None
    member_id: int | None = None
    cell: str | None = None
    cell_name: str | None = None
    stage: Stage | None = None
    under_base_committee: bool = False
    certificate_on: date | None = None
    certificate_no: str | None = None
    applied_on: date | None = None
    introductions: tuple[Introduction, ...] = ()
    union_introduces: bool = False
    proposed_on: date | None = None
    resolution_no: str | None = None
    decision_on: date | None = None
    decision_no: str | None = None
    ceremony_on: date | None = None
    official_on: date | None = None
    recognized_on: date | None = None
    left_on: date | None = None
    papers: tuple[DossierPaper, ...] = ()


@dataclass(frozen=True)
class PaperProblem:
    """A date that contradicts the workflow: ``kind`` before, after or expired; ``anchor`` the date it is
    compared with (a name of :data:`dangvien_cli.domain.dossier_list.ANCHORS`)."""

    kind: str
    anchor: str
    on: date
    other: date

    @property
    def code(self) -> str:
        return f"{self.kind}.{self.anchor}"

    @property
    def key(self) -> str:
        return f"dossier.problem.{self.kind}"

    def params(self) -> dict[str, Any]:
        return {"date": self.on, "anchor_key": f"dossier.anchor.{self.anchor}", "other": self.other}


@dataclass(frozen=True)
class DossierLine:
    """One line of a dossier: a required paper, present or missing, or a paper entered beyond the list."""

    form: str
    spec: PaperSpec | None
    status: PaperStatus
    paper: DossierPaper | None = None
    problems: tuple[PaperProblem, ...] = ()
    needed: bool = False  # the next step needs it beforehand


@dataclass(frozen=True)
class Dossier:
    """A dossier as of a day: its lines, and the step it is judged for (None: nothing is next)."""

    facts: DossierFacts
    next_step: DossierStep | None
    lines: tuple[DossierLine, ...] = field(default=())

    @property
    def missing(self) -> list[str]:
        """The codes of the papers the next step needs that are not in the dossier (a code once a copy)."""
        return [line.form for line in self.lines if line.needed and line.status is PaperStatus.missing]

    @property
    def problems(self) -> list[DossierLine]:
        """The papers of the next step's lists whose dates contradict the workflow."""
        steps = NEEDS[self.next_step] if self.next_step is not None else ()
        return [
            line
            for line in self.lines
            if line.status is PaperStatus.problem and line.spec is not None and line.spec.step in steps
        ]

    @property
    def complete(self) -> bool:
        return not self.missing and not self.problems


def _on_or_before(day: date | None, at: date) -> date | None:
    return day if day is not None and day <= at else None


def next_step(facts: DossierFacts, at: date) -> DossierStep | None:
    """The step the person waits for on ``at``; None once recognised, gone, dropped, or not a candidate
    yet."""
    if facts.member_id is not None and facts.decision_on is not None and facts.decision_on <= at:
        if _on_or_before(facts.left_on, at) or _on_or_before(facts.recognized_on, at):
            return None
        if facts.recognized_on is None and _on_or_before(facts.official_on, at):
            return None  # official before the records began (an imported member)
        return DossierStep.recognition
    if facts.stage is None or facts.stage in (Stage.dropped, Stage.admitted):
        return None
    return DossierStep.admission if facts.stage is Stage.proposed else DossierStep.consideration


def begun(facts: DossierFacts, at: date, settings: Settings) -> bool:
    """Whether the dossier is on its way on ``at``: from the application (earlier, there is none to send)
    to the decision, and for recognition once probation has ended (the self-review is written after it)."""
    step = next_step(facts, at)
    if step is DossierStep.consideration:
        return facts.stage is Stage.applied
    if step is DossierStep.recognition:
        ceremony = _on_or_before(facts.ceremony_on, at)
        return ceremony is not None and probation_end(ceremony, settings) <= at
    return step is not None


def record_papers(facts: DossierFacts, at: date) -> list[DossierPaper]:
    """The papers the workflow's records stand for on ``at``."""
    step = PaperOrigin.step
    papers: list[DossierPaper] = []

    def add(form: str, on: date | None, number: str | None = None, author: str | None = None) -> None:
        if on is not None and on <= at:
            papers.append(DossierPaper(form, on, number, author, origin=step))

    add(CERTIFICATE, facts.certificate_on, facts.certificate_no)
    add(APPLICATION, facts.applied_on, author=facts.full_name)
    if facts.applied_on is not None and facts.applied_on <= at:
        for introduction in facts.introductions:
            add(LETTER, max(introduction.on, facts.applied_on), author=introduction.name)
        if facts.union_introduces:
            add(UNION, facts.applied_on)
    add(RESOLUTION, facts.proposed_on, facts.resolution_no, facts.cell_name)
    add(DECISION, facts.decision_on, facts.decision_no)
    add(RECOGNITION, facts.recognized_on, author=facts.cell_name)
    return papers


def _required(spec: PaperSpec, facts: DossierFacts) -> int:
    """How many of ``spec`` the dossier needs (0: not required here)."""
    if spec.when == "optional":
        return 0
    if spec.when == "union_introduces" and not facts.union_introduces:
        return 0
    if spec.when == "under_base_committee" and not facts.under_base_committee:
        return 0
    if spec.count == "introducers":
        return 1 if facts.union_introduces else 2
    return int(spec.count)


@dataclass(frozen=True)
class _Context:
    facts: DossierFacts
    at: date
    settings: Settings
    papers: dict[str, list[DossierPaper]]  # by form key: the entered papers, else the record's
    anchors: dict[str, date]


def _effective(facts: DossierFacts, at: date) -> dict[str, list[DossierPaper]]:
    """The dossier's papers by form: the entered ones where a form has any, else what the records say."""
    entered: dict[str, list[DossierPaper]] = {}
    for paper in facts.papers:
        if paper.on <= at:
            entered.setdefault(form_key(paper.form), []).append(paper)
    recorded: dict[str, list[DossierPaper]] = {}
    for paper in record_papers(facts, at):
        recorded.setdefault(form_key(paper.form), []).append(paper)
    merged = {**recorded, **entered}
    return {key: sorted(papers, key=lambda p: (p.on, p.id or 0)) for key, papers in merged.items()}


def _anchors(
    facts: DossierFacts, at: date, papers: dict[str, list[DossierPaper]], settings: Settings
) -> dict[str, date]:
    anchors: dict[str, date] = {}
    for anchor, form in _ANCHOR_FORMS.items():
        found = papers.get(form_key(form))
        if found:
            anchors[anchor] = found[0].on
    ceremony = _on_or_before(facts.ceremony_on, at)
    if ceremony is not None:
        anchors["ceremony"] = ceremony
        anchors["probation_end"] = probation_end(ceremony, settings)
    return anchors


def _problems(spec: PaperSpec, paper: DossierPaper, context: _Context) -> tuple[PaperProblem, ...]:
    found: list[PaperProblem] = []
    for anchor in spec.not_before:
        other = context.anchors.get(anchor)
        if other is not None and paper.on < other:
            found.append(PaperProblem("before", anchor, paper.on, other))
    for anchor in spec.not_after:
        other = context.anchors.get(anchor)
        if other is not None and paper.on > other:
            found.append(PaperProblem("after", anchor, paper.on, other))
    if spec.valid_months:
        months = int(getattr(context.settings, spec.valid_months))
        last_day = add_months(paper.on, months) - timedelta(days=1)
        resolution = context.anchors.get("resolution")
        judged_on = resolution if resolution is not None and resolution >= paper.on else context.at
        if judged_on > last_day:
            anchor = "resolution" if judged_on == resolution else "at"
            found.append(PaperProblem("expired", anchor, last_day, judged_on))
    return tuple(found)


def _lines(spec: PaperSpec, context: _Context, needed_steps: tuple[DossierStep, ...]) -> list[DossierLine]:
    papers = context.papers.get(form_key(spec.code), [])
    required = _required(spec, context.facts)
    needed = spec.needed and spec.step in needed_steps and required > 0
    lines = []
    for paper in papers:
        problems = _problems(spec, paper, context)
        status = PaperStatus.problem if problems else PaperStatus.present
        lines.append(DossierLine(spec.code, spec, status, paper, problems, needed))
    lines += [
        DossierLine(spec.code, spec, PaperStatus.missing, needed=needed)
        for _ in range(max(0, required - len(papers)))
    ]
    return lines


def evaluate(
    facts: DossierFacts, papers: PaperList, settings: Settings, at: date, steps: Iterable[DossierStep] = ()
) -> Dossier:
    """The dossier on ``at``: every paper of the person's steps (``steps``; by default a candidate's two,
    a member's three), present, missing or with a problem, then the entered papers beyond them."""
    effective = _effective(facts, at)
    context = _Context(facts, at, settings, effective, _anchors(facts, at, effective, settings))
    step = next_step(facts, at)
    needed_steps = NEEDS[step] if step is not None else ()
    shown = tuple(steps) or (MEMBER_STEPS if facts.member_id is not None else CANDIDATE_STEPS)
    lines: list[DossierLine] = []
    listed = set()
    for spec in papers.of_steps(shown):
        listed.add(form_key(spec.code))
        lines += _lines(spec, context, needed_steps)
    for paper in facts.papers:  # entered papers of forms beyond the steps shown (or no longer listed)
        key = form_key(paper.form)
        if key in listed or paper.on > at:
            continue
        found = papers.find(paper.form)
        problems = _problems(found, paper, context) if found is not None else ()
        status = PaperStatus.problem if problems else PaperStatus.present
        lines.append(DossierLine(found.code if found else paper.form, found, status, paper, problems))
    return Dossier(facts, step, tuple(lines))
