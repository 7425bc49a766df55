"""The library without the command line: what a script calling domain and store gets, and what it cannot do.

The rules live below the CLI (a step dated in the future is refused by the store itself), the records the
store returns are typed and give the same JSON as the commands, and the small helpers exist once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from dangvien_cli.domain.dates import month_end
from dangvien_cli.domain.figures import median
from dangvien_cli.domain.people import PersonDetails, parse_person
from dangvien_cli.domain.settings import DEFAULT_SETTINGS
from dangvien_cli.domain.stages import furthest_stage, stage_on
from dangvien_cli.domain.vocab import Gender, MemberStatus, Stage
from dangvien_cli.errors import InvalidValue
from dangvien_cli.messages import render_error
from dangvien_cli.store.database import Database, open_database
from dangvien_cli.store.people import add_candidate, list_members, show_candidate, show_member, step_dates
from dangvien_cli.store.records import CandidateDetail, MemberDetail, MemberRecord
from dangvien_cli.store.workflow import assign_mentor, drop_candidate, record_ceremony

TODAY = date(2024, 6, 30)
TOMORROW = date(2024, 7, 1)


@pytest.fixture
def database(run, city) -> Iterator[Database]:
    result = run(
        "member", "add", "--name", "Nguyễn Văn Thắng", "--gender", "M", "--birth", "1960-04-12",
        "--cell", "HP", "--admitted", "2010-01-01", "--official", "2011-01-01",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    opened = open_database()
    try:
        yield opened
    finally:
        opened.close()


def _lan() -> PersonDetails:
    return parse_person(
        name="Ngô Thị Lan", gender="nu", birth="29/02/2000", tone_order=DEFAULT_SETTINGS.tone_order
    )


def test_the_store_refuses_a_step_dated_in_the_future(database: Database) -> None:
    with database.writer() as session:
        candidate = add_candidate(
            session=session,
            person=_lan(),
            cell_code="HP",
            source="youth_union",
            identified_on=date(2024, 1, 10),
            today=TODAY,
        )
        assert candidate.id is not None
        with pytest.raises(InvalidValue) as refused:
            assign_mentor(session=session, candidate_id=candidate.id, member_id=1, on=TOMORROW, today=TODAY)
        assert render_error(refused.value) == "Ngày '2024-07-01': là ngày trong tương lai"
        with pytest.raises(InvalidValue):
            drop_candidate(session=session, candidate_id=candidate.id, on=TOMORROW, reason="x", today=TODAY)
        with pytest.raises(InvalidValue) as refused:
            record_ceremony(session=session, member_id=1, on=TOMORROW, today=TODAY)
        assert (refused.value.field, refused.value.key) == ("date", "date.future")
        # the same step dated today is taken
        assign_mentor(session=session, candidate_id=candidate.id, member_id=1, on=TODAY, today=TODAY)
        assert show_candidate(session=session, candidate_id=candidate.id).stage is Stage.mentored


def test_a_refusal_names_a_stage_by_its_label(run, run_json, database: Database) -> None:
    cid = run_json(
        "add-candidate", "--name", "Ngô Thị Lan", "--gender", "F", "--birth", "2000-02-29",
        "--cell", "HP", "--source", "youth_union", "--identified", "2024-01-10",
    )["id"]  # fmt: skip
    for step in (["mentor", "--member", "1"], ["train"], ["apply", "--introducer", "1", "--youth-union"]):
        result = run("candidate", *step, str(cid), "--date", "2024-02-01")
        assert result.exit_code == 0, result.stderr
    result = run("candidate", "train", str(cid), "--date", "2024-03-03")
    assert result.stderr.endswith(": quần chúng đã qua bước này (đang ở giai đoạn: Đã làm đơn)\n")
    result = run("--lang", "en", "candidate", "train", str(cid), "--date", "2024-03-03")
    assert result.stderr.endswith(": the candidate is past this step (now: Applied)\n")


def test_records_are_typed_and_give_the_commands_json(run_json, database: Database) -> None:
    with database.reader() as session:
        [member] = list_members(session=session, on=TODAY)
        detail = show_member(session=session, member_id=member.id, on=TODAY)
    assert isinstance(member, MemberRecord)
    assert isinstance(detail, MemberDetail)
    assert (member.gender, member.status, member.birth_date) == (
        Gender.M,
        MemberStatus.official,
        date(1960, 4, 12),
    )
    assert [m.as_json() for m in [member]] == run_json("member", "list")
    assert detail.as_json() == run_json("member", "show", "1")
    assert detail.as_json()["memberships"] == [
        {
            "cell": "HP",
            "start_on": "2010-01-01",
            "end_on": None,
            "cell_name": "Chi bộ khu Hồng Phong",
            "reason": None,
        }
    ]


def test_a_candidate_record_and_its_steps(run, run_json, database: Database) -> None:
    cid = run_json(
        "add-candidate", "--name", "Ngô Thị Lan", "--gender", "F", "--birth", "2000-02-29",
        "--cell", "HP", "--source", "Đoàn viên", "--identified", "2024-01-10",
    )["id"]  # fmt: skip
    assert run("candidate", "mentor", str(cid), "--member", "1", "--date", "2024-02-01").exit_code == 0
    with database.reader() as session:
        detail = show_candidate(session=session, candidate_id=cid)
        from dangvien_cli.store.people import get_candidate

        dates = step_dates(get_candidate(session=session, candidate_id=cid))
    assert isinstance(detail, CandidateDetail)
    assert [(s.stage, s.date) for s in detail.stage_history] == [
        (Stage.identified, date(2024, 1, 10)),
        (Stage.mentored, date(2024, 2, 1)),
    ]
    assert detail.as_json() == run_json("candidate", "show", str(cid))
    assert stage_on(dates, date(2024, 1, 31)) == (Stage.identified, date(2024, 1, 10))
    assert stage_on(dates, date(2024, 2, 1)) == (Stage.mentored, date(2024, 2, 1))
    assert stage_on(dates, date(2024, 1, 9)) is None


def test_person_fields_are_parsed_once() -> None:
    person = parse_person(
        name="  nguyễn   văn sỹ ",
        gender="Nam",
        birth="1/9/1990",
        citizen_id=" 022090001234 ",
        ethnicity="  Kinh ",
        religion="",
        tone_order=DEFAULT_SETTINGS.tone_order,
    )
    assert (person.name.family_name, person.name.given_name) == ("nguyễn", "sỹ")
    assert (person.gender, person.birth_date, person.citizen_id) == (
        Gender.M,
        date(1990, 9, 1),
        "022090001234",
    )
    assert (person.ethnicity, person.religion, person.youth_union) == ("Kinh", None, False)
    assert person.as_fields()["gender"] == "M"
    # a cell that already held a date is taken as it is
    assert parse_person(
        name="Lò Thị A", gender="F", birth=date(2000, 1, 1), tone_order=()
    ).birth_date == date(2000, 1, 1)
    with pytest.raises(InvalidValue) as refused:
        parse_person(name="Lò Thị A", gender="X", birth="2000-01-01", tone_order=())
    assert (refused.value.field, refused.value.key) == ("gender", "gender.invalid")


def test_one_median_and_one_month_end() -> None:
    assert median({}) is None
    assert median({30: 1}) == 30
    assert median({30: 1, 40: 1}) == 35
    assert median({20: 2, 50: 1}) == 20
    assert month_end(date(2024, 2, 10)) == date(2024, 2, 29)
    assert month_end(date(2023, 2, 1)) == date(2023, 2, 28)
    assert month_end(date(2024, 12, 31)) == date(2024, 12, 31)


def test_the_stage_an_imported_row_has_reached() -> None:
    assert furthest_stage([]) is Stage.identified
    assert furthest_stage([Stage.mentored, Stage.applied]) is Stage.applied
    assert furthest_stage([Stage.proposed, Stage.dropped]) is Stage.dropped


def test_the_median_of_a_histogram_is_the_median_of_its_values() -> None:
    """The one-pass median against its definition: the middle value of the sorted values, or the mean of
    the two middle ones."""
    import random

    rng = random.Random(16)  # noqa: S311  (a made-up sample, not a secret)
    for _ in range(2_000):
        histogram = {rng.randrange(18, 100): rng.randrange(1, 6) for _ in range(rng.randrange(1, 12))}
        values = sorted(v for v, n in histogram.items() for _ in range(n))
        middle = len(values) // 2
        expected = values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2
        assert median(histogram) == expected, histogram
