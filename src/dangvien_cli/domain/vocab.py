"""The domain's closed vocabularies: stages, sources, organisation kinds, places, reasons to leave, genders.

Each is a :class:`Vocabulary`, a ``StrEnum`` whose value is the stable English code stored in the database and
written in JSON and CSV. Each member carries its Vietnamese and English labels, and any other words officers
use for it. Everything else derives from these enums: the database's CHECK constraints, the command-line
option types with their help and completion, the importer's cell parsing, and the labels in every table.

On input a member is known by its code, either label, or another word listed for it, in any case, with or
without tone marks: ``cell``, ``"Chi bộ"``, ``"chi bo"`` and ``"CHI BỘ"`` are the same kind.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache
from typing import Self

from dangvien_cli.errors import InvalidValue


def _key(text: str) -> str:
    """How a typed word is compared: folded (no tones, đ→d, lower case), punctuation dropped, single spaces
    (``"Thôn, khu, tổ dân phố"`` and ``thon khu to dan pho`` are one; ``youth_union`` is ``youth union``)."""
    # Imported here: names builds its tables at import, which `dangvien --help` (it lists --lang's choices)
    # need not pay for; only parsing a typed word does.
    from dangvien_cli.domain.names import fold

    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text)).split())


class Vocabulary(StrEnum):
    """A closed set of codes with their labels.

    Members are defined as ``code = "code", "nhãn", "label", *aliases``."""

    vi: str
    en: str
    aliases: tuple[str, ...]

    def __new__(cls, code: str, vi: str = "", en: str = "", *aliases: str) -> Self:
        member = str.__new__(cls, code)
        member._value_ = code
        member.vi = vi or code
        member.en = en or code
        member.aliases = aliases
        return member

    def label(self, lang: str) -> str:
        """The member's name for people, in ``lang`` (``vi`` or ``en``)."""
        return self.vi if lang == "vi" else self.en

    @classmethod
    def parse(cls, text: str) -> Self | None:
        """The member ``text`` names (its code, a label or an alias, in any case, with or without tones), or
        ``None``. Codes win over labels, so a code is never shadowed by another member's label."""
        return _lookup(cls).get(_key(text))  # type: ignore[return-value]

    @classmethod
    def choices(cls, lang: str) -> str:
        """The choices as help and error messages list them: ``cell (chi bộ), base (tổ chức cơ sở)…``."""
        return ", ".join(f"{m.value} ({m.label(lang)})" if m.label(lang) != m.value else m.value for m in cls)

    @classmethod
    def codes(cls) -> tuple[str, ...]:
        return tuple(m.value for m in cls)

    @classmethod
    def checked(cls, field: str, code: str) -> Self:
        """The member whose code is ``code``, for the library's callers, which pass codes, not labels
        (people's words are parsed at the edge: options, cells). :class:`InvalidValue` naming ``field``
        and listing the codes otherwise."""
        if code not in cls.codes():
            raise InvalidValue(field, code, "value.choice", choices=", ".join(cls.codes()))
        return cls(code)


@cache
def _lookup(vocabulary: type[Vocabulary]) -> dict[str, Vocabulary]:
    """Every accepted spelling of every member of ``vocabulary``, keyed as :func:`_key` compares them."""
    table: dict[str, Vocabulary] = {}
    for member in vocabulary:
        for word in (member.vi, member.en, *member.aliases):
            table.setdefault(_key(word), member)
    for member in vocabulary:  # codes last, so that they override any label that happens to equal one
        table[_key(member.value)] = member
    return table


def ambiguous_words(vocabulary: type[Vocabulary]) -> list[str]:
    """Spellings that name two members of ``vocabulary`` (a test keeps this empty)."""
    seen: dict[str, Vocabulary] = {}
    clashes: list[str] = []
    for member in vocabulary:
        for word in {_key(w) for w in (member.value, member.vi, member.en, *member.aliases)}:
            if word in seen and seen[word] is not member:
                clashes.append(word)
            seen[word] = member
    return clashes


class OrgKind(Vocabulary):
    """What an organisation of the tree is (tổ chức đảng)."""

    committee = "committee", "Đảng bộ cấp trên", "Committee", "đảng bộ", "đảng bộ cấp trên cơ sở", "đảng ủy"
    base = (
        "base",
        "Tổ chức cơ sở đảng",
        "Base organisation",
        "đảng bộ cơ sở",
        "chi bộ cơ sở",
        "tổ chức cơ sở",
        "cơ sở",
    )
    cell = "cell", "Chi bộ", "Cell", "chi bộ trực thuộc"


class Place(Vocabulary):
    """The kind of place a cell serves; reports set residential ones (thôn, khu, tổ dân phố) apart."""

    residential = (
        "residential",
        "Thôn, khu, tổ dân phố",
        "Residential",
        "thôn",
        "khu",
        "tổ dân phố",
        "khu dân cư",
    )
    agency = "agency", "Cơ quan", "Agency", "cơ quan hành chính"
    school = "school", "Trường học", "School", "trường"
    state_enterprise = "state_enterprise", "Doanh nghiệp nhà nước", "State enterprise", "DNNN"
    private_enterprise = (
        "private_enterprise",
        "Doanh nghiệp ngoài nhà nước",
        "Private enterprise",
        "doanh nghiệp tư nhân",
    )
    armed_forces = "armed_forces", "Lực lượng vũ trang", "Armed forces", "quân đội", "công an"
    other = "other", "Khác", "Other"


