"""Every refusal: one line on stderr naming the field and the value, exit code 1, nothing written."""

from __future__ import annotations

import pytest

from dangvien_cli.store.database import open_database
from dangvien_cli.store.migrate import row_counts

MEMBER = [
    "member",
    "add",
    "--name",
    "Nguyễn Văn Sỹ",
    "--gender",
    "M",
    "--birth",
    "1/9/1970",
    "--cell",
    "HP",
    "--admitted",
    "2000-05-19",
]


def _replace(args: list[str], option: str, value: str) -> list[str]:
    out = list(args)
    out[out.index(option) + 1] = value
    return out


def _counts() -> dict[str, int]:
    return row_counts(open_database().engine)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            _replace(MEMBER, "--birth", "31/02/1990"),
            "Lỗi: Ngày sinh '31/02/1990': ngày không có thật",
        ),
        (
            _replace(MEMBER, "--admitted", "2022-13-01"),
            "Lỗi: Ngày quyết định kết nạp '2022-13-01': ngày không có thật",
        ),
        (
            _replace(MEMBER, "--admitted", "hôm qua"),
            "Lỗi: Ngày quyết định kết nạp 'hôm qua': không phải ngày (viết 2022-10-31 hoặc 31/10/2022)",
        ),
        (_replace(MEMBER, "--cell", "XX"), "Lỗi: Chi bộ 'XX': không có tổ chức đảng mang mã này"),
        (
            _replace(MEMBER, "--cell", "TP"),
            "Lỗi: Chi bộ 'TP': là Tổ chức cơ sở đảng, không phải chi bộ",
        ),
        (
            _replace(MEMBER, "--birth", "2001-01-01"),
            "Lỗi: Ngày sinh '2001-01-01': ngày sinh không trước ngày quyết định kết nạp 19/05/2000",
        ),
        (
            _replace(MEMBER, "--birth", "1982-05-20"),
            "Lỗi: Ngày quyết định kết nạp '2000-05-19': khi kết nạp mới 17 tuổi, chưa đủ 18 tuổi",
        ),
        (_replace(MEMBER, "--name", "   "), "Lỗi: Họ và tên '   ': không được để trống"),
        (
            [*MEMBER, "--citizen-id", "22070001234"],
            "Lỗi: Số CCCD '22070001234': số CCCD phải gồm đúng 12 chữ số",
        ),
        (
            [*MEMBER, "--official", "1999-01-01"],
            "Lỗi: Ngày chính thức '1999-01-01': trước ngày quyết định kết nạp 19/05/2000",
        ),
    ],
)
def test_member_add_refusals(run, city, args, expected):
    before = _counts()
    result = run(*args)
    assert result.exit_code == 1
    assert result.stderr == expected + "\n"
    assert result.stdout == ""
    assert _counts() == before


def test_exactly_eighteen_is_old_enough(run, city):
    # born 19/05/1982: a full 18 years on 19/05/2000
    assert run(*_replace(MEMBER, "--birth", "1982-05-19")).exit_code == 0


def test_duplicate_citizen_id(run, city):
    assert run(*MEMBER, "--citizen-id", "022070001234").exit_code == 0
    before = _counts()
    result = run(*_replace(MEMBER, "--name", "Trần Văn Khác"), "--citizen-id", "022070001234")
    assert result.exit_code == 1
    assert result.stderr == "Lỗi: Số CCCD '022070001234': số CCCD đã có (đảng viên #1)\n"
    assert _counts() == before


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["org", "add", "B2", "Đảng bộ X", "--kind", "base", "--parent", "HP"],
            "Lỗi: Cấp trên 'HP': Tổ chức cơ sở đảng không thể trực thuộc Chi bộ",
        ),
        (
            ["org", "add", "C9", "Chi bộ 9", "--kind", "cell"],
            "Lỗi: Cấp trên '': Chi bộ phải có tổ chức cấp trên",
        ),
        (
            ["org", "add", "C9", "Chi bộ 9", "--kind", "cell", "--parent", "NOPE"],
            "Lỗi: Cấp trên 'NOPE': không có tổ chức đảng mang mã này",
        ),
        (
            ["org", "add", "HP", "Chi bộ trùng", "--kind", "cell", "--parent", "TP"],
            "Lỗi: Mã 'HP': mã này đã có",
        ),
        (
            ["org", "add", "C9", " ", "--kind", "cell", "--parent", "TP"],
            "Lỗi: Tên '': không được để trống",
        ),
    ],
)
def test_org_add_refusals(run, city, args, expected):
    before = _counts()
    result = run(*args)
    assert result.exit_code == 1
    assert result.stderr == expected + "\n"
    assert _counts() == before


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (_replace(MEMBER, "--gender", "X"), "--gender"),
        (["org", "add", "C9", "Chi bộ 9", "--kind", "branch", "--parent", "TP"], "--kind"),
    ],
)
def test_a_wrong_choice_is_a_usage_error(run, city, args, option):
    """A value outside a vocabulary is refused while the command line is parsed: exit 2, nothing stored."""
    before = _counts()
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(f"Lỗi: {option} '")
    assert "': phải là một trong: " in result.stderr
    assert result.stdout == ""
    assert _counts() == before


def test_english_messages(run, city):
    result = run("--lang", "en", *_replace(MEMBER, "--birth", "31/02/1990"))
    assert result.exit_code == 1
    assert result.stderr == "Error: Birth date '31/02/1990': no such day\n"


def test_usage_errors_keep_exit_code_2(run, city):
    result = run("member", "add", "--name", "Nguyễn Văn A")
    assert result.exit_code == 2
    result = run("member", "show", "not-a-number")
    assert result.exit_code == 2


def test_unknown_ids(run, city):
    result = run("member", "show", "42")
    assert (result.exit_code, result.stderr) == (
        1,
        "Lỗi: Số đảng viên '42': không có đảng viên này\n",
    )
    result = run("candidate", "show", "7")
    assert result.exit_code == 1
    assert "Số quần chúng '7'" in result.stderr
    result = run("org", "show", "ZZ")
    assert result.exit_code == 1
    assert "Tổ chức 'ZZ'" in result.stderr
