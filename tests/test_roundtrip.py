"""Export then import is the identity, for random Vietnamese names (and any tone placement or form)."""

from __future__ import annotations

import io
import shutil
import tempfile
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangvien_cli.domain.names import fold
from dangvien_cli.domain.settings import DEFAULT_SETTINGS
from dangvien_cli.exchange.exporter import ExportQuery, export_view
from dangvien_cli.exchange.importing import ImportOptions, import_table
from dangvien_cli.exchange.readers import open_table
from dangvien_cli.render import csv as render_csv
from dangvien_cli.store.database import open_database
from dangvien_cli.store.orgs import add_org

ONSETS = [
    "",
    "b",
    "c",
    "ch",
    "d",
    "đ",
    "g",
    "gh",
    "h",
    "kh",
    "l",
    "m",
    "n",
    "ng",
    "nh",
    "ph",
    "qu",
    "s",
    "t",
    "th",
    "tr",
    "v",
    "x",
]
NUCLEI = [
    "a",
    "ă",
    "â",
    "e",
    "ê",
    "i",
    "o",
    "ô",
    "ơ",
    "u",
    "ư",
    "y",
    "oa",
    "uy",
    "ươ",
    "iê",
    "uô",
    "ai",
    "oi",
]
CODAS = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"]
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]


@st.composite
def syllable(draw: st.DrawFn) -> str:
    onset, nucleus, coda = (
        draw(st.sampled_from(ONSETS)),
        draw(st.sampled_from(NUCLEI)),
        draw(st.sampled_from(CODAS)),
    )
    tone = draw(st.sampled_from(TONES))
    at = draw(st.integers(min_value=0, max_value=len(nucleus) - 1))  # old or new tone placement
    marked = nucleus[: at + 1] + tone + nucleus[at + 1 :]
    word = unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), onset + marked + coda)
    return word.capitalize()


@st.composite
def person(draw: st.DrawFn) -> dict[str, object]:
    words = draw(st.lists(syllable(), min_size=2, max_size=5))
    return {
        "full_name": " ".join(words),
        "gender": draw(st.sampled_from(["M", "F"])),
        "birth_date": draw(st.dates(min_value=date(1930, 1, 1), max_value=date(2000, 12, 31))),
        "citizen_id": draw(st.none() | st.from_regex(r"[0-9]{12}", fullmatch=True)),
        "youth_union": draw(st.booleans()),
    }


def _csv(rows: list[dict[str, object]]) -> bytes:
    out = io.StringIO()
    out.write("full_name,gender,birth_date,citizen_id,cell,admitted_on,youth_union\n")
    for row in rows:
        out.write(
            f"{row['full_name']},{row['gender']},{row['birth_date']},{row['citizen_id'] or ''},C1,"
            f"2020-01-01,{'true' if row['youth_union'] else 'false'}\n"
        )
    return out.getvalue().encode("utf-8")


def _fresh(template: Path, folder: Path, name: str) -> str:
    path = folder / name
    shutil.copyfile(template, path)
    return str(path)


def _import(db: str, data: bytes, entity: str = "members") -> None:
    database = open_database(db)
    with database.writer() as session:
        table = open_table("-", input_format="csv", stdin=io.BytesIO(data))
        with table:
            report = import_table(
                session=session,
                entity=entity,
                table=table,
                options=ImportOptions(today=date(2024, 6, 30), settings=DEFAULT_SETTINGS),
            )
        assert report.ok, [(p.line, p.column, p.value, p.key) for p in report.problems]
        session.commit()
    database.close()


def _export(db: str, entity: str = "members") -> str:
    database = open_database(db)
    out = io.StringIO()
    with database.reader() as session:
        render_csv.write(export_view(session=session, query=ExportQuery(entity=entity)), out)
    database.close()
    return out.getvalue()


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        person(),
        min_size=1,
        max_size=12,
        unique_by=(
            lambda p: (fold(str(p["full_name"])), p["birth_date"]),
            lambda p: p["citizen_id"] or id(p),
        ),
    )
)
def test_export_then_import_is_the_identity(migrated_template: Path, people: list[dict[str, object]]) -> None:
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        first, second = _fresh(migrated_template, folder, "a.db"), _fresh(migrated_template, folder, "b.db")
        for db in (first, second):
            database = open_database(db)
            with database.writer() as session:
                add_org(session=session, code="MC", name="Thành ủy", kind="committee")
                add_org(session=session, code="B1", name="Đảng bộ 1", kind="base", parent_code="MC")
                add_org(session=session, code="C1", name="Chi bộ 1", kind="cell", parent_code="B1")
                session.commit()
            database.close()
        _import(first, _csv(people))
        exported = _export(first)
        _import(second, exported.encode("utf-8"))
        assert _export(second) == exported
        # and importing the export back into the first database changes nothing
        _import(first, exported.encode("utf-8"))
        assert _export(first) == exported
        stored = {line.split(",")[1] for line in exported.splitlines()[1:]}
        assert stored == {unicodedata.normalize("NFC", str(p["full_name"])) for p in people}
