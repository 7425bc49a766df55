"""One language a run (issue 13): help, usage errors, refusals and output speak the run's language only;
global options go anywhere; errors for scripts are one JSON object; exit codes say what happened."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dangvien_cli.cli.app import arrange
from dangvien_cli.domain.vocab import LeftReason, MemberStatus, OrgKind, Place, RuleStatus, Source, Stage
from dangvien_cli.messages.catalog import MESSAGES
from tests.test_cli_docs import make_cli_docs
from tests.test_report_monthly import may  # noqa: F401  (the fixture behind ``hp``)

COMMANDS = [doc.path for doc in make_cli_docs.walk()]

VIETNAMESE_LETTER = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE
)
# What Click and Typer say in English, and what our own help said before it had one language.
CLICK_ENGLISH = (
    "Usage",
    "Options",
    "Arguments",
    "Commands",
    "Show this message",
    "default:",
    "required",
    "env var",
    "Try '",
    "Error",
    "Missing",
    "Invalid value",
    "No such",
    "Got unexpected",
    "Aborted",
    "<bool>",
    "<str>",
    "<int>",
    "<float>",
    "<path>",
)
# English words a Vietnamese sentence must not hold: plain English, and the codes of the vocabularies (a
# code belongs in JSON and CSV; people read its label). A rule's code ("age.min") is an identifier.
PLAIN_ENGLISH = (
    "the and of for with to or is are this that each one only not from into when what which "
    "date file code name member members candidate candidates cell cells organisation organisations "
    "yes no true false none total"
)
VOCABULARIES = (OrgKind, Place, Source, Stage, LeftReason, MemberStatus, RuleStatus)
ENGLISH_WORDS = {
    *PLAIN_ENGLISH.split(),
    *(code for vocabulary in VOCABULARIES for code in vocabulary.codes() if len(code) > 1),
}
WORD = re.compile(r"(?<![\w\-$])(?<!\w\.)([A-Za-z_]{2,})(?!\w|\.\w)")


COMMAND_NAMES = {name for path in COMMANDS for name in path}  # what the user types: "dangvien member …"


def english_words(text: str) -> set[str]:
    """The English words of ``ENGLISH_WORDS`` in ``text``: not option names, dotted codes, command names or a
    message's ``{placeholders}``."""
    text = re.sub(r"\{\w+\}", "", text)
    return {w for w in WORD.findall(text) if w.lower() in ENGLISH_WORDS and w not in COMMAND_NAMES}


def help_of(run, path: tuple[str, ...], lang: str) -> str:
    result = run("--lang", lang, *path, "--help")
    assert result.exit_code == 0, (path, result.output)
    return str(result.stdout)


# --- help ---------------------------------------------------------------------------------------------


def test_every_help_text_is_one_language() -> None:
    """The catalogue's help: no "vi / en" pairs, no Vietnamese in English."""
    for key, (vi, en) in MESSAGES.items():
        if not key.startswith(("help.", "cli.", "metavar.")):
            continue
        assert isinstance(en, str)
        assert " / " not in vi, key
        assert " / " not in en, key
        assert not VIETNAMESE_LETTER.search(en), key
        assert not english_words(vi), (key, english_words(vi))


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "dangvien")
def test_every_help_page_is_in_the_runs_language(run, monkeypatch, path) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    vi = help_of(run, path, "vi")
    en = help_of(run, path, "en")
    assert vi.strip().startswith("Cách dùng: dangvien")
    assert en.strip().startswith("Usage: dangvien")
    for english in CLICK_ENGLISH:
        assert english not in vi, (path, english)
    assert not english_words(vi), (path, english_words(vi))
    assert not VIETNAMESE_LETTER.search(en), (path, VIETNAMESE_LETTER.findall(en))
    for text in (vi, en):
        assert "{" not in text.splitlines()[1], path  # the usage line reads words, not {code}
        assert "help." not in text, path  # no catalogue key shows
        assert "metavar." not in text, path
        assert max(len(line) for line in text.splitlines()) <= 80, path


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "dangvien")
def test_option_help_keeps_its_width_at_80_columns(run, monkeypatch, path) -> None:
    """An option's help starts within the first half of the line: long names wrap, the help does not
    shrink to a narrow column."""
    monkeypatch.setenv("COLUMNS", "80")
    for line in help_of(run, path, "vi").splitlines():
        row = re.match(r"^│ (?:\*  |   )?(-\S.*?|[A-ZÀ-Ỹ_|.\[\]]+)\s{2,}(\S)", line)
        if row:
            assert row.start(2) <= 40, (path, line)


