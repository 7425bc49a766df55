"""Options for a person's own fields, shared by ``member add`` and ``add-candidate``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from dangvien_cli.domain.dates import parse_date

if TYPE_CHECKING:
    from dangvien_cli.store.people import PersonDetails

NameOption = Annotated[str, typer.Option("--name", help='Họ và tên / full name, e.g. "Nguyễn Văn Sỹ".')]
FamilyOption = Annotated[str | None, typer.Option("--family", help="Họ, nếu khác cách tách tự động.")]
MiddleOption = Annotated[str | None, typer.Option("--middle", help="Tên đệm / middle name(s).")]
GivenOption = Annotated[str | None, typer.Option("--given", help="Tên / given name.")]
GenderOption = Annotated[str, typer.Option("--gender", help="M (Nam) | F (Nữ).")]
BirthOption = Annotated[
    str, typer.Option("--birth", help="Ngày sinh / birth date (31/10/1990 or 1990-10-31).")
]
CitizenIdOption = Annotated[str | None, typer.Option("--citizen-id", help="Số CCCD, 12 chữ số / 12 digits.")]
EthnicityOption = Annotated[str | None, typer.Option("--ethnicity", help="Dân tộc / ethnicity.")]
ReligionOption = Annotated[str | None, typer.Option("--religion", help="Tôn giáo / religion.")]
EducationOption = Annotated[str | None, typer.Option("--education", help="Trình độ học vấn / education.")]
OccupationOption = Annotated[str | None, typer.Option("--occupation", help="Nghề nghiệp / occupation.")]
YouthUnionOption = Annotated[
    bool, typer.Option("--youth-union/--no-youth-union", help="Đoàn viên / Youth Union member.")
]


def person_details(
    *,
    name: str,
    family: str | None,
    middle: str | None,
    given: str | None,
    gender: str,
    birth: str,
    citizen_id: str | None,
    ethnicity: str | None,
    religion: str | None,
    education: str | None,
    occupation: str | None,
    youth_union: bool,
) -> PersonDetails:
    """Parse and check the personal fields a user typed."""
    from dangvien_cli.domain.names import normalize
    from dangvien_cli.domain.people import parse_citizen_id, parse_gender, person_name
    from dangvien_cli.domain.settings import load_settings
    from dangvien_cli.store.people import PersonDetails

    def clean(value: str | None) -> str | None:
        return (normalize(value) or None) if value is not None else None

    return PersonDetails(
        name=person_name(
            name, family=family, middle=middle, given=given, tone_order=load_settings().tone_order
        ),
        gender=parse_gender(gender),
        birth_date=parse_date(birth, "birth_date"),
        citizen_id=parse_citizen_id(citizen_id),
        ethnicity=clean(ethnicity),
        religion=clean(religion),
        education=clean(education),
        occupation=clean(occupation),
        youth_union=youth_union,
    )
