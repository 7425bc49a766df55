"""The columns of each importable list: canonical English headers, the Vietnamese headers officers use,
and how each cell is parsed.

Headers match without regard to tones, case or punctuation ("Họ và tên", "HO VA TEN", "họ và tên:" are one
header). Unknown columns are refused in the header line, never ignored; the row-number column that
Vietnamese spreadsheets carry (STT) is the one column recognised and deliberately not stored.

Cells are parsed strictly: an impossible date is an error, never guessed; a citizen ID a spreadsheet
turned into a number is refused unless its column is declared text (then its leading zeros are restored).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from dangvien_cli.domain.dates import FIRST_YEAR, LAST_YEAR, parse_date
from dangvien_cli.domain.names import fold, normalize
from dangvien_cli.domain.people import parse_gender
from dangvien_cli.domain.vocab import (
    EducationLevel,
    LeftReason,
    OrgChange,
    OrgKind,
    Place,
    Source,
    Stage,
    Vocabulary,
)
from dangvien_cli.errors import InvalidValue
from dangvien_cli.exchange.readers.table import RefusedCell, excel_date
from dangvien_cli.text import control_character, shown

RawValue = str | int | float | bool | date | datetime | RefusedCell | None

IGNORED = "stt"  # the row-number column: "STT", "TT"


class CellError(Exception):
    """A cell that cannot be parsed: a message key and its parameters (the row and column are added later)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class ParseOptions:
    date_format: str = "dmy"  # dmy: 31/10/2022 (and ISO); ymd: 2022-10-31, 2022/10/31


Parser = Callable[[RawValue, ParseOptions, bool], Any]


@dataclass(frozen=True)
class ColumnSpec:
    """One column: its canonical name, whether a row needs it, its parser and its Vietnamese headers."""

    name: str
    parse: Parser
    required: bool = False
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class HeaderMap:
    """Which canonical column each column of the file is (``None``: the ignored STT column)."""

    columns: list[str | None]
    headers: list[str]  # as written in the file, for error messages
    ignored: list[str] = field(default_factory=list)

    def index(self, name: str) -> int | None:
        return self.columns.index(name) if name in self.columns else None


# --- cell parsers ----------------------------------------------------------------------------------


def _blank(raw: RawValue) -> bool:
    """Whether a cell is empty. Every parser asks this first, so a cell the reader refused (an Excel date
    serial that names no day) is refused here, by whichever column it is in."""
    if isinstance(raw, RefusedCell):
        raise CellError(raw.key)
    return raw is None or (isinstance(raw, str) and not raw.strip())


MAX_COUNT = 999_999_999
"""The largest count or number a cell may hold (a target, a population): below 10^9, so that a typo or a
hostile 2^63 is refused here rather than overflowing a database integer."""


MAX_TEXT_LENGTH = 10_000
"""The longest text a cell may hold, in characters: a remark of several paragraphs fits; a 10 MB field is
refused rather than stored (names have a stricter limit of their own, see domain.people)."""


def parse_text(raw: RawValue, _options: ParseOptions, _text_column: bool) -> str | None:
    if _blank(raw):
        return None
    if isinstance(raw, bool):
        raise CellError("cell.not_text")
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, datetime | date):
        raise CellError("cell.not_text")
    text = str(raw)
    if len(text) > MAX_TEXT_LENGTH:
        raise CellError("value.too_long", limit=MAX_TEXT_LENGTH)
    bad = control_character(text)
    if bad is not None:  # binary garbage, or a terminal escape: never stored (xlsx and PostgreSQL refuse it)
        raise CellError("text.control_character", char=shown(bad))
    return normalize(text)


_YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")


def _in_years(day: date) -> date:
    """A date cell's day, within the years any date may have (see :mod:`dangvien_cli.domain.dates`)."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise CellError("date.year_range")
    return day


def _serial_day(raw: float) -> date:
    """A number in a date column: an Excel date serial (General format), in Excel's 1900 date system."""
    if not float(raw).is_integer():
        raise CellError("date.serial")
    day = excel_date(float(raw))
    if isinstance(day, RefusedCell):
        raise CellError(day.key)
    return day.date()