def test_usage_lines_and_placeholders(run) -> None:
    org_add = help_of(run, ("org", "add"), "vi")
    assert "Cách dùng: dangvien org add [TÙY_CHỌN] MÃ TÊN" in org_add
    assert "--kind LOẠI" in org_add
    assert "[mặc định: Khác]" in org_add  # a choice's default by its label
    english = help_of(run, ("org", "add"), "en")
    assert "Usage: dangvien org add [OPTIONS] CODE NAME" in english
    assert "--parent CODE" in english
    member_add = help_of(run, ("member", "add"), "vi")
    assert "--birth NGÀY" in member_add
    assert "--youth-union / --no-youth-union " in member_add  # a flag: no placeholder
    assert "[bắt buộc]" in member_add
    assert "-o, --output TỆP" in help_of(run, ("member", "list"), "vi")


# --- usage errors ---------------------------------------------------------------------------------------

WRONG = [
    (("org", "add"), "Lỗi: Thiếu đối số MÃ", "Error: Missing argument CODE"),
    (("report", "quota"), "Lỗi: Thiếu tùy chọn --year", "Error: Missing option --year"),
    (("report", "quota", "--year", "abc"), "Lỗi: --year 'abc': phải là số nguyên", "must be a whole number"),
    (("report", "quota", "--year"), "Lỗi: Tùy chọn --year cần một giá trị", "Error: Option --year needs a"),
    (("search", "a", "--limit", "-1"), "Lỗi: --limit '-1': phải từ 0 trở lên", "must be 0 or more"),
    (("org", "list", "--nope"), "Lỗi: Không có tùy chọn --nope", "Error: No such option: --nope"),
    (("org", "list", "--forma", "json"), "ý bạn là --force, --format?", "did you mean --force, --format?"),
    (("orgg",), "Lỗi: Không có lệnh 'orgg'", "Error: No such command: 'orgg'"),
    (("org", "add", "A", "B", "C", "--kind", "cell"), "Lỗi: Thừa đối số: C", "Error: Unexpected extra"),
    (("member", "list", "--redact=yes"), "không nhận giá trị", "takes no value"),
    (("member", "list", "--status", "retired"), "một trong: Dự bị; Chính thức", "official (Official)"),
    (("--lang", "fr", "org", "list"), "Lỗi: --lang 'fr': phải là một trong", "must be one of"),
    (("member", "show", "x"), "Lỗi: SỐ 'x': phải là số nguyên", "Error: ID 'x': must be a whole number"),
]


def _words(value: object) -> str:
    return " ".join(value) if isinstance(value, tuple) else ""


@pytest.mark.parametrize(("args", "vi", "en"), WRONG, ids=_words)
def test_usage_errors_speak_the_runs_language(run, monkeypatch, args, vi, en) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert vi in result.stderr
    for english in CLICK_ENGLISH:
        assert english not in result.stderr, english
    assert not english_words(result.stderr), english_words(result.stderr)
    monkeypatch.setenv("DANGVIEN_LANG", "en")
    in_english = run(*args)
    assert in_english.exit_code == 2
    assert en in in_english.stderr
    assert "Error: " in in_english.stderr
    assert not VIETNAMESE_LETTER.search(in_english.stderr), in_english.stderr


def test_a_usage_error_repeats_the_usage_and_points_to_the_help(run) -> None:
    result = run("org", "add", "A")
    assert result.stderr.splitlines() == [
        "Cách dùng: dangvien org add [TÙY_CHỌN] MÃ TÊN",
        "Xem 'dangvien org add --help' để biết cách dùng.",
        "Lỗi: Thiếu đối số TÊN",
    ]


def test_a_group_without_a_command_shows_its_help(run) -> None:
    result = run("org")
    assert result.exit_code == 2
    assert "Cách dùng: dangvien org [TÙY_CHỌN] LỆNH [ĐỐI_SỐ]..." in result.stdout
    assert "Cây tổ chức đảng." in result.stdout


# --- global options anywhere ----------------------------------------------------------------------------


def test_lang_and_db_after_the_command(run, city, tmp_path: Path) -> None:
    english = run("org", "show", "TP", "--lang", "en")
    assert english.exit_code == 0, english.stderr
    assert "Members" in english.stdout
    assert english.stdout == run("--lang", "en", "org", "show", "TP").stdout
    assert run("org", "show", "TP", "--lang=en").stdout == english.stdout
    other = tmp_path / "other.db"
    assert run("org", "add", "X1", "Một tổ chức", "--kind", "committee", "--db", str(other)).exit_code == 0
    elsewhere = run("org", "show", "X1", "--db", str(other), "-f", "json")
    assert json.loads(elsewhere.stdout)["code"] == "X1"
    assert run("org", "show", "X1").exit_code == 1  # not in the suite's own database


def test_format_before_the_command(run, city) -> None:
    tree = json.loads(run("--format", "json", "org", "list").stdout)
    assert tree == json.loads(run("org", "list", "--format", "json").stdout)
    assert json.loads(run("-f", "json", "org", "list").stdout) == tree
    # the command's own --format wins over one written before it
    assert run("-f", "json", "org", "list", "-f", "csv").stdout.startswith("id,code,")