class Gender(Vocabulary):
    """A person's gender as the Party's forms record it."""

    M = "M", "Nam", "Male", "male", "m"
    F = "F", "Nữ", "Female", "female", "f"


class Source(Vocabulary):
    """Where a candidate comes from (nguồn phát triển đảng)."""

    youth_union = "youth_union", "Đoàn viên", "Youth Union member", "đoàn thanh niên", "Youth Union"
    militia = "militia", "Dân quân tự vệ", "Militia", "dân quân"
    demobilised_soldier = "demobilised_soldier", "Bộ đội xuất ngũ", "Demobilised soldier", "xuất ngũ"
    neighbourhood_watch = "neighbourhood_watch", "Tổ dân phòng", "Neighbourhood watch"
    student = "student", "Học sinh, sinh viên", "Student or graduate", "học sinh", "sinh viên"
    private_enterprise_worker = (
        "private_enterprise_worker",
        "Người lao động doanh nghiệp tư nhân",
        "Private enterprise worker",
        "công nhân",
        "người lao động",
    )
    womens_union = "womens_union", "Hội viên Hội Phụ nữ", "Women's Union member", "hội phụ nữ", "phụ nữ"
    farmers_union = (
        "farmers_union",
        "Hội viên Hội Nông dân",
        "Farmers' Union member",
        "hội nông dân",
        "nông dân",
    )
    veterans_union = (
        "veterans_union",
        "Hội viên Hội Cựu chiến binh",
        "Veterans' Association member",
        "hội cựu chiến binh",
        "cựu chiến binh",
    )
    other = "other", "Khác", "Other"


class Stage(Vocabulary):
    """Where a candidate stands on the way to admission (the order: :mod:`dangvien_cli.domain.stages`)."""

    identified = "identified", "Đưa vào nguồn", "Identified", "tạo nguồn", "nguồn"
    mentored = "mentored", "Được giúp đỡ", "Mentored", "giúp đỡ"
    trained = (
        "trained",
        "Cảm tình Đảng (đã học lớp)",
        "Trained",
        "cảm tình Đảng",
        "đã học lớp nhận thức",
        "học lớp nhận thức",
    )
    applied = "applied", "Đã làm đơn", "Applied", "làm đơn", "đơn xin vào Đảng"
    proposed = "proposed", "Chi bộ đề nghị kết nạp", "Proposed", "đề nghị kết nạp"
    admitted = "admitted", "Đã kết nạp", "Admitted", "kết nạp"
    dropped = "dropped", "Đã đưa ra khỏi nguồn", "Dropped", "đưa ra khỏi nguồn"


class LeftReason(Vocabulary):
    """Why a member is no longer on a cell's list."""

    transfer = "transfer", "Chuyển sinh hoạt", "Transfer out", "chuyển đi", "chuyển sinh hoạt đảng"
    death = "death", "Từ trần", "Death", "chết", "qua đời"
    removal = "removal", "Xóa tên", "Removal", "xoá tên"
    expulsion = "expulsion", "Khai trừ", "Expulsion"
    resignation = "resignation", "Xin ra khỏi Đảng", "Resignation", "xin ra", "ra khỏi Đảng theo nguyện vọng"


class MemberStatus(Vocabulary):
    """A member's standing on a date: probationary from the decision, official from probation's end."""

    probationary = "probationary", "Dự bị", "Probationary", "đảng viên dự bị"
    official = "official", "Chính thức", "Official", "đảng viên chính thức"
    left = "left", "Đã ra", "Left", "đã ra khỏi đảng"


class RuleStatus(Vocabulary):
    """The outcome of one admission rule (``candidate check``)."""

    pass_ = "pass", "Đạt", "Pass"
    fail = "fail", "Không đạt", "Fail"
    warn = "warn", "Cần xem", "Warn"


class EducationLevel(Vocabulary):
    """The highest general or higher education completed (trình độ học vấn), in order: Quy định 294-QĐ/TW
    point 1.2 asks for a lower-secondary diploma (tốt nghiệp trung học cơ sở) or its equivalent, or above."""

    none = "none", "Chưa tốt nghiệp tiểu học", "Below primary", "chưa tốt nghiệp", "không"
    primary = "primary", "Tiểu học", "Primary", "cấp 1", "cấp I", "tốt nghiệp tiểu học"
    lower_secondary = (
        "lower_secondary",
        "Trung học cơ sở",
        "Lower secondary",
        "THCS",
        "cấp 2",
        "cấp II",
        "tốt nghiệp THCS",
        "bổ túc THCS",
    )
    upper_secondary = (
        "upper_secondary",
        "Trung học phổ thông",
        "Upper secondary",
        "THPT",
        "cấp 3",
        "cấp III",
        "tốt nghiệp THPT",
        "bổ túc THPT",
        "bổ túc văn hóa",
    )
    vocational = "vocational", "Trung cấp", "Vocational", "trung cấp nghề", "trung học chuyên nghiệp"
    college = "college", "Cao đẳng", "College"
    university = "university", "Đại học", "University", "cử nhân", "kỹ sư"
    postgraduate = "postgraduate", "Sau đại học", "Postgraduate", "thạc sĩ", "tiến sĩ"

    def rank(self) -> int:
        """Its place in the order above (``none`` is 0)."""
        return list(EducationLevel).index(self)


