"""``dangvien search``: members and candidates by name, with or without tone marks."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import Run
from tests.pg_server import PostgresServer

CSV_HEADER = "kind,id,full_name,gender,birth_date,cell,status,citizen_id,match"


def add_member(run: Run, name: str, *extra: str, cell: str = "HP", db: tuple[str, ...] = ()) -> int:
    result = run(*db, "member", "add", "--name", name, "--gender", "M", "--birth", "1970-01-01",
                 "--cell", cell, "--admitted", "2000-05-19", *extra, "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    member_id: int = json.loads(result.stdout)["id"]
    return member_id


def add_candidate(run: Run, name: str, cell: str = "HP") -> int:
    result = run("add-candidate", "--name", name, "--gender", "F", "--birth", "2001-03-12", "--cell", cell,
                 "--source", "youth_union", "--identified", "2024-01-10", "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    candidate_id: int = json.loads(result.stdout)["id"]
    return candidate_id


def found(run_json: Any, *args: str) -> list[tuple[str, str]]:
    """(full name, match) of each result, in order."""
    return [(r["full_name"], r["match"]) for r in run_json("search", *args)]


def names(run_json: Any, *args: str) -> list[str]:
    return [r["full_name"] for r in run_json("search", *args)]


def test_the_issue_examples(run, run_json, city):
    for name in ["Nguyễn Văn Sỹ", "Đặng Văn Lâm", "Lê Thị Hòa", "Trần Thị Hoà", "Phạm Văn Nam"]:
        add_member(run, name)
    assert names(run_json, "nguyen van sy") == ["Nguyễn Văn Sỹ"]
    assert names(run_json, "dang") == ["Đặng Văn Lâm"]
    assert sorted(names(run_json, "hoa")) == ["Lê Thị Hòa", "Trần Thị Hoà"]
    assert names(run_json, "ĐẶNG") == ["Đặng Văn Lâm"]  # case does not matter


def test_marks_as_typed_rank_first(run, run_json, city):
    for name in ["Trần Hoàng", "Lê Thị Hoà", "Võ Thị Hoa", "Phạm Thị Hòa"]:
        add_member(run, name)
    # Exact first; then the rest in Vietnamese order (Hoa < Hoà, tone placement aside, < Hoàng).
    assert found(run_json, "Hòa") == [
        ("Phạm Thị Hòa", "exact"),
        ("Võ Thị Hoa", "folded"),
        ("Lê Thị Hoà", "folded"),
        ("Trần Hoàng", "folded"),
    ]
    # The old tone placement is another spelling: it is exact for Hoà, and "Hoàng" starts with "Hoà".
    assert found(run_json, "Hoà") == [
        ("Lê Thị Hoà", "exact"),
        ("Trần Hoàng", "exact"),
        ("Võ Thị Hoa", "folded"),
        ("Phạm Thị Hòa", "folded"),
    ]
    assert found(run_json, "Hoa\u0300") == found(run_json, "Hoà")  # typed decomposed (NFD)
    assert found(run_json, "HOA")[0] == ("Võ Thị Hoa", "exact")
    # The exact match survives a limit that the name order alone would cut it off by.
    assert found(run_json, "Hòa", "--limit", "1") == [("Phạm Thị Hòa", "exact")]


def test_words_match_word_starts_in_any_order(run, run_json, city):
    add_member(run, "Nguyễn Văn Sỹ")
    add_member(run, "Nguyễn Thị Lâm")
    for query in ["sy nguyen", "Sỹ Nguyễn", "van ng", "  NGUYEN   sy ", "s v n"]:
        assert names(run_json, query) == ["Nguyễn Văn Sỹ"], query
    assert found(run_json, "Sỹ Nguyễn") == [("Nguyễn Văn Sỹ", "exact")]
    assert names(run_json, "guyen") == []  # not the start of a word
    assert names(run_json, "nguyen lam sy") == []  # every word must match
    assert names(run_json, "nguyen") == ["Nguyễn Thị Lâm", "Nguyễn Văn Sỹ"]


def test_i_and_y_are_one_letter(run, run_json, city):
    for name in ["Nguyễn Văn Sỹ", "Trần Văn Sĩ", "Lý Thị Mai", "Lí Văn Tâm", "Hồ Văn Sơn"]:
        add_member(run, name)
    assert found(run_json, "Sỹ") == [("Nguyễn Văn Sỹ", "exact"), ("Trần Văn Sĩ", "folded")]
    assert found(run_json, "si") == [("Trần Văn Sĩ", "folded"), ("Nguyễn Văn Sỹ", "folded")]
    assert sorted(names(run_json, "ly")) == ["Lí Văn Tâm", "Lý Thị Mai"]
    assert sorted(names(run_json, "li tam")) == ["Lí Văn Tâm"]


def test_members_and_candidates_together(run, run_json, city):
    add_candidate(run, "Nguyễn Thị An", cell="K2")
    add_member(run, "Nguyễn Thị An", "--official", "2001-05-19")
    add_member(run, "Trần Văn Bình")
    shared = {"full_name": "Nguyễn Thị An", "citizen_id": None, "match": "exact"}
    member = {"kind": "member", "id": 1, "gender": "M", "birth_date": "1970-01-01", "cell": "HP"}
    candidate = {"kind": "candidate", "id": 1, "gender": "F", "birth_date": "2001-03-12", "cell": "K2"}
    assert run_json("search", "an") == [  # the same name: members first
        {**shared, **member, "status": "official"},
        {**shared, **candidate, "status": "identified"},
    ]


def test_a_member_who_left(run, run_json, city):
    member_id = add_member(run, "Đỗ Văn Hùng", "--official", "2001-05-19")
    assert run("member", "move", str(member_id), "--to", "K2", "--date", "2010-01-01").exit_code == 0
    left = run("member", "leave", str(member_id), "--reason", "transfer", "--date", "2020-01-01")
    assert left.exit_code == 0, left.stderr
    [row] = run_json("search", "hung")
    assert (row["status"], row["cell"]) == ("left", "K2")
    [before] = run_json("search", "hung", "--at", "2005-01-01")
    assert (before["status"], before["cell"]) == ("official", "HP")
    [not_yet] = run_json("search", "hung", "--at", "1999-01-01")
    assert (not_yet["status"], not_yet["cell"]) == (None, "K2")


def test_sql_wildcards_match_literally(run, run_json, city):
    for name in ["Lê Văn Ab_c", "Lê Văn Abxc", "Lê Văn 100%", "Lê Văn 1000", "Lê Văn X\\Y", "Lê Văn Xay"]:
        add_member(run, name)
    assert names(run_json, "ab_") == ["Lê Văn Ab_c"]
    assert names(run_json, "a_") == []
    assert names(run_json, "100%") == ["Lê Văn 100%"]
    assert names(run_json, "1%") == []
    assert names(run_json, "x\\") == ["Lê Văn X\\Y"]
    assert names(run_json, "le %") == names(run_json, "le")  # a word with no letter or digit is dropped


@pytest.mark.parametrize("text", ["", "   ", "%", "_ -", "\u200b"])
def test_an_empty_query_is_refused(run, city, text):
    result = run("search", text)
    assert result.exit_code == 1
    assert result.stdout == ""
    shown = text.replace("\u200b", "\\u200b")  # invisible characters are spelt out in messages
    assert result.stderr == f"Lỗi: Nội dung '{shown}': cần ít nhất một chữ cái hoặc chữ số để tìm\n"


def test_english_error(run, city):
    result = run("--lang", "en", "search", " ")
    assert result.exit_code == 1
    assert result.stderr == "Error: Text ' ': type at least one letter or digit to search for\n"


def test_csv(run, city):
    add_member(run, "Nguyễn Văn Sỹ", "--citizen-id", "022070001234")
    result = run("search", "sy", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        CSV_HEADER,
        "member,1,Nguyễn Văn Sỹ,M,1970-01-01,HP,probationary,022070001234,folded",
    ]
    empty = run("search", "zzz", "--format", "csv")
    assert empty.stdout.splitlines() == [CSV_HEADER]


def test_tables_in_both_languages(run, city):
    add_member(run, "Nguyễn Văn Sỹ", "--official", "2001-05-19")
    add_candidate(run, "Phạm Thị Sĩ")
    vi = run("search", "Sỹ")
    assert vi.exit_code == 0, vi.stderr
    lines = vi.stdout.splitlines()
    assert lines[0].strip() == "Tìm “Sỹ” (2)"
    assert all(word in lines[2] for word in ["Loại", "Số", "Họ và tên", "Trạng thái", "Khớp"])
    sy, si = lines[4], lines[5]
    assert all(word in sy for word in ["Đảng viên", "Nguyễn Văn Sỹ", "01/01/1970", "Chính thức", "Đúng dấu"])
    assert all(word in si for word in ["Quần chúng", "Phạm Thị Sĩ", "Nữ", "Đưa vào nguồn", "Không dấu"])

    en = run("--lang", "en", "search", "Sỹ")
    assert en.exit_code == 0, en.stderr
    lines = en.stdout.splitlines()
    assert lines[0].strip() == "Search for “Sỹ” (2)"
    assert all(word in lines[2] for word in ["Kind", "ID", "Full name", "Gender", "Status", "Match"])
    assert all(word in lines[4] for word in ["Member", "01/01/1970", "Official", "Exact"])
    assert all(word in lines[5] for word in ["Candidate", "Female", "Identified", "Without marks"])


def test_a_title_with_markup_characters(run, city):
    result = run("search", "[/b] x")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0].strip() == "Tìm “[/b] x” (0)"


def test_limit(run, run_json, city):
    for name in ["Nguyễn An", "Nguyễn Bình", "Nguyễn Chi"]:
        add_member(run, name)
    cut = run("search", "nguyen", "--limit", "2", "--format", "json")
    assert [r["full_name"] for r in json.loads(cut.stdout)] == ["Nguyễn An", "Nguyễn Bình"]
    assert cut.stderr == "Chỉ hiện 2 kết quả đầu; dùng --limit 0 để xem tất cả\n"
    whole = run("search", "nguyen", "--limit", "3", "--format", "json")
    assert len(json.loads(whole.stdout)) == 3
    assert whole.stderr == ""
    assert len(run_json("search", "nguyen", "--limit", "0")) == 3
    assert run("search", "nguyen", "--limit", "-1").exit_code == 2  # a usage error


@pytest.mark.parametrize(
    "name",
    [
        "Nguye\u0302\u0303n Thi\u0323 Thuỷ",
        "Đoàn Thị Thủy",
        "H'Hen Niê",
        "Hoàng Phủ Ngọc Tường",
        "Ksor Y Phun",
    ],
)
def test_everyone_is_found_by_their_own_name(run, run_json, city, name):
    add_member(run, name)
    [record] = run_json("member", "list")
    stored = record["full_name"]
    assert found(run_json, stored) == [(stored, "exact")]
    assert found(run_json, name) == [(stored, "exact")]  # as typed, even decomposed
    last = stored.split()[-1]
    assert names(run_json, last.lower()) == [stored]


def test_the_library_call(city, run):
    from datetime import date

    from dangvien_cli.errors import InvalidValue
    from dangvien_cli.store.database import open_database
    from dangvien_cli.store.search import search_people

    for name in ["Nguyễn An", "Nguyễn Bình"]:
        add_member(run, name)
    database = open_database()
    try:
        with database.reader() as session:
            everyone = search_people(session=session, text="Nguyễn", on=date(2024, 6, 30), limit=None)
            assert [r.full_name for r in everyone] == ["Nguyễn An", "Nguyễn Bình"]
            assert everyone[0].as_json()["kind"] == "member"
            with pytest.raises(InvalidValue) as refused:
                search_people(session=session, text=" . ", on=date(2024, 6, 30))
            assert (refused.value.field, refused.value.key) == ("text", "search.empty")
            with pytest.raises(InvalidValue):
                search_people(session=session, text="an", on=date(2024, 6, 30), limit=-1)
    finally:
        database.close()


# --- PostgreSQL ------------------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.slow
def test_the_same_search_on_postgresql(run: Run, pg_server: PostgresServer) -> None:
    db = ("--db", pg_server.url(pg_server.create_database()))
    for args in [
        ("MC", "Đảng bộ TP Móng Cái", "--kind", "committee"),
        ("TP", "Đảng bộ phường Trần Phú", "--kind", "base", "--parent", "MC"),
        ("HP", "Chi bộ khu Hồng Phong", "--kind", "cell", "--parent", "TP"),
    ]:
        result = run(*db, "org", "add", *args)
        assert result.exit_code == 0, result.stderr
    for name in ["Nguyễn Văn Sỹ", "Trần Văn Sĩ", "Lê Thị Hoà", "Phạm Thị Hòa", "Lê Văn Ab_c", "Lê Văn Abxc"]:
        add_member(run, name, db=db)

    def search(*args: str) -> list[tuple[str, str]]:
        result = run(*db, "search", *args, "--format", "json")
        assert result.exit_code == 0, result.stderr
        return [(r["full_name"], r["match"]) for r in json.loads(result.stdout)]

    assert search("Sỹ nguyen") == [("Nguyễn Văn Sỹ", "folded")]
    assert search("Sỹ") == [("Nguyễn Văn Sỹ", "exact"), ("Trần Văn Sĩ", "folded")]
    assert search("Hòa") == [("Phạm Thị Hòa", "exact"), ("Lê Thị Hoà", "folded")]
    assert search("AB_") == [("Lê Văn Ab_c", "exact")]
    assert search("le v%") == []