@pytest.mark.parametrize(
    ("args", "arranged"),
    [
        (["member", "list", "--lang", "en"], ["--lang", "en", "member", "list"]),
        (["org", "show", "X", "--db", "f.db"], ["--db", "f.db", "org", "show", "X"]),
        (["org", "show", "X", "--db=f.db"], ["--db=f.db", "org", "show", "X"]),
        (["--format", "json", "org", "list"], ["org", "list", "--format", "json"]),
        (["-fjson", "--lang", "en", "org", "list"], ["--lang", "en", "org", "list", "-fjson"]),
        (["-f", "json", "org", "list", "-f", "csv"], ["org", "list", "-f", "csv"]),
        (["search", "x", "--", "--lang"], ["search", "x", "--", "--lang"]),
        (["--format", "json"], ["--format", "json"]),
        (["--help"], ["--help"]),
    ],
)
def test_arrange_moves_the_global_options(args, arranged) -> None:
    assert arrange(args) == arranged


# --- errors for scripts ---------------------------------------------------------------------------------


def _json_error(result) -> dict[str, object]:
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert result.stdout == ""
    error: dict[str, dict[str, object]] = json.loads(lines[0])
    assert list(error) == ["error"]
    assert list(error["error"]) == ["code", "field", "value", "message"]
    return error["error"]


def test_a_refusal_is_one_json_object_for_scripts(run, city) -> None:
    result = run("member", "list", "--org", "NOPE", "--format", "json")
    assert result.exit_code == 1
    assert _json_error(result) == {
        "code": "not_found",
        "field": "org",
        "value": "NOPE",
        "message": "Tổ chức 'NOPE': không có tổ chức đảng mang mã này",
    }
    again = run("--lang", "en", "org", "add", "HP", "Again", "--kind", "cell", "--parent", "TP", "-f", "json")
    assert again.exit_code == 1
    assert _json_error(again) == {
        "code": "conflict",
        "field": "code",
        "value": "HP",
        "message": "Code 'HP': this code is already taken",
    }
    bad_date = run("member", "list", "--at", "31/02/2024", "--format", "json")
    assert bad_date.exit_code == 1
    assert _json_error(bad_date)["code"] == "invalid_value"
    # without --format json, the same refusal is the one line people read
    people = run("member", "list", "--org", "NOPE")
    assert people.stderr == "Lỗi: Tổ chức 'NOPE': không có tổ chức đảng mang mã này\n"


def test_a_usage_error_is_one_json_object_too(run, city) -> None:
    result = run("candidate", "list", "--stage", "elected", "--format", "json")
    assert result.exit_code == 2
    error = _json_error(result)
    assert (error["code"], error["field"], error["value"]) == ("usage", "--stage", "elected")
    assert str(error["message"]).startswith("--stage 'elected': phải là một trong: ")
    missing = run("report", "quota", "-f", "json")
    assert missing.exit_code == 2
    assert _json_error(missing) == {
        "code": "usage",
        "field": "--year",
        "value": None,
        "message": "Thiếu tùy chọn --year",
    }


def test_a_failed_rule_is_rule_failed_for_scripts(run, hp) -> None:
    """Candidate D applied in June 2024; one vote of six official members does not carry a proposal."""
    args = ("candidate", "propose", str(hp["d"]), "--date", "2024-06-20", "--votes-for", "1")
    result = run(*args, "--official-members", "6", "--format", "json")
    assert result.exit_code == 1
    error = _json_error(result)  # the failed rules are in the message, not on lines of their own
    assert (error["code"], error["field"], error["value"]) == ("rule_failed", "candidate_id", hp["d"])
    people = run(*args, "--official-members", "6")
    assert people.exit_code == 1
    assert len(people.stderr.splitlines()) > 1  # people get each failed rule on a line, then the refusal
    assert people.stderr.splitlines()[-1].startswith("Lỗi: Số quần chúng ")


@pytest.fixture
def hp(request):
    """Cell HP in May 2024 (tests/test_report_monthly.py's ``may``): candidate ids by letter."""
    return request.getfixturevalue("may")


# --- exit codes -----------------------------------------------------------------------------------------


def test_candidate_check_exits_1_when_a_rule_fails(run, hp) -> None:
    passing = run("candidate", "check", str(hp["a"]), "--at", "2024-04-10")
    failing = run("candidate", "check", str(hp["b"]))  # no mentor, no class, no application
    assert "Không đạt" in failing.stdout
    assert failing.exit_code == 1
    checks = json.loads(run("candidate", "check", str(hp["b"]), "-f", "json").stdout)
    assert any(c["status"] == "fail" for c in checks)
    statuses = json.loads(run("candidate", "check", str(hp["a"]), "--at", "2024-04-10", "-f", "json").stdout)
    assert passing.exit_code == (1 if any(c["status"] == "fail" for c in statuses) else 0)


