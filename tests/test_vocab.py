"""The vocabularies: every member is known by its code, its labels and its labels typed without tones; no
word names two members; and every choice option of the command line takes them, lists them in its help, and
refuses anything else with exit code 2 in the run's language."""

from __future__ import annotations

import pytest

from dangvien_cli.cli.common import Lang
from dangvien_cli.cli.importing import DateFormat, Encoding, InputFormat, OnDuplicate
from dangvien_cli.cli.report import AgeingBy
from dangvien_cli.domain.names import fold
from dangvien_cli.domain.vocab import (
    Gender,
    LeftReason,
    MemberStatus,
    OrgKind,
    Place,
    RuleStatus,
    Source,
    Stage,
    Vocabulary,
    ambiguous_words,
)
from dangvien_cli.errors import InvalidValue

VOCABULARIES: list[type[Vocabulary]] = [
    OrgKind,
    Place,
    Gender,
    Source,
    Stage,
    LeftReason,
    MemberStatus,
    RuleStatus,
    Lang,
    AgeingBy,
    OnDuplicate,
    Encoding,
    DateFormat,
    InputFormat,
]


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
def test_code_label_and_tone_free_label_parse(vocabulary: type[Vocabulary]) -> None:
    for member in vocabulary:
        for word in (member.value, member.vi, member.en, fold(member.vi), member.vi.upper(), *member.aliases):
            assert vocabulary.parse(word) is member, (word, member)
    assert vocabulary.parse("no such thing") is None


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
def test_no_word_names_two_members(vocabulary: type[Vocabulary]) -> None:
    assert ambiguous_words(vocabulary) == []


def test_a_code_is_checked_for_the_library() -> None:
    assert Stage.checked("stage", "trained") is Stage.trained
    with pytest.raises(InvalidValue) as refused:
        Stage.checked("stage", "Đã học lớp nhận thức")  # the library takes codes; labels are for people
    assert (refused.value.field, refused.value.key) == ("stage", "value.choice")
    assert refused.value.params["choices"] == ", ".join(Stage.codes())


def test_the_words_officers_use() -> None:
    assert OrgKind.parse("đảng bộ cơ sở") is OrgKind.base
    assert OrgKind.parse("chi bo") is OrgKind.cell
    assert Source.parse("Đoàn viên") is Source.youth_union
    assert Gender.parse("nữ") is Gender.F
    assert Place.parse("Thôn, khu, tổ dân phố") is Place.residential


# --- the command line ------------------------------------------------------------------------------

MEMBER = ["member", "add", "--name", "Nguyễn Thị Lan", "--birth", "1980-01-01", "--cell", "HP"]
MEMBER += ["--admitted", "2010-01-01", "--official", "2011-01-01"]
CANDIDATE = ["add-candidate", "--name", "Phạm Văn Hải", "--gender", "M", "--birth", "2001-03-12"]
CANDIDATE += ["--cell", "HP", "--identified", "2024-01-10"]


def test_org_kind_and_place_by_label(run_json, city) -> None:
    base = run_json("org", "add", "B9", "Đảng bộ xã", "--kind", "đảng bộ cơ sở", "--parent", "MC")
    assert (base["kind"], base["place"]) == ("base", "other")
    cell = run_json(
        "org", "add", "C9", "Chi bộ thôn 9", "--kind", "chi bo", "--parent", "B9", "--place", "thon"
    )
    assert (cell["kind"], cell["place"]) == ("cell", "residential")


def test_gender_source_stage_status_reason_by_label(run, run_json, city) -> None:
    member = run_json(*MEMBER, "--gender", "nữ")
    assert member["gender"] == "F"
    candidate = run_json(*CANDIDATE, "--source", "Đoàn viên")
    assert (candidate["source"], candidate["youth_union"]) == ("youth_union", True)
    assert [c["id"] for c in run_json("candidate", "list", "--stage", "tao nguon")] == [candidate["id"]]
    assert [m["id"] for m in run_json("member", "list", "--status", "Chính thức")] == [member["id"]]
    left = run_json("member", "leave", str(member["id"]), "--reason", "tu tran", "--date", "2024-01-01")
    assert left["left_reason"] == "death"


def test_ageing_rows_and_language_by_label(run, run_json, city) -> None:
    run_json(*MEMBER, "--gender", "M")
    rows = run_json("report", "ageing", "--by", "cơ sở")["rows"]
    assert [row["org"] for row in rows] == ["TP"]  # a row for the base organisation, not for the cell HP
    result = run("--lang", "tieng anh", "org", "show", "NOPE")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: Organisation 'NOPE': no organisation has this code\n",
    )