def parse_day(raw: RawValue, options: ParseOptions, _text_column: bool) -> date | None:
    """A date from text (31/10/2022 or ISO; with ``ymd``, year first), a date cell, or an Excel serial."""
    if _blank(raw):
        return None
    if isinstance(raw, bool):
        raise CellError("date.format")
    if isinstance(raw, datetime):
        if raw.time() != datetime.min.time():
            raise CellError("cell.datetime_has_time")
        return _in_years(raw.date())
    if isinstance(raw, date):
        return _in_years(raw)
    if isinstance(raw, int | float):
        return _in_years(_serial_day(raw))
    text = str(raw).strip()
    if options.date_format == "ymd":
        match = _YMD.match(text)
        if match is None:
            raise CellError("date.format_ymd")
        try:
            return _in_years(date(int(match[1]), int(match[2]), int(match[3])))
        except ValueError:
            raise CellError("date.impossible") from None
    try:
        return parse_date(text, "date")
    except InvalidValue as error:
        raise CellError(error.key) from None


def parse_count(raw: RawValue, _options: ParseOptions, _text_column: bool) -> int | None:
    if _blank(raw):
        return None
    if isinstance(raw, bool):
        raise CellError("cell.not_count")
    if isinstance(raw, float):
        if not raw.is_integer():
            raise CellError("cell.not_count")
        raw = int(raw)
    if isinstance(raw, int):
        value = raw
    else:
        text = str(raw).strip()
        if not (text.isascii() and text.isdigit()):
            raise CellError("cell.not_count")
        if len(text) > len(str(MAX_COUNT)):
            raise CellError("value.too_large")
        value = int(text)
    if value < 0:
        raise CellError("value.negative")
    if value > MAX_COUNT:
        raise CellError("value.too_large")
    return value


def parse_year(raw: RawValue, options: ParseOptions, text_column: bool) -> int | None:
    """A year: a whole number from 1900 to 2100, the rule ``quota set --year`` applies too."""
    try:
        value = parse_count(raw, options, text_column)
    except CellError as error:
        if error.key == "value.too_large":
            raise CellError("quota.year") from None
        raise
    if value is not None and not FIRST_YEAR <= value <= LAST_YEAR:
        raise CellError("quota.year")
    return value


_TRUE = {"1", "true", "yes", "y", "x", "co", "dung"}
_FALSE = {"0", "false", "no", "n", "khong", "sai"}


def parse_flag(raw: RawValue, _options: ParseOptions, _text_column: bool) -> bool | None:
    if _blank(raw):
        return None
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float) and raw in (0, 1):
        return bool(raw)
    folded = fold(str(raw))
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise CellError("cell.not_flag")


def parse_gender_cell(raw: RawValue, _options: ParseOptions, _text_column: bool) -> str | None:
    if _blank(raw):
        return None
    try:
        return parse_gender(str(raw))
    except InvalidValue:
        raise CellError("gender.invalid") from None


CITIZEN_ID_DIGITS = 12


def parse_citizen_id(raw: RawValue, _options: ParseOptions, text_column: bool) -> str | None:
    """12 digits of text. A number (the spreadsheet dropped its leading zeros) is refused, unless its column
    is declared text in the workbook: then the zeros are restored."""
    if _blank(raw):
        return None
    if isinstance(raw, bool):
        raise CellError("citizen_id.format")
    if isinstance(raw, int | float):
        if not float(raw).is_integer() or raw < 0:
            raise CellError("citizen_id.format")
        digits = str(int(raw))
        if len(digits) == CITIZEN_ID_DIGITS:
            return digits
        if len(digits) < CITIZEN_ID_DIGITS and text_column:
            return digits.zfill(CITIZEN_ID_DIGITS)
        raise CellError("citizen_id.number")
    text = str(raw).strip()
    if text.isascii() and text.isdigit() and len(text) != CITIZEN_ID_DIGITS:
        raise CellError("citizen_id.lost_zeros" if len(text) < CITIZEN_ID_DIGITS else "citizen_id.format")
    if not (text.isascii() and text.isdigit() and len(text) == CITIZEN_ID_DIGITS):
        raise CellError("citizen_id.format")
    return text


