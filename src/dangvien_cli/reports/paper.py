"""The monthly paper as it reads (báo cáo sinh hoạt chi bộ hằng tháng): its lists with the columns people see,
its summary figures, and how it becomes the one value every format writes. The figures themselves are
queried by :mod:`dangvien_cli.reports.monthly`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dangvien_cli.domain.vocab import LeftReason, Stage
from dangvien_cli.render.model import Column, Document, Kind, Section, Shape, Title, View
from dangvien_cli.reports.quota import QUOTA_COLUMNS


def _on(key: str) -> Column:
    return Column(key, Kind.date)


_MEMBER, _CANDIDATE, _NAME = (
    Column("member_id", Kind.int),
    Column("candidate_id", Kind.int),
    Column("full_name"),
)

SECTIONS: tuple[tuple[str, tuple[Column, ...]], ...] = (
    ("joined", (_MEMBER, _NAME, _on("birth_date"), _on("admitted_on"), Column("decision_no"))),
    ("left", (_MEMBER, _NAME, _on("left_on"), Column("left_reason", codes=LeftReason), Column("left_note"))),
    ("moved_in", (_MEMBER, _NAME, _on("moved_on"), Column("from_cell"))),
    ("moved_out", (_MEMBER, _NAME, _on("moved_on"), Column("to_cell"))),
    ("merged_in", (_MEMBER, _NAME, _on("moved_on"), Column("from_cell"))),
    ("merged_out", (_MEMBER, _NAME, _on("moved_on"), Column("to_cell"))),
    ("became_official", (_MEMBER, _NAME, _on("admitted_on"), _on("ceremony_on"), _on("official_on"))),
    (
        "candidates",
        (
            _CANDIDATE,
            _NAME,
            Column("stage", codes=Stage),
            _on("stage_on"),
            Column("days_in_stage", Kind.int),
            Column("mentor_name"),
            _on("last_remark_on"),
            Column("last_remark"),
        ),
    ),
    ("remarks", (_on("date"), _CANDIDATE, _NAME, Column("author_name"), Column("text"))),
    ("without_remark", (_CANDIDATE, _NAME, Column("mentor_name"), _on("last_remark_on"))),
    (
        "admissions",
        (
            _CANDIDATE,
            _MEMBER,
            _NAME,
            Column("resolution_no"),
            _on("resolution_on"),
            Column("decision_no"),
            _on("decision_on"),
            _on("ceremony_on"),
        ),
    ),
    (
        "due",
        (
            _on("due_date"),
            Column("overdue", codes="overdue"),  # marked "Quá hạn" when its day has passed
            Column("kind", codes="due"),
            _MEMBER,
            _CANDIDATE,
            _NAME,
            Column("detail"),
        ),
    ),
)
"""The lists of the paper, each with the columns people see (its title: ``monthly.section.<key>``)."""

SUMMARY_KEYS = (
    "members_at_start",
    "official_at_start",
    "members_at_end",
    "official_at_end",
    "joined",
    "left",
    "moved_in",
    "moved_out",
    "merged_in",
    "merged_out",
    "became_official",
    "candidates",
    "remarks",
    "without_remark",
    "admissions",
)
"""The figures of the summary: counts, and the length of each list."""
ONLY_WHEN_ANY = ("merged_in", "merged_out")  # a paper shows these only in a month with a merge

QUOTA_KEYS = tuple(c.key for c in QUOTA_COLUMNS)


@dataclass
class MonthlyReport:
    """A cell's month, as plain data: English keys, ISO dates."""

    cell: str
    cell_name: str
    base: str
    month: str
    first_day: date
    last_day: date
    members_at_start: int
    official_at_start: int
    members_at_end: int
    official_at_end: int
    lists: dict[str, list[dict[str, Any]]]
    candidates_by_stage: dict[str, int]
    quota: dict[str, Any] | None
    title_params: dict[str, Any] = field(default_factory=dict)
    document: Document | None = None  # a Word document's heading and signature

    def summary(self) -> dict[str, int]:
        """The month in figures (for the first table of the paper)."""
        figures = {
            "members_at_start": self.members_at_start,
            "official_at_start": self.official_at_start,
            "members_at_end": self.members_at_end,
            "official_at_end": self.official_at_end,
        }
        return {key: figures.get(key, len(self.lists.get(key, []))) for key in SUMMARY_KEYS}

    def as_json(self) -> dict[str, Any]:
        return {
            "cell": self.cell,
            "cell_name": self.cell_name,
            "base": self.base,
            "month": self.month,
            "first_day": self.first_day.isoformat(),
            "last_day": self.last_day.isoformat(),
            "members_at_start": self.members_at_start,
            "official_at_start": self.official_at_start,
            "members_at_end": self.members_at_end,
            "official_at_end": self.official_at_end,
            **self.lists,
            "candidates_by_stage": self.candidates_by_stage,
            "quota": self.quota,
        }

    def view(self) -> View:
        """The paper: the figures (candidates by stage under their total), each list, the quota."""
        figures: dict[str, Any] = {}
        columns: list[Column] = []
        for key, value in self.summary().items():
            if key in ONLY_WHEN_ANY and not value:
                continue
            figures[key] = value
            columns.append(Column(key, Kind.int, label=Title(f"monthly.summary.{key}")))
            if key == "candidates":
                for stage, count in self.candidates_by_stage.items():
                    if count:
                        figures[f"stage:{stage}"] = count
                        label = Title("monthly.summary.stage", {"stage": Stage(stage)})
                        columns.append(Column(f"stage:{stage}", Kind.int, label=label))
        summary = Section("summary", Title("monthly.section.summary"), columns, [figures], pairs=True)
        none = Title("monthly.none")
        lists = [
            Section(
                key,
                Title(f"monthly.section.{key}", count=len(self.lists[key])),
                cols,
                self.lists[key],
                empty=None if key in ONLY_WHEN_ANY else none,
            )
            for key, cols in SECTIONS
        ]
        quota = Section(
            "quota",
            Title("monthly.section.quota", {"base": self.base}),
            QUOTA_COLUMNS,
            [self.quota] if self.quota is not None else [],
            pairs=True,
            empty=Title("monthly.no_quota"),
        )
        title = Title("monthly.title", self.title_params)
        return View(
            Shape.paper,
            title=title,
            sections=[summary, *lists, quota],
            data=self.as_json(),
            name="monthly",
            document=self.document,
        )