@pytest.mark.parametrize(
    ("args", "option", "vi_choice", "en_choice"),
    [
        (
            ["org", "add", "C9", "Chi bộ 9", "--kind", "branch", "--parent", "TP"],
            "--kind",
            "Chi bộ",
            "cell (Cell)",
        ),
        (
            ["org", "add", "C9", "Chi bộ 9", "--kind", "cell", "--parent", "TP", "--place", "moon"],
            "--place",
            "Thôn, khu, tổ dân phố",
            "residential (Residential)",
        ),
        ([*MEMBER, "--gender", "X"], "--gender", "Nữ", "F (Female)"),
        (
            [*CANDIDATE, "--source", "lottery"],
            "--source",
            "Đoàn viên",
            "youth_union (Youth Union member)",
        ),
        (
            ["candidate", "list", "--stage", "elected"],
            "--stage",
            "Cảm tình Đảng (đã học lớp)",
            "trained (Trained)",
        ),
        (
            ["member", "list", "--status", "retired"],
            "--status",
            "Chính thức",
            "official (Official)",
        ),
        (
            ["member", "leave", "1", "--reason", "holiday", "--date", "2024-01-01"],
            "--reason",
            "Từ trần",
            "death (Death)",
        ),
        (
            ["import", "members", "-", "--on-duplicate", "merge"],
            "--on-duplicate",
            "Bỏ qua",
            "skip (Skip)",
        ),
        (
            ["import", "members", "-", "--date-format", "mdy"],
            "--date-format",
            "ngày/tháng/năm",
            "dmy (day/month/year)",
        ),
        (
            ["report", "ageing", "--by", "ward"],
            "--by",
            "Tổ chức cơ sở đảng",
            "base (Base organisation)",
        ),
    ],
    ids=lambda value: value if isinstance(value, str) and value.startswith("--") else "",
)
def test_a_wrong_value_is_refused_with_the_choices(run, city, args, option, vi_choice, en_choice) -> None:
    result = run(*args)
    assert result.exit_code == 2  # Vietnamese: the labels an officer types
    last = result.stderr.splitlines()[-1]
    assert last.startswith(f"Lỗi: {option} '")
    assert "': phải là một trong: " in last
    assert vi_choice in last
    result = run("--lang", "en", *args)
    assert result.exit_code == 2  # English: the codes with their labels
    last = result.stderr.splitlines()[-1]
    assert last.startswith(f"Error: {option} '")
    assert "': must be one of: " in last
    assert en_choice in last


def test_a_wrong_language_is_refused(run) -> None:
    result = run("--lang", "fr", "org", "list")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Lỗi: --lang 'fr': phải là một trong: Tiếng Việt; Tiếng Anh"


@pytest.mark.parametrize(
    ("args", "choices"),
    [
        (["org", "add", "--help"], "Chọn một trong: Đảng bộ cấp trên; Tổ chức cơ sở đảng; Chi bộ."),
        (["member", "add", "--help"], "Chọn một trong: Nam; Nữ."),
        (["member", "leave", "--help"], "Chọn một trong: Chuyển sinh hoạt;"),
        (["add-candidate", "--help"], "Đoàn viên;"),
        (["--lang", "en", "org", "add", "--help"], "One of: committee (Committee), base (Base organisation)"),
        (["--lang", "en", "add-candidate", "--help"], "youth_union (Youth Union member)"),
    ],
)
def test_help_lists_the_choices_with_their_labels(run, args, choices) -> None:
    result = run(*args)
    assert result.exit_code == 0
    assert choices in " ".join(result.stdout.replace("│", " ").split())


def test_import_options_take_vietnamese_words(run, run_json, city, tmp_path) -> None:
    rows = "full_name,gender,birth_date,cell,admitted_on\nLê Văn Hùng,Nam,1971/11/20,HP,2001/05/19\n"
    path = tmp_path / "members.csv"
    path.write_text(rows, encoding="utf-8")
    result = run("import", "members", str(path), "--date-format", "năm/tháng/ngày", "--encoding", "tu nhan")
    assert result.exit_code == 0, result.stderr
    again = run("import", "members", str(path), "--date-format", "ymd", "--on-duplicate", "bỏ qua")
    assert again.exit_code == 0, again.stderr