def header_key(text: str) -> str:
    """How headers are compared: folded, punctuation dropped, single spaces ("Họ và tên:" → "ho va ten")."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text)).split())


def choice(vocabulary: type[Vocabulary]) -> Parser:
    """A coded value: the English code, its Vietnamese or English label, or another word for it, compared like
    headers, without tones, case or punctuation ("Thôn, khu, tổ dân phố": residential). The code is kept."""

    def parse(raw: RawValue, _options: ParseOptions, _text_column: bool) -> str | None:
        if _blank(raw):
            return None
        member = vocabulary.parse(str(raw))
        if member is None:
            raise CellError("value.choice", choices=", ".join(vocabulary.codes()))
        return member.value

    return parse


# --- the lists -------------------------------------------------------------------------------------

_PERSON: tuple[ColumnSpec, ...] = (
    ColumnSpec(
        "citizen_id",
        parse_citizen_id,
        aliases=(
            "so cccd",
            "cccd",
            "so can cuoc",
            "can cuoc cong dan",
            "so dinh danh",
            "so cmnd cccd",
            "ma dinh danh",
        ),
    ),
    ColumnSpec("full_name", parse_text, required=True, aliases=("ho va ten", "ho ten", "ten day du")),
    ColumnSpec("family_name", parse_text, aliases=("ho",)),
    ColumnSpec("middle_name", parse_text, aliases=("ten dem", "chu lot", "ten lot")),
    ColumnSpec("given_name", parse_text, aliases=("ten",)),
    ColumnSpec("gender", parse_gender_cell, required=True, aliases=("gioi tinh", "gioi")),
    ColumnSpec(
        "birth_date", parse_day, required=True, aliases=("ngay sinh", "ngay thang nam sinh", "sinh ngay")
    ),
    ColumnSpec("cell", parse_text, required=True, aliases=("chi bo", "ma chi bo", "don vi")),
)
_PERSON_EXTRA: tuple[ColumnSpec, ...] = (
    ColumnSpec("ethnicity", parse_text, aliases=("dan toc",)),
    ColumnSpec("religion", parse_text, aliases=("ton giao",)),
    ColumnSpec("education", parse_text, aliases=("trinh do", "trinh do hoc van", "hoc van", "van hoa")),
    ColumnSpec(
        "education_level",
        choice(EducationLevel),
        aliases=("bac hoc", "trinh do hoc van bac", "bang tot nghiep", "trinh do giao duc"),
    ),
    ColumnSpec("occupation", parse_text, aliases=("nghe nghiep", "nghe", "cong viec")),
    ColumnSpec("youth_union", parse_flag, aliases=("doan vien", "la doan vien")),
)

LISTS: dict[str, tuple[ColumnSpec, ...]] = {
    "orgs": (
        ColumnSpec("code", parse_text, required=True, aliases=("ma", "ma to chuc", "ma don vi")),
        ColumnSpec("name", parse_text, required=True, aliases=("ten to chuc", "ten don vi", "to chuc")),
        ColumnSpec("kind", choice(OrgKind), required=True, aliases=("loai", "loai to chuc", "cap")),
        ColumnSpec("parent", parse_text, aliases=("cap tren", "truc thuoc", "ma cap tren")),
        ColumnSpec("place", choice(Place), aliases=("dia ban", "loai dia ban", "loai hinh")),
        ColumnSpec("population", parse_count, aliases=("dan so", "so dan")),
    ),
    "members": (
        *_PERSON,
        ColumnSpec(
            "admitted_on",
            parse_day,
            required=True,
            aliases=("ngay vao dang", "ngay ket nap", "ngay quyet dinh ket nap"),
        ),
        ColumnSpec("decision_no", parse_text, aliases=("so quyet dinh", "so quyet dinh ket nap", "so qd")),
        ColumnSpec("ceremony_on", parse_day, aliases=("ngay le ket nap", "ngay to chuc le ket nap")),
        ColumnSpec(
            "decision_received_on",
            parse_day,
            aliases=("ngay nhan quyet dinh", "ngay nhan quyet dinh ket nap", "ngay chi bo nhan quyet dinh"),
        ),
        ColumnSpec("official_on", parse_day, aliases=("ngay chinh thuc", "ngay cong nhan chinh thuc")),
        ColumnSpec("left_on", parse_day, aliases=("ngay ra", "ngay ra khoi dang", "ngay ra khoi danh sach")),
        ColumnSpec("left_reason", choice(LeftReason), aliases=("ly do ra", "ly do")),
        *_PERSON_EXTRA,
    ),
    "candidates": (
        *_PERSON,
        ColumnSpec("source", choice(Source), required=True, aliases=("nguon", "doi tuong")),
        ColumnSpec(
            "identified_on", parse_day, required=True, aliases=("ngay tao nguon", "ngay dua vao nguon")
        ),
        ColumnSpec("stage", choice(Stage), aliases=("giai doan", "buoc")),
        ColumnSpec("mentor", parse_text, aliases=("dang vien giup do", "nguoi giup do")),
        ColumnSpec("mentor_assigned_on", parse_day, aliases=("ngay phan cong", "ngay phan cong giup do")),
        ColumnSpec(
            "trained_on",
            parse_day,
            aliases=("ngay hoc lop nhan thuc", "ngay hoc lop cam tinh dang", "ngay cap giay chung nhan"),
        ),
        ColumnSpec("certificate_no", parse_text, aliases=("so giay chung nhan", "so chung nhan")),
        ColumnSpec("applied_on", parse_day, aliases=("ngay lam don", "ngay viet don")),
        ColumnSpec("introducer_1", parse_text, aliases=("nguoi gioi thieu 1", "nguoi gioi thieu thu nhat")),
        ColumnSpec("introducer_2", parse_text, aliases=("nguoi gioi thieu 2", "nguoi gioi thieu thu hai")),
        ColumnSpec("youth_union_introduces", parse_flag, aliases=("doan gioi thieu",)),
        ColumnSpec("trade_union_introduces", parse_flag, aliases=("cong doan gioi thieu",)),
        ColumnSpec(
            "education_exception",
            parse_text,
            aliases=("ngoai le hoc van", "ngoai le ve hoc van", "truong hop ngoai le hoc van"),
        ),
        ColumnSpec("proposed_on", parse_day, aliases=("ngay chi bo de nghi", "ngay nghi quyet chi bo")),
        ColumnSpec("resolution_no", parse_text, aliases=("so nghi quyet",)),
        ColumnSpec("dropped_on", parse_day, aliases=("ngay dua ra",)),
        ColumnSpec("drop_reason", parse_text, aliases=("ly do dua ra",)),
        *_PERSON_EXTRA,
    ),
    "reviews": (
        ColumnSpec("candidate", parse_text, required=True, aliases=("quan chung", "ho ten quan chung")),
        ColumnSpec("candidate_birth_date", parse_day, aliases=("ngay sinh quan chung",)),
        ColumnSpec("author", parse_text, required=True, aliases=("nguoi nhan xet", "dang vien giup do")),
        ColumnSpec("date", parse_day, required=True, aliases=("ngay", "ngay nhan xet")),
        ColumnSpec("text", parse_text, required=True, aliases=("noi dung", "nhan xet")),
    ),
    # Dossier papers (exchange/importing/papers.py): the person as files name people, then the paper.
    "papers": (
        ColumnSpec(
            "person", parse_text, required=True, aliases=("nguoi", "cccd", "so cccd", "quan chung dang vien")
        ),
        ColumnSpec("full_name", parse_text, aliases=("ho va ten", "ho ten")),
        ColumnSpec("form", parse_text, required=True, aliases=("mau", "ma giay to", "giay to", "ma mau")),
        ColumnSpec("date", parse_day, required=True, aliases=("ngay", "ngay giay to", "ngay lap")),
        ColumnSpec("number", parse_text, aliases=("so", "so ky hieu", "so, ky hieu")),
        ColumnSpec("author", parse_text, aliases=("nguoi lap", "noi lap")),
        ColumnSpec("file", parse_text, aliases=("tep", "ban scan", "tep scan", "duong dan")),
    ),
    "quotas": (
        ColumnSpec("org", parse_text, required=True, aliases=("to chuc", "ma to chuc", "don vi")),
        ColumnSpec("year", parse_year, required=True, aliases=("nam",)),
        ColumnSpec("target", parse_count, required=True, aliases=("chi tieu", "ke hoach")),
        ColumnSpec("residential_target", parse_count, aliases=("chi tieu thon khu", "chi tieu khu dan cu")),
        ColumnSpec("stretch_target", parse_count, aliases=("chi tieu phan dau", "chi tieu cao hon")),
        ColumnSpec("milestones", parse_text, aliases=("lo trinh", "moc")),
    ),
    # A restructuring plan: one change a line (exchange/importing/restructure.py).
    "restructure": (
        ColumnSpec(
            "action", choice(OrgChange), required=True, aliases=("hanh dong", "thao tac", "loai thay doi")
        ),
        ColumnSpec("code", parse_text, required=True, aliases=("ma", "ma to chuc", "to chuc", "don vi")),
        ColumnSpec(
            "target",
            parse_text,
            aliases=("sap nhap vao", "hop nhat vao", "chuyen den", "ma to chuc moi", "to chuc moi", "ma moi"),
        ),
        ColumnSpec("name", parse_text, aliases=("ten", "ten moi", "ten to chuc", "ten goi")),
        ColumnSpec("kind", choice(OrgKind), aliases=("loai", "loai to chuc", "cap")),
        ColumnSpec("parent", parse_text, aliases=("cap tren", "truc thuoc", "ma cap tren", "cap tren moi")),
        ColumnSpec("place", choice(Place), aliases=("dia ban", "loai dia ban")),
        ColumnSpec(
            "on", parse_day, required=True, aliases=("ngay", "tu ngay", "ngay hieu luc", "ngay thuc hien")
        ),
    ),
}


def _lookup(entity: str) -> dict[str, str]:
    table: dict[str, str] = {IGNORED: "", "tt": "", "so thu tu": ""}
    for spec in LISTS[entity]:
        table[header_key(spec.name)] = spec.name
        for alias in spec.aliases:
            table.setdefault(alias, spec.name)
    return table


MAX_HEADERS_SHOWN = 10
HEADER_SHOWN = 60


def _quoted_headers(headers: Sequence[str]) -> str:
    """Headers as a message quotes them: each cut short and escaped, at most :data:`MAX_HEADERS_SHOWN`."""
    quoted = ", ".join(shown(header, HEADER_SHOWN) for header in headers[:MAX_HEADERS_SHOWN])
    return quoted + (f", … (+{len(headers) - MAX_HEADERS_SHOWN})" if len(headers) > MAX_HEADERS_SHOWN else "")


def map_headers(entity: str, headers: Sequence[str], *, plain: bool = False) -> HeaderMap:
    """Name each column of the file, refusing unknown, repeated and missing columns in one message.

    ``plain``: the header is a line of text without separators (see ``SourceTable.plain``); if it is not a
    known header, the file is said not to be a table, and only its first characters are quoted."""
    lookup = _lookup(entity)
    columns: list[str | None] = []
    unknown: list[str] = []
    ignored: list[str] = []
    seen: dict[str, str] = {}
    for header in headers:
        name = lookup.get(header_key(header))
        if name is None:
            unknown.append(header)
            columns.append(None)
        elif name == "":
            ignored.append(header)
            columns.append(None)
        else:
            if name in seen:
                raise InvalidValue("header", header, "import.header_repeated", other=seen[name], column=name)
            seen[name] = header
            columns.append(name)
    if unknown and plain:
        raise InvalidValue("header", shown(unknown[0][:10]) + "…", "read.not_a_table")
    if unknown:
        known = ", ".join(spec.name for spec in LISTS[entity])
        raise InvalidValue("header", _quoted_headers(unknown), "import.header_unknown", known=known)
    missing = [
        spec.name
        for spec in LISTS[entity]
        if spec.required and spec.name not in seen and not (spec.name == "full_name" and "given_name" in seen)
    ]
    if missing:
        missed = ", ".join(missing)
        raise InvalidValue("header", _quoted_headers(headers), "import.header_missing", missing=missed)
    return HeaderMap(columns=columns, headers=list(headers), ignored=ignored)


def specs(entity: str) -> dict[str, ColumnSpec]:
    return {spec.name: spec for spec in LISTS[entity]}


def canonical_headers(entity: str) -> list[str]:
    """The headers ``export`` writes, in order."""
    return [spec.name for spec in LISTS[entity]]
