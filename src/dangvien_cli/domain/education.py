"""A person's education level (trình độ học vấn), for the rule of Quy định 294-QĐ/TW point 1.2.

The level is a code of :class:`~dangvien_cli.domain.vocab.EducationLevel`, entered as such
(``--education-level``, the import's "Bậc học" column). Older records hold only the free text of the
background form's "Giáo dục phổ thông" line (``education``: ``12/12``, ``9/12``, ``10/10``, ``Đại học``); the
rule reads a level from it when no level was entered, and says so. The text itself is never changed.

How the text reads: ``N/12`` is grade N of the 12-year system (lower secondary completed from grade 9,
upper secondary at 12); ``N/10`` is grade N of the old 10-year system (lower secondary from grade 7, upper
at 10); any word the vocabulary knows (``THCS``, ``Đại học``, ``Cao đẳng``…) reads as its level. Anything
else reads as nothing: the rule then warns that the level is not recorded.
"""

from __future__ import annotations

import re

from dangvien_cli.domain.vocab import EducationLevel

_GRADE = re.compile(r"^\s*(\d{1,2})\s*/\s*(10|12)\s*$")

# (grades in the system, last grade of primary, of lower secondary): the 12-year and the old 10-year systems.
_SYSTEMS = {12: (5, 9), 10: (4, 7)}


def level_from_text(text: str | None) -> EducationLevel | None:
    """The level a free-text education entry reads as, or None when it does not say."""
    if text is None or not text.strip():
        return None
    grade = _GRADE.match(text)
    if grade is None:
        return EducationLevel.parse(text)
    reached, system = int(grade[1]), int(grade[2])
    if not 0 < reached <= system:
        return None
    primary, lower = _SYSTEMS[system]
    if reached == system:
        return EducationLevel.upper_secondary
    if reached >= lower:
        return EducationLevel.lower_secondary
    return EducationLevel.primary if reached >= primary else EducationLevel.none