class PriorExit(Vocabulary):
    """Why a former member left the Party, as the rules on re-admission (point 3.5) sort it."""

    other = "other", "Lý do khác", "Other reason"
    family_hardship = (
        "family_hardship",
        "Xin ra vì gia đình đặc biệt khó khăn",
        "Asked to leave for special family hardship",
    )
    minor_conviction = (
        "minor_conviction",
        "Bị kết án về tội ít nghiêm trọng",
        "Convicted of a less serious crime",
        "án hình sự tội ít nghiêm trọng",
    )
    population_policy = (
        "population_policy",
        "Vi phạm chính sách dân số, kế hoạch hóa gia đình",
        "Breach of the population policy",
    )
    abandoned = "abandoned", "Tự bỏ sinh hoạt đảng", "Abandoned party activity"
    resigned = "resigned", "Làm đơn xin ra khỏi Đảng", "Asked to leave the Party", "xin ra khỏi Đảng"
    disunity = "disunity", "Gây mất đoàn kết nội bộ nghiêm trọng", "Caused serious internal disunity"
    corruption = "corruption", "Bị kết án về tội tham nhũng", "Convicted of corruption", "tham nhũng"
    serious_conviction = (
        "serious_conviction",
        "Bị kết án về tội nghiêm trọng trở lên",
        "Convicted of a serious crime or worse",
        "tội nghiêm trọng",
    )


# Point 3.5.2: those who left for these reasons are never re-admitted.
NEVER_READMITTED = frozenset(
    {
        PriorExit.abandoned,
        PriorExit.resigned,
        PriorExit.disunity,
        PriorExit.corruption,
        PriorExit.serious_conviction,
    }
)


class SubstitutionReason(Vocabulary):
    """Why an introducer was replaced (point 3.2.2): the substitute need not have 12 months beside the
    candidate."""

    moved = "moved", "Chuyển sinh hoạt đi nơi khác", "Moved away", "chuyển đi", "chuyển công tác"
    died = "died", "Từ trần", "Died", "qua đời", "chết"
    disciplined = "disciplined", "Bị kỷ luật", "Disciplined", "kỷ luật"


class OrgChange(Vocabulary):
    """A change to the tree of organisations: a line of ``import restructure``, and why a membership began
    when the tree moved it (``merge``, ``close``)."""

    rename = "rename", "Đổi tên", "Rename", "đổi tên gọi"
    move = "move", "Chuyển cấp trên", "Move", "chuyển", "điều chuyển", "chuyển trực thuộc"
    merge = "merge", "Sáp nhập", "Merge", "hợp nhất", "nhập"
    close = "close", "Giải thể", "Close", "chấm dứt hoạt động", "kết thúc"


class DossierStep(Vocabulary):
    """A step of the admission dossier (hồ sơ kết nạp, Hướng dẫn 12-HD/BTCTW of 2022, Part II point 1.1):
    the papers needed when the cell considers a candidate, after its vote, and for recognition."""

    consideration = (
        "consideration",
        "Chi bộ xét kết nạp",
        "Cell's vote",
        "xét kết nạp",
        "khi xem xét kết nạp",
        "chi bộ xét",
    )
    admission = (
        "admission",
        "Quyết định kết nạp",
        "Admission decision",
        "sau khi chi bộ xét",
        "đề nghị kết nạp",
    )
    recognition = (
        "recognition",
        "Công nhận chính thức",
        "Recognition",
        "công nhận đảng viên chính thức",
        "chuyển đảng chính thức",
    )


class PaperStatus(Vocabulary):
    """A required paper in a dossier: in it, not in it, or in it with a date that contradicts the workflow."""

    present = "present", "Đã có", "Present", "có"
    missing = "missing", "Còn thiếu", "Missing", "thiếu"
    problem = "problem", "Có vấn đề", "Problem", "sai ngày"


class PaperOrigin(Vocabulary):
    """Where a paper of a dossier comes from: entered (``dossier add``, ``import papers``), or read from the
    record of the workflow step that made it (``candidate apply`` records the application)."""

    entered = "entered", "Đã nhập", "Entered", "nhập"
    step = "step", "Theo bước quy trình", "From the workflow step", "quy trình"
class AccessRole(Vocabulary):
    """What a database login may do on a shared PostgreSQL database (``access grant --role``): read a
    subtree, also write there, or manage the whole database and its grants."""

    viewer = "viewer", "Xem", "Viewer", "chỉ xem", "người xem"
    officer = "officer", "Cán bộ", "Officer", "cán bộ nghiệp vụ", "ghi"
    admin = "admin", "Quản trị", "Administrator", "quản trị viên", "administrator"