# --- no English in Vietnamese output --------------------------------------------------------------------

SHOWN = [
    ("member", "list"),
    ("member", "show", "1"),
    ("member", "show", "6"),
    ("candidate", "list"),
    ("candidate", "show", "1"),
    ("candidate", "check", "1", "--at", "2024-04-10"),
    ("org", "list"),
    ("org", "show", "HP"),
    ("due", "--within", "60"),
    ("log", "--limit", "30"),
    ("search", "nguyen"),
    ("quota", "list"),
    ("report", "quota", "--year", "2024"),
    ("report", "ageing"),
    ("report", "ageing", "--by", "base"),
    ("report", "pipeline", "--year", "2024"),
    ("report", "outlook", "--target", "2030=40"),
    ("report", "monthly", "--cell", "HP", "--month", "2024-05"),
    ("report", "monthly", "--cell", "HP", "--month", "2024-05", "-f", "md"),
    ("db", "check"),
]
PERSON = ("--name", "Phan Văn Tư", "--gender", "M", "--birth", "1990-01-01")
NEW_MEMBER = ("member", "add", *PERSON, "--cell", "HP", "--admitted", "2020-05-05")
REFUSED = [
    ("candidate", "train", "6", "--date", "2024-06-20"),  # G (6) was dropped: "đã ở giai đoạn …"
    ("member", "move", "1", "--to", "TP", "--date", "2024-06-01"),  # not a cell
    ("org", "add", "X", "Y", "--kind", "base", "--parent", "HP"),  # a base under a cell
    ("org", "add", "X", "Y", "--kind", "cell"),  # a cell needs a parent
    (*NEW_MEMBER, "--official", "2020-01-01"),  # official before admitted
    (*NEW_MEMBER, "--citizen-id", "022060001111"),  # member 1's citizen ID
]


def test_vietnamese_output_holds_no_english_codes(run, hp) -> None:
    assert hp["g"] == 6
    for args in SHOWN:
        result = run(*args)
        assert result.exit_code in (0, 1), (args, result.stderr)
        text = result.stdout + result.stderr
        assert not english_words(text), (args, english_words(text))
        for word in ("TOTAL", "True", "False", "None", "(confirm)"):
            assert word not in text, (args, word)
    for args in REFUSED:
        result = run(*args)
        assert result.exit_code == 1, (args, result.stdout)
        assert result.stderr.startswith("Lỗi: ")
        assert not english_words(result.stderr), (args, result.stderr)
        assert not re.search(r"\([a-z_]+\) '", result.stderr), result.stderr  # no "(candidate_id) '…'"


def test_a_date_before_another_names_that_date(run, hp) -> None:
    result = run(*REFUSED[4])
    assert result.stderr.startswith("Lỗi: Ngày chính thức '2020-01-01': trước ngày quyết định kết nạp ")
    english = run("--lang", "en", *REFUSED[4])
    assert english.stderr.startswith(
        "Error: Official on '2020-01-01': is before 05/05/2020 (Admission decision on)"
    )


# --- the demo -------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_demo_leaves_no_folder_behind(run, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # TMPDIR is read again
    result = run("demo")
    assert result.exit_code == 0, result.stderr
    assert "đã được xóa" in result.stdout
    assert not list(tmp_path.glob("dangvien-demo-*"))


def test_a_failing_demo_step_stops_the_demo(run, tmp_path) -> None:
    sample = tmp_path / "sample"
    sample.mkdir()
    (sample / "orgs.csv").write_text("code,name\nX,Y\n", encoding="utf-8")
    result = run("--db", str(tmp_path / "demo.db"), "demo", "--data", str(sample))
    assert result.exit_code == 1
    assert "Bước dùng thử không thành công (mã thoát 1): dangvien import orgs" in result.stderr


def test_every_field_a_refusal_names_has_a_label() -> None:
    """A refusal names its field by its label (never its key): every field the library refuses has one."""
    from dangvien_cli.messages.fields import FIELDS

    source = Path(__file__).resolve().parent.parent / "src" / "dangvien_cli"
    named = re.compile(
        r'(?:InvalidValue|NotFound|Conflict)\(\s*"(\w+)"|field="(\w+)"'
        r'|(?:parse_date|parse_day|parse_optional_date|check_not_future|_not_before|get_org)\([^)]*?"([a-z_]+)"'
    )
    fields = {
        name
        for path in source.rglob("*.py")
        for match in named.finditer(path.read_text(encoding="utf-8"))
        for name in match.groups()
        if name
    }
    assert len(fields) > 30
    assert not fields - set(FIELDS), sorted(fields - set(FIELDS))
