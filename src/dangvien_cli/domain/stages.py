"""The candidate's lifecycle: the order of the stages, which are still on the way, and each step's date.

identified → mentored → trained → applied → proposed → admitted (the admission decision makes a probationary
member); a candidate can be dropped at any stage before admission. Every place that needs the order, the
active set or the date of a step takes it from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from dangvien_cli.domain.vocab import Stage

STAGE_ORDER: tuple[Stage, ...] = (
    Stage.identified,
    Stage.mentored,
    Stage.trained,
    Stage.applied,
    Stage.proposed,
    Stage.admitted,
)
"""The way to admission, in order (``dropped`` leaves it at any point)."""

ACTIVE_STAGES: tuple[Stage, ...] = STAGE_ORDER[:-1]
"""A candidate at one of these is still on the way: neither admitted nor dropped."""

CLOSED_STAGES: tuple[Stage, ...] = (Stage.admitted, Stage.dropped)

STEP_DATE_FIELD: Mapping[Stage, str] = {
    Stage.identified: "identified_on",
    Stage.mentored: "mentor_assigned_on",
    Stage.trained: "certificate_on",
    Stage.applied: "applied_on",
    Stage.proposed: "proposed_on",
    Stage.dropped: "dropped_on",
}
"""The candidate's field that dates the step bringing them to each stage (``admitted`` is dated by the
admission decision, a record of its own)."""

STEP_KEY: Mapping[Stage, str] = {
    Stage.mentored: "step.mentor",
    Stage.trained: "step.train",
    Stage.applied: "step.apply",
    Stage.proposed: "step.propose",
}
"""The catalogue's name for the step that brings a candidate to each stage, said when that step is missing."""


def is_active(stage: str) -> bool:
    """Whether a candidate at ``stage`` is still on the way."""
    return stage in ACTIVE_STAGES


def stage_index(stage: str) -> int:
    """The position of ``stage`` on the way to admission (``dropped`` has none: ValueError)."""
    return STAGE_ORDER.index(Stage(stage))


def stage_on(dates: Mapping[Stage, date | None], on: date) -> tuple[Stage, date] | None:
    """The active stage a candidate had reached on ``on``, and the day it began, from the dates of their
    steps (``dates``: each active stage's date, or None). ``None`` before the candidate was identified."""
    reached: tuple[Stage, date] | None = None
    for stage in ACTIVE_STAGES:
        day = dates.get(stage)
        if day is not None and day <= on:
            reached = (stage, day)
    return reached


def furthest_stage(reached: Iterable[Stage]) -> Stage:
    """The stage of a candidate whose steps up to each of ``reached`` were taken: ``dropped`` wins, then the
    furthest on the way; ``identified`` when no step is known (an imported row without a stage column)."""
    taken = set(reached)
    if Stage.dropped in taken:
        return Stage.dropped
    return next((stage for stage in reversed(STAGE_ORDER) if stage in taken), Stage.identified)
