"""Make the Móng Cái sample data set, shaped like the 2022 article (../shared/seed), in the import format.

Run from the repository root: ``python sample_data/generate.py`` (writes sample_data/moncai/), or with
``--out DIR``. Standard library only (the small members.xlsx is written when openpyxl is importable). The
seed is fixed, so the output is the same on every run; tests/test_sample_generator.py checks that the
committed files are what this script makes.

What the figures follow (the article, 23/11/2022, and docs in ../shared/domain.md):
- the city committee MC: 38 organisations under it (24 base committees, 14 base cells), 247 cells under
  the base committees, 4,354 members at 31/12/2022;
- 196 admissions in 2022 (98 in residential cells) against a plan of 169 (70 residential), stretch 248;
- the path of each of those 196 (source, mentor, class, application, resolution), as candidates at the
  'admitted' stage linked to their member records: of those trained, about 76% admitted ("70% or more");
- phường Trần Phú (TP): 7 cells, 219 members on 1/1/2022, 14 admitted by 31/10/2022 against 13, 235 at
  the end of the year; chi bộ khu Hồng Phong (phường Ninh Dương): 23 members.
Names are made from real family names (weighted by their share) and real middle + given names
(sample_data/names/, MIT); full names of real people (the article's) are never produced.

The city's 2025 (its quotas, its admissions and the reorganisation of 1 July 2025) is made by
restructure_2025.py, from seeds of its own, so that the 2022 files stay as they were.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import random
import re
import sys
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
NAMES = HERE / "names"
SEED = 2022
END = date(2022, 12, 31)  # the data set is a snapshot at the end of 2022
YEAR_START = date(2022, 1, 1)

CITY_POPULATION = 108_553
CITY_MEMBERS = 4_354
CITY_ADMITTED_2022 = 196
CITY_RESIDENTIAL_2022 = 98
TP_MEMBERS = 235
TP_ADMITTED_BY_OCTOBER = 14
TP_ADMITTED_2022 = 17  # 14 by 31/10, 3 in November and December
TP_LEFT_2022 = 1  # so that 219 were members on 1/1/2022: 235 - 17 + 1
HONG_PHONG_MEMBERS = 23

# Full names that belong to real people (those in the article): never generated.
BLOCKLIST = {
    "Nguyễn Văn Sỹ",
    "Nguyễn Văn Sĩ",
    "Nguyễn Tường Văn",
    "Nguyễn Thế Phùng",
    "Vũ Thị Thanh Thảo",
    "Nguyễn Thị Ninh",
    "Vi Thu",
}

# --- the organisation tree ------------------------------------------------------------------------------

# (code, name, residential cells, other cells as (suffix, name, place), kind of area)
WARDS: list[tuple[str, str, list[str], str]] = [
    ("TP", "phường Trần Phú", ["Khu 1", "Khu 2", "Khu 3", "Khu 4", "Khu 5"], "ward"),
    ("KL", "phường Ka Long", [f"Khu {i}" for i in range(1, 9)], "ward"),
    ("ND", "phường Ninh Dương", ["Khu Hồng Phong", *[f"Khu {i}" for i in range(1, 8)]], "ward"),
    ("HL", "phường Hòa Lạc", [f"Khu {i}" for i in range(1, 7)], "ward"),
    ("HY", "phường Hải Yên", [f"Khu {i}" for i in range(1, 11)], "ward"),
    ("HH", "phường Hải Hòa", [f"Khu {i}" for i in range(1, 13)], "ward"),
    ("BN", "phường Bình Ngọc", ["Khu 1", "Khu 2", "Khu 3", "Khu 4"], "ward"),
    (
        "TC",
        "phường Trà Cổ",
        [
            "Khu Hồng Hải",
            "Khu Tân Lập",
            "Khu Đông Thịnh",
            "Khu Sơn Hải",
            "Khu Nam Thọ",
            "Khu Tự Long",
            "Khu Hải Hòa",
        ],
        "ward",
    ),
    ("HX", "phường Hải Xuân", [f"Khu {i}" for i in range(1, 9)], "ward"),
    ("HS", "xã Hải Sơn", [f"Thôn {i}" for i in range(1, 10)], "commune"),
    ("BS", "xã Bắc Sơn", [f"Thôn {i}" for i in range(1, 6)], "commune"),
    ("HD", "xã Hải Đông", [f"Thôn {i}" for i in range(1, 11)], "commune"),
    ("HT", "xã Hải Tiến", [f"Thôn {i}" for i in range(1, 10)], "commune"),
    ("QN", "xã Quảng Nghĩa", [f"Thôn {i}" for i in range(1, 9)], "commune"),
    ("VN", "xã Vạn Ninh", [f"Thôn {i}" for i in range(1, 9)], "commune"),
    ("VT", "xã Vĩnh Trung", ["Thôn 1", "Thôn 2", "Thôn 3", "Thôn 4"], "island"),
    ("VTH", "xã Vĩnh Thực", ["Thôn 1", "Thôn 2", "Thôn 3", "Thôn 4", "Thôn 5"], "island"),
]
# Cells of a ward or commune that are not residential, by how many the ward has.
WARD_OTHER_CELLS = [
    ("CQ", "Chi bộ cơ quan", "agency"),
    ("QS", "Chi bộ quân sự", "armed_forces"),
    ("CA", "Chi bộ công an", "armed_forces"),
    ("TH", "Chi bộ trường học", "school"),
]
WARD_OTHER_COUNT = {
    "TP": 2,
    "KL": 4,
    "ND": 4,
    "HL": 3,
    "HY": 4,
    "HH": 4,
    "BN": 3,
    "TC": 3,
    "HX": 3,
    "HS": 3,
    "BS": 3,
    "HD": 3,
    "HT": 3,
    "QN": 3,
    "VN": 3,
    "VT": 2,
    "VTH": 2,
}
TP_OTHER = [("CQ", "Chi bộ cơ quan", "agency"), ("TH", "Chi bộ trường THCS Trần Phú", "school")]

# The other base committees: (code, name, place, cell names)
COMMITTEES: list[tuple[str, str, str, list[str]]] = [
    (
        "QSTP",
        "Đảng bộ Quân sự thành phố",
        "armed_forces",
        [
            "Chi bộ Ban Chỉ huy",
            "Chi bộ Đại đội bộ binh",
            "Chi bộ Hậu cần - Kỹ thuật",
            "Chi bộ Tham mưu",
            "Chi bộ Chính trị",
            "Chi bộ Trung đội trinh sát",
        ],
    ),
    (
        "CATP",
        "Đảng bộ Công an thành phố",
        "armed_forces",
        [
            f"Chi bộ {n}"
            for n in (
                "Tham mưu",
                "An ninh",
                "Cảnh sát hình sự",
                "Cảnh sát kinh tế",
                "Ma túy",
                "Cảnh sát giao thông",
                "Quản lý hành chính",
                "Thi hành án hình sự",
                "Cảnh sát cơ động",
                "Xây dựng lực lượng",
            )
        ],
    ),
    (
        "CQCQ",
        "Đảng bộ Cơ quan chính quyền thành phố",
        "agency",
        [
            f"Chi bộ {n}"
            for n in (
                "Văn phòng HĐND-UBND",
                "Phòng Tài chính - Kế hoạch",
                "Phòng Kinh tế",
                "Phòng Quản lý đô thị",
                "Phòng Tài nguyên và Môi trường",
                "Phòng Giáo dục và Đào tạo",
                "Phòng Văn hóa - Thông tin",
                "Phòng Y tế",
                "Phòng Lao động - Thương binh và Xã hội",
                "Phòng Tư pháp",
                "Thanh tra",
                "Ban Quản lý dự án",
                "Trung tâm Văn hóa - Thể thao",
                "Trung tâm Phát triển quỹ đất",
                "Ban Quản lý chợ",
                "Đội Quản lý trật tự đô thị",
                "Trung tâm Dịch vụ nông nghiệp",
                "Phòng Dân tộc",
            )
        ],
    ),
    (
        "DD",
        "Đảng bộ Khối Dân - Đảng",
        "agency",
        [
            f"Chi bộ {n}"
            for n in (
                "Văn phòng Thành ủy",
                "Cơ quan Tổ chức - Nội vụ",
                "Ban Tuyên giáo",
                "Ủy ban Kiểm tra",
                "Ủy ban MTTQ",
                "Thành đoàn",
                "Hội Liên hiệp Phụ nữ",
                "Hội Nông dân",
                "Hội Cựu chiến binh",
            )
        ],
    ),
    (
        "YT",
        "Đảng bộ Trung tâm Y tế thành phố",
        "agency",
        [
            f"Chi bộ {n}"
            for n in (
                "Khoa Nội",
                "Khoa Ngoại",
                "Khoa Sản",
                "Khoa Nhi",
                "Khoa Khám bệnh",
                "Y tế dự phòng",
                "Hành chính",
            )
        ],
    ),
    (
        "DN",
        "Đảng bộ Khối doanh nghiệp ngoài nhà nước",
        "private_enterprise",
        [
            f"Chi bộ Công ty {n}"
            for n in (
                "TNHH Thương mại Hải Hà",
                "CP Xây dựng Đông Bắc",
                "TNHH Vận tải Ka Long",
                "CP Du lịch Trà Cổ",
                "TNHH May Hải Yên",
                "CP Thủy sản Vạn Ninh",
                "TNHH Xuất nhập khẩu Bắc Luân",
                "CP Đầu tư Móng Cái",
                "TNHH Logistics Cửa khẩu",
                "CP Bê tông Hải Hòa",
                "TNHH Khách sạn Ngọc Vừng",
                "CP Dịch vụ Cảng Vạn Gia",
            )
        ],
    ),
    (
        "DL",
        "Đảng bộ Điện lực Móng Cái",
        "state_enterprise",
        [
            f"Chi bộ {n}"
            for n in (
                "Phòng Kỹ thuật",
                "Phòng Kinh doanh",
                "Đội Quản lý vận hành 1",
                "Đội Quản lý vận hành 2",
                "Đội Sửa chữa",
                "Phòng Tổng hợp",
                "Đội Kiểm tra giám sát",
            )
        ],
    ),
]

BASE_CELLS: list[tuple[str, str, str]] = [
    ("THPTTP", "Chi bộ Trường THPT Trần Phú", "school"),
    ("THPTLTV", "Chi bộ Trường THPT Lương Thế Vinh", "school"),
    ("THPTCL", "Chi bộ Trường THPT Chu Văn An", "school"),
    ("TTGDTX", "Chi bộ Trung tâm GDNN - GDTX", "school"),
    ("TAND", "Chi bộ Tòa án nhân dân thành phố", "agency"),
    ("VKS", "Chi bộ Viện Kiểm sát nhân dân thành phố", "agency"),
    ("THA", "Chi bộ Chi cục Thi hành án dân sự", "agency"),
    ("CCT", "Chi bộ Chi cục Thuế khu vực", "agency"),
    ("KBNN", "Chi bộ Kho bạc Nhà nước", "agency"),
    ("BHXH", "Chi bộ Bảo hiểm xã hội thành phố", "agency"),
    ("AGRI", "Chi bộ Ngân hàng Nông nghiệp chi nhánh Móng Cái", "state_enterprise"),
    ("BIDV", "Chi bộ Ngân hàng Đầu tư và Phát triển chi nhánh Móng Cái", "state_enterprise"),
    ("CTMT", "Chi bộ Công ty CP Môi trường đô thị", "state_enterprise"),
    ("HGT", "Chi bộ Công ty TNHH Hải Giang Thịnh", "private_enterprise"),
]


@dataclass
class Unit:
    """An organisation; ``holds`` when members sit directly in it (a cell, or a base cell)."""

    code: str
    name: str
    kind: str
    parent: str | None
    place: str
    population: int | None = None
    holds: bool = False
    base: str = ""  # the base organisation it belongs to (itself for a base cell)
    area: str = ""  # ward, commune, island (residential places), else ""
    members: int = 0  # current at END
    admitted_2022: int = 0


def build_tree(rng: random.Random) -> list[Unit]:
    units = [Unit("MC", "Đảng bộ thành phố Móng Cái", "committee", None, "other", CITY_POPULATION)]
    cells: list[Unit] = []
    for code, name, residential, area in WARDS:
        units.append(Unit(code, f"Đảng bộ {name}", "base", "MC", "other", base=code, area=area))
        for index, place_name in enumerate(residential, 1):
            number = place_name.split()[-1] if place_name.split()[-1].isdigit() else str(index)
            suffix = "HP" if place_name == "Khu Hồng Phong" else f"{'K' if area == 'ward' else 'T'}{number}"
            cells.append(
                Unit(
                    f"{code}-{suffix}",
                    f"Chi bộ {place_name[0].lower()}{place_name[1:]}",
                    "cell",
                    code,
                    "residential",
                    holds=True,
                    base=code,
                    area=area,
                )
            )
        others = TP_OTHER if code == "TP" else WARD_OTHER_CELLS[: WARD_OTHER_COUNT[code]]
        for suffix, cell_name, place in others:
            full = cell_name if code == "TP" and suffix == "TH" else f"{cell_name} {name}"
            cells.append(Unit(f"{code}-{suffix}", full, "cell", code, place, holds=True, base=code))
    for code, name, place, cell_names in COMMITTEES:
        units.append(Unit(code, name, "base", "MC", place, base=code))
        for index, cell_name in enumerate(cell_names, 1):
            cells.append(Unit(f"{code}-{index:02d}", cell_name, "cell", code, place, holds=True, base=code))
    for code, name, place in BASE_CELLS:
        units.append(Unit(code, name, "base", "MC", place, holds=True, base=code))
    # populations: residential cells, then each ward is the sum of its cells
    homes = [c for c in cells if c.place == "residential"]
    raw = {c.code: rng.randint(900, 2600) if c.area == "ward" else rng.randint(350, 1300) for c in homes}
    scale = (CITY_POPULATION - 2_100) / sum(raw.values())  # some people live outside any khu/thôn list
    for cell in homes:
        cell.population = round(raw[cell.code] * scale)
    by_code = {u.code: u for u in units}
    for cell in homes:
        parent = by_code[cell.parent or ""]
        parent.population = (parent.population or 0) + (cell.population or 0)
    return units + cells


# --- how many members each unit has, and how many it admitted in 2022 ------------------------------------

MEMBER_RANGE = {
    ("residential", "ward"): (16, 34),
    ("residential", "commune"): (12, 30),
    ("residential", "island"): (8, 18),
    ("agency", ""): (7, 20),
    ("school", ""): (8, 22),
    ("state_enterprise", ""): (6, 16),
    ("private_enterprise", ""): (3, 9),
    ("armed_forces", ""): (8, 24),
}


def _spread(rng: random.Random, total: int, weights: dict[str, float]) -> dict[str, int]:
    """``total`` split over the keys in proportion to the weights, by largest remainder (then seeded ties)."""
    whole = sum(weights.values())
    exact = {k: total * w / whole for k, w in weights.items()}
    counts = {k: int(v) for k, v in exact.items()}
    rest = total - sum(counts.values())
    order = sorted(exact, key=lambda k: (-(exact[k] - counts[k]), rng.random()))
    for key in order[:rest]:
        counts[key] += 1
    return counts


def size_units(rng: random.Random, units: list[Unit]) -> None:
    holders = [u for u in units if u.holds]
    tp = [u for u in holders if u.base == "TP"]
    fixed = {u.code for u in tp} | {"ND-HP"}
    tp_sizes = {"TP-K1": 38, "TP-K2": 41, "TP-K3": 35, "TP-K4": 39, "TP-K5": 33, "TP-CQ": 27, "TP-TH": 22}
    assert sum(tp_sizes.values()) == TP_MEMBERS
    assert set(tp_sizes) == {u.code for u in tp}
    for unit in tp:
        unit.members = tp_sizes[unit.code]
    by_code = {u.code: u for u in units}
    by_code["ND-HP"].members = HONG_PHONG_MEMBERS
    free = [u for u in holders if u.code not in fixed]
    weights = {}
    for unit in free:
        low, high = MEMBER_RANGE[(unit.place, unit.area if unit.place == "residential" else "")]
        if unit.kind == "base":  # a base cell is a whole agency or school
            low, high = low + 6, high + 10
        weights[unit.code] = rng.uniform(low, high)
    remaining = CITY_MEMBERS - TP_MEMBERS - HONG_PHONG_MEMBERS
    for code, count in _spread(rng, remaining - 3 * len(free), weights).items():
        by_code[code].members = count + 3  # a cell needs three official members
    # admissions in 2022: fixed for Trần Phú, the rest spread by size, residential apart
    tp_admitted = {"TP-K1": 3, "TP-K2": 3, "TP-K3": 2, "TP-K4": 2, "TP-K5": 1, "TP-CQ": 4, "TP-TH": 2}
    assert sum(tp_admitted.values()) == TP_ADMITTED_2022
    for code, count in tp_admitted.items():
        by_code[code].admitted_2022 = count
    tp_residential = sum(n for c, n in tp_admitted.items() if by_code[c].place == "residential")
    by_code["ND-HP"].admitted_2022 = 1
    residential = [u for u in free if u.place == "residential"]
    others = [u for u in free if u.place != "residential"]
    for group, total in (
        (residential, CITY_RESIDENTIAL_2022 - tp_residential - 1),
        (others, CITY_ADMITTED_2022 - CITY_RESIDENTIAL_2022 - (TP_ADMITTED_2022 - tp_residential)),
    ):
        weights = {u.code: u.members * rng.uniform(0.2, 1.8) for u in group}
        for code, count in _spread(rng, total, weights).items():
            by_code[code].admitted_2022 = min(count, by_code[code].members - 3)


def quotas_for(rng: random.Random, units: list[Unit]) -> list[dict[str, object]]:
    bases = [u for u in units if u.kind == "base"]
    admitted = {b.code: 0 for b in bases}
    residential = {b.code: 0 for b in bases}
    for unit in units:
        if unit.holds:
            admitted[unit.base] += unit.admitted_2022
            if unit.place == "residential":
                residential[unit.base] += unit.admitted_2022
    weights = {b.code: max(admitted[b.code], 0.5) * rng.uniform(0.75, 1.05) for b in bases if b.code != "TP"}
    targets = _spread(rng, 169 - 13, weights)
    targets["TP"] = 13
    rows: list[dict[str, object]] = [
        {
            "org": "MC",
            "year": 2021,
            "target": 160,
            "residential_target": 65,
            "stretch_target": 220,
            "milestones": "2021-Q2=55; 2021-Q3=110",
        },
        {
            "org": "MC",
            "year": 2022,
            "target": 169,
            "residential_target": 70,
            "stretch_target": 248,
            "milestones": "2022-Q2=60; 2022-Q3=120",
        },
    ]
    for base in sorted(bases, key=lambda b: b.code):
        target = max(targets[base.code], 1)
        row: dict[str, object] = {
            "org": base.code,
            "year": 2022,
            "target": target,
            "residential_target": "",
            "stretch_target": "",
            "milestones": "",
        }
        if base.area:
            row["residential_target"] = round(target * 0.6) if base.code != "TP" else 8
        if base.code == "TP":
            row["stretch_target"] = 15
            row["milestones"] = "2022-06=6; 2022-10=13"
        rows.append(row)
    return rows


# --- people -----------------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Like the tool's folding: no tones or marks, đ → d, lower case."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


@dataclass
class NameMaker:
    rng: random.Random
    families: list[str] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    boys: list[str] = field(default_factory=list)
    girls: list[str] = field(default_factory=list)
    used: set[tuple[str, date]] = field(default_factory=set)
    blocked: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, rng: random.Random, names_dir: Path) -> NameMaker:
        maker = cls(rng)
        with (names_dir / "family-names.csv").open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                maker.families.append(row["family_name"])
                maker.weights.append(float(row["share_percent"]))
        for attr, file in (("boys", "boy.txt"), ("girls", "girl.txt")):
            lines = (names_dir / file).read_text(encoding="utf-8").splitlines()
            # the lists write some Đ as the Icelandic Ð (U+00D0): use the Vietnamese letter
            lines = [s.strip().replace("\u00d0", "\u0110").replace("\u00f0", "\u0111") for s in lines]
            setattr(maker, attr, [unicodedata.normalize("NFC", s) for s in lines if s])
        maker.blocked = {fold(n) for n in BLOCKLIST}
        return maker

    def make(self, gender: str, born: date) -> str:
        """A full name no one else in the set has with the same birth date, and no real person's."""
        while True:
            family = self.rng.choices(self.families, self.weights)[0]
            line = self.rng.choice(self.boys if gender == "M" else self.girls)
            if born.year < 1985 and self.rng.random() < 0.55:  # the older generation: Văn / Thị
                line = ("Văn " if gender == "M" else "Thị ") + line.split()[-1]
            name = f"{family} {line}"
            key = (fold(name), born)
            if fold(name) in self.blocked or key in self.used:
                continue
            self.used.add(key)
            return name


class Ids:
    """Unique 12-digit citizen IDs: 022 (Quảng Ninh), century and gender, year of birth, six digits."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def make(self, gender: str, born: date) -> str:
        century = (0 if born.year < 2000 else 2) + (1 if gender == "F" else 0)
        while True:
            value = f"022{century}{born.year % 100:02d}{self.rng.randrange(1_000_000):06d}"
            if value not in self.used:
                self.used.add(value)
                return value


def rand_date(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max((end - start).days, 0)))


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError(day)


def weekday_on_or_after(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


# Ages at the end of 2022 by kind of place: (mean, spread, lowest, highest)
AGES = {
    ("residential", "commune"): (58, 13, 24, 92),
    ("residential", "island"): (57, 13, 24, 90),
    ("residential", "ward"): (55, 14, 22, 92),
    ("agency", ""): (42, 9, 24, 60),
    ("school", ""): (40, 9, 24, 59),
    ("state_enterprise", ""): (41, 9, 24, 60),
    ("private_enterprise", ""): (34, 7, 22, 58),
    ("armed_forces", ""): (33, 8, 21, 55),
}
OCCUPATIONS = {
    "ward": ["Hưu trí"] * 5 + ["Kinh doanh", "Buôn bán", "Lao động tự do", "Công nhân", "Nội trợ"],
    "commune": ["Hưu trí"] * 3 + ["Nông dân"] * 4 + ["Ngư dân", "Lao động tự do", "Buôn bán"],
    "island": ["Ngư dân"] * 4 + ["Nông dân", "Hưu trí", "Nuôi trồng thủy sản"],
    "agency": ["Công chức"] * 3 + ["Viên chức"] * 2,
    "school": ["Giáo viên"] * 5 + ["Viên chức"],
    "state_enterprise": ["Nhân viên", "Kỹ sư", "Công nhân", "Cán bộ quản lý"],
    "private_enterprise": ["Công nhân"] * 3 + ["Nhân viên", "Kỹ sư", "Quản lý"],
    "armed_forces": ["Quân nhân"],
}
ETHNIC_MINORITY_BASES = {"HS": 0.35, "BS": 0.45, "QN": 0.2, "HT": 0.1, "HD": 0.1}


@dataclass
class Person:
    citizen_id: str
    full_name: str
    gender: str
    birth_date: date
    cell: str
    ethnicity: str
    occupation: str
    youth_union: bool


@dataclass
class Member(Person):
    admitted_on: date = END
    decision_no: str = ""
    ceremony_on: date | None = None
    official_on: date | None = None
    left_on: date | None = None
    left_reason: str = ""


class People:
    def __init__(self, rng: random.Random, names: NameMaker, ids: Ids) -> None:
        self.rng, self.names, self.ids = rng, names, ids
        self.decisions: dict[int, int] = {}

    def ethnicity(self, unit: Unit) -> str:
        minority = ETHNIC_MINORITY_BASES.get(unit.base, 0.06)
        if self.rng.random() >= minority:
            return "Kinh"
        return self.rng.choices(["Dao", "Tày", "Hoa", "Sán Dìu", "Sán Chỉ"], [4, 3, 3, 1, 1])[0]

    def occupation(self, unit: Unit, age: int) -> str:
        if unit.place == "armed_forces":
            return "Công an" if unit.base == "CATP" or unit.code.endswith("-CA") else "Quân nhân"
        key = unit.area if unit.place == "residential" else unit.place
        if key in ("ward", "commune") and age < 58:
            return self.rng.choice([o for o in OCCUPATIONS[key] if o != "Hưu trí"])
        return self.rng.choice(OCCUPATIONS[key])

    def gender(self, unit: Unit) -> str:
        share = {"armed_forces": 0.15, "school": 0.7, "agency": 0.45}.get(unit.place, 0.42)
        return "F" if self.rng.random() < share else "M"

    def person(self, unit: Unit, gender: str, born: date, with_id: float) -> Person:
        age = END.year - born.year
        return Person(
            citizen_id=self.ids.make(gender, born) if self.rng.random() < with_id else "",
            full_name=self.names.make(gender, born),
            gender=gender,
            birth_date=born,
            cell=unit.code,
            ethnicity=self.ethnicity(unit),
            occupation=self.occupation(unit, age),
            youth_union=age <= 30 and self.rng.random() < 0.7,
        )

    def admit(self, person: Person, decided: date) -> Member:
        year = decided.year
        self.decisions[year] = self.decisions.get(year, 0) + 1
        ceremony = weekday_on_or_after(decided + timedelta(days=self.rng.randint(8, 20)))
        official = add_months(ceremony, 12)
        member = Member(**vars(person), admitted_on=decided)
        if year >= 2005:
            member.decision_no = f"{self.decisions[year] + 100 * (year % 7)}-QĐ/TU"
            member.ceremony_on = ceremony if ceremony <= END else None  # not held yet at the snapshot
        member.official_on = official if official <= END else None
        return member

    def birth_for_age(self, unit: Unit, *, young: bool = False) -> date:
        mean, spread, low, high = AGES[(unit.place, unit.area if unit.place == "residential" else "")]
        if young:
            mean, spread, low, high = 29, 6, 19, 46 if unit.place == "residential" else 40
        age = min(max(round(self.rng.gauss(mean, spread)), low), high)
        return rand_date(self.rng, date(END.year - age - 1, 1, 1), date(END.year - age - 1, 12, 31))

    def long_standing(self, unit: Unit, *, until: date = date(2021, 12, 31)) -> Member:
        """A member admitted before 2022."""
        gender = self.gender(unit)
        born = self.birth_for_age(unit)
        earliest = add_years(born, 18) + timedelta(days=30)
        while earliest > until - timedelta(days=180):  # too young to have been admitted by then
            born = self.birth_for_age(unit)
            earliest = add_years(born, 18) + timedelta(days=30)
        if unit.place == "armed_forces":
            usual = add_years(born, self.rng.randint(19, 24))
        elif unit.place == "private_enterprise":
            usual = add_years(born, self.rng.randint(22, 35))
        else:
            usual = add_years(born, round(self.rng.triangular(20, 45, 28)))
        usual += timedelta(days=self.rng.randint(0, 364))
        if usual > until:  # would have joined later: joined some time in the years before
            usual = rand_date(self.rng, max(earliest, until - timedelta(days=365 * 8)), until)
        decided = min(max(usual, earliest), until)
        decided = weekday_on_or_after(max(decided, date(1950, 1, 2)))
        if decided > until:
            decided = until - timedelta(days=3)
        return self.admit(self.person(unit, gender, born, 0.94), decided)

    def new_in_2022(self, unit: Unit, decided: date) -> Member:
        gender = self.gender(unit)
        born = self.birth_for_age(unit, young=True)
        if full_years(born, decided) < 18:
            born = add_years(decided, -19) - timedelta(days=self.rng.randint(1, 300))
        return self.admit(self.person(unit, gender, born, 1.0), decided)


def full_years(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


# 2022 admissions by month: slow at Tết, busier before 2/9 and at the year's end
MONTH_WEIGHTS = [3, 6, 8, 9, 10, 11, 9, 12, 9, 10, 8, 9]


def admission_dates(rng: random.Random, count: int, start: date, end: date) -> list[date]:
    days = []
    for _ in range(count):
        while True:
            month = rng.choices(range(1, 13), MONTH_WEIGHTS)[0]
            first = date(2022, month, 1)
            last = add_months(first, 1) - timedelta(days=1)
            lo, hi = max(first, start), min(last, end)
            if lo <= hi:
                day = weekday_on_or_after(rand_date(rng, lo, hi))
                if day <= end:
                    days.append(day)
                    break
    return sorted(days)


def make_members(rng: random.Random, people: People, units: list[Unit]) -> list[Member]:
    members: list[Member] = []
    for unit in [u for u in units if u.holds]:
        older = unit.members - unit.admitted_2022
        # leavers: in 2022 (deaths among the old, transfers) and earlier
        old = unit.place == "residential"
        if unit.base == "TP":
            left_2022 = TP_LEFT_2022 if unit.code == "TP-K3" else 0
        else:
            left_2022 = sum(rng.random() < (0.09 if old else 0.04) for _ in range(max(older // 6, 1)))
        left_before = rng.randint(0, 1) if old else int(rng.random() < 0.3)
        cell_members = [people.long_standing(unit) for _ in range(older)]
        for index in range(left_2022 + left_before):
            member = people.long_standing(
                unit, until=date(2019, 12, 31) if index >= left_2022 else date(2021, 12, 31)
            )
            if index < left_2022:
                window = (date(2022, 2, 1), date(2022, 12, 20))
            else:
                window = (max(member.admitted_on + timedelta(days=400), date(2019, 3, 1)), date(2021, 12, 20))
            member.left_on = rand_date(rng, *window) if window[0] <= window[1] else window[1]
            member.left_on = max(member.left_on, member.admitted_on + timedelta(days=1))
            age = full_years(member.birth_date, member.left_on)
            member.left_reason = "death" if age >= 62 and rng.random() < 0.85 else "transfer"
            if member.official_on and member.official_on > member.left_on:
                member.official_on = None
            cell_members.append(member)
        dates = [] if unit.base == "TP" else admission_dates(rng, unit.admitted_2022, date(2022, 1, 4), END)
        cell_members += [people.new_in_2022(unit, day) for day in dates]
        members += cell_members
    # Trần Phú: 14 decisions by 31 October, 3 after, spread over its cells
    tp_cells = [u for u in units if u.base == "TP" and u.holds]
    slots = [u.code for u in tp_cells for _ in range(u.admitted_2022)]
    rng.shuffle(slots)
    early = admission_dates(rng, TP_ADMITTED_BY_OCTOBER, date(2022, 1, 4), date(2022, 10, 31))
    late = admission_dates(
        rng, TP_ADMITTED_2022 - TP_ADMITTED_BY_OCTOBER, date(2022, 11, 1), date(2022, 12, 23)
    )
    by_code = {u.code: u for u in units}
    for code, day in zip(slots, early + late, strict=True):
        members.append(people.new_in_2022(by_code[code], day))
    return members


# --- candidates and reviews ---------------------------------------------------------------------------

SOURCE_BY_PLACE = {
    "residential": (
        [
            "youth_union",
            "militia",
            "demobilised_soldier",
            "neighbourhood_watch",
            "student",
            "womens_union",
            "farmers_union",
            "veterans_union",
            "private_enterprise_worker",
            "other",
        ],
        [22, 14, 12, 10, 8, 10, 8, 4, 8, 4],
    ),
    "agency": (["youth_union", "other", "womens_union"], [6, 3, 1]),
    "school": (["youth_union", "other", "student"], [6, 3, 1]),
    "state_enterprise": (["youth_union", "other", "private_enterprise_worker"], [5, 3, 1]),
    "private_enterprise": (["private_enterprise_worker", "youth_union"], [4, 1]),
    "armed_forces": (["youth_union", "militia", "demobilised_soldier", "other"], [5, 3, 1, 1]),
}
STAGE_MIX = [
    ("identified", 95),
    ("mentored", 95),
    ("trained", 80),
    ("applied", 60),
    ("proposed", 32),
    ("dropped", 28),
]
DROP_REASONS = [
    "Chuyển nơi cư trú",
    "Đi làm ăn xa",
    "Tự nguyện xin rút khỏi danh sách nguồn",
    "Chưa đủ tiêu chuẩn, chi bộ đưa ra khỏi danh sách",
]
REMARKS = [
    "Tích cực tham gia sinh hoạt Chi đoàn và các phong trào của địa phương.",
    "Chấp hành tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước.",
    "Gương mẫu trong lao động sản xuất, có ý thức tổ chức kỷ luật tốt.",
    "Cần tìm hiểu thêm về Điều lệ Đảng và nhiệm vụ của người đảng viên.",
    "Tham gia đầy đủ các buổi sinh hoạt tổ dân phòng, nhiệt tình với công việc chung.",
    "Đạo đức, lối sống giản dị, được quần chúng nơi cư trú tín nhiệm.",
    "Hoàn thành tốt nhiệm vụ được giao; cần mạnh dạn phát biểu ý kiến hơn.",
    "Có tiến bộ rõ trong nhận thức chính trị sau lớp bồi dưỡng.",
    "Thời gian đi làm xa nhiều, cần sắp xếp tham gia hoạt động đoàn thể đều hơn.",
    "Tích cực vận động gia đình thực hiện nếp sống văn minh đô thị.",
]


@dataclass
class Candidate(Person):
    source: str = "other"
    identified_on: date = END
    stage: str = "identified"
    mentor: str = ""
    mentor_assigned_on: date | None = None
    trained_on: date | None = None
    certificate_no: str = ""
    applied_on: date | None = None
    introducer_1: str = ""
    introducer_2: str = ""
    youth_union_introduces: bool = False
    proposed_on: date | None = None
    resolution_no: str = ""
    dropped_on: date | None = None
    drop_reason: str = ""
    education: str = "12/12"


def official_by(members: list[Member], base: str, units: dict[str, Unit], on: date) -> list[Member]:
    return [
        m
        for m in members
        if units[m.cell].base == base
        and m.citizen_id
        and m.official_on is not None
        and m.official_on <= on
        and m.left_on is None
    ]


def later(rng: random.Random, after: date, lo: int, hi: int, cap: date = END) -> date:
    return min(weekday_on_or_after(after + timedelta(days=rng.randint(lo, hi))), cap)


def make_candidates(
    rng: random.Random, people: People, units: list[Unit], members: list[Member]
) -> tuple[list[Candidate], list[dict[str, object]]]:
    """The candidates at each stage of STAGE_MIX, and their mentors' monthly reviews."""
    by_code = {u.code: u for u in units}
    holders = [u for u in units if u.holds]
    cell_weights = [u.members * (1.4 if u.place == "residential" else 1.0) for u in holders]
    candidates: list[Candidate] = []
    numbers = DocumentNumbers(certificates=400, resolutions=0)
    stages = [stage for stage, count in STAGE_MIX for _ in range(count)]
    for stage in stages:
        unit = rng.choices(holders, cell_weights)[0]
        cand = new_candidate(rng, people, unit, stage)
        reached = stage
        if stage == "dropped":
            reached = rng.choice(["identified", "mentored", "trained"])
        depth = ["identified", "mentored", "trained", "applied", "proposed"].index(reached)
        identify_early_enough(rng, cand, depth)
        day = take_steps(rng, cand, unit, depth, members, by_code, numbers)
        if stage == "dropped":
            cand.dropped_on = later(rng, day, 20, 120)
            cand.drop_reason = rng.choice(DROP_REASONS)
        candidates.append(cand)
    candidates.sort(key=lambda c: (c.cell, c.identified_on, c.full_name))
    return candidates, mentor_reviews(rng, candidates)


@dataclass
class DocumentNumbers:
    """The last training certificate and cell resolution numbered so far."""

    certificates: int
    resolutions: int


def new_candidate(rng: random.Random, people: People, unit: Unit, stage: str) -> Candidate:
    """A person the cell has identified (source, gender and age to match), before any later step."""
    sources, weights = SOURCE_BY_PLACE[unit.place]
    source = rng.choices(sources, weights)[0]
    gender = (
        "F"
        if source == "womens_union"
        else ("M" if source in ("militia", "demobilised_soldier") else people.gender(unit))
    )
    old_source = source in ("womens_union", "farmers_union", "veterans_union", "neighbourhood_watch")
    age = rng.randint(30, 45) if old_source else round(rng.triangular(18.5, 40, 24))
    born = rand_date(rng, date(2022 - age - 1, 1, 1), date(2022 - age - 1, 12, 31))
    identified = rand_date(rng, date(2021, 1, 4), date(2022, 11, 30))
    if full_years(born, identified) < 18:
        born = add_years(identified, -18) - timedelta(days=rng.randint(30, 700))
    person = people.person(unit, gender, born, 1.0)
    cand = Candidate(**vars(person), source=source, identified_on=identified, stage=stage)
    cand.youth_union = source == "youth_union" or (full_years(born, END) <= 30 and rng.random() < 0.4)
    if unit.place == "residential" and source != "student":
        cand.occupation = rng.choice(
            ["Lao động tự do", "Kinh doanh", "Công nhân", "Nông dân", "Nhân viên văn phòng"]
        )
    elif source == "student":
        cand.occupation = "Sinh viên tốt nghiệp"
    return cand


def identify_early_enough(rng: random.Random, cand: Candidate, depth: int) -> None:
    """The later the stage, the earlier the identification: leave room for ``depth`` steps before END."""
    need = [0, 40, 120, 200, 260][depth]
    if (END - cand.identified_on).days >= need:
        return
    identified = END - timedelta(days=need + rng.randint(0, 200))
    cand.identified_on = max(identified, date(2021, 1, 4))
    if full_years(cand.birth_date, cand.identified_on) < 18:
        cand.birth_date = add_years(cand.identified_on, -18) - timedelta(days=rng.randint(30, 700))


def take_steps(
    rng: random.Random,
    cand: Candidate,
    unit: Unit,
    depth: int,
    members: list[Member],
    units: dict[str, Unit],
    numbers: DocumentNumbers,
) -> date:
    """Date the first ``depth`` steps after identification (mentor, training, application, proposal);
    return the day of the last one."""
    day = cand.identified_on
    if depth >= 1:
        day = later(rng, day, 14, 60)
        mentors = official_by(members, unit.base, units, day)
        same_cell = [m for m in mentors if m.cell == unit.code]
        mentor = rng.choice(same_cell or mentors)
        cand.mentor, cand.mentor_assigned_on = mentor.citizen_id, day
    if depth >= 2:
        day = later(rng, day, 30, 120)
        numbers.certificates += 1
        cand.trained_on, cand.certificate_no = day, f"{numbers.certificates}-CN/TTCT"
    if depth >= 3:
        day = later(rng, day, 15, 75)
        pool = [
            m
            for m in official_by(members, unit.base, units, add_years(day, -1))
            if m.citizen_id != cand.mentor
        ]
        same_cell = [m for m in pool if m.cell == unit.code]
        chosen = rng.sample(same_cell if len(same_cell) >= 2 else pool, 2)
        cand.applied_on = day
        cand.introducer_1 = cand.mentor if rng.random() < 0.6 else chosen[0].citizen_id
        cand.introducer_2 = chosen[1].citizen_id
        if cand.youth_union and full_years(cand.birth_date, day) <= 30 and rng.random() < 0.5:
            cand.introducer_2, cand.youth_union_introduces = "", True
    if depth >= 4:
        day = max(later(rng, day, 20, 60), date(2022, 10, 3))
        day = min(day, date(2022, 12, 28))
        numbers.resolutions += 1
        cand.proposed_on, cand.resolution_no = day, f"{numbers.resolutions:02d}-NQ/CB"
    return day


def mentor_reviews(rng: random.Random, candidates: list[Candidate]) -> list[dict[str, object]]:
    """Two to six monthly reviews by each candidate's mentor, from the month after the assignment."""
    reviews: list[dict[str, object]] = []
    for cand in candidates:
        if cand.mentor_assigned_on is None:
            continue
        stop = cand.dropped_on or END
        month = add_months(cand.mentor_assigned_on.replace(day=1), 1)
        months: list[date] = []
        while month <= stop and len(months) < rng.randint(2, 6):
            months.append(add_months(month, 1) - timedelta(days=1))
            month = add_months(month, 1)
        for last in months:
            if last > stop:
                break
            meeting = min(last - timedelta(days=rng.randint(0, 6)), stop)
            if meeting < cand.mentor_assigned_on:
                continue
            reviews.append(
                {
                    "candidate": cand.citizen_id,
                    "author": cand.mentor,
                    "date": meeting.isoformat(),
                    "text": rng.choice(REMARKS),
                }
            )
    return reviews


def admission_histories(units: list[Unit], members: list[Member]) -> list[Candidate]:
    """The path to admission of the members admitted in 2022, as candidates at the 'admitted' stage: the
    import links each to its member record, so that the pipeline counts them from source to admission (the
    article's bar: 70% of those trained are admitted). A separate random stream, so that everything else
    the generator makes stays as it was. Members without a citizen ID, or who would have been under 18
    or over 47 when identified, keep no history."""
    rng = random.Random(SEED + 1)  # noqa: S311  (made-up sample data, seeded to be the same every run)
    by_code = {u.code: u for u in units}
    history: list[Candidate] = []
    for member in members:
        if member.admitted_on.year != 2022 or not member.citizen_id:
            continue
        unit = by_code[member.cell]
        proposed = member.admitted_on - timedelta(days=rng.randint(20, 50))
        applied = proposed - timedelta(days=rng.randint(20, 60))
        trained = applied - timedelta(days=rng.randint(15, 100))
        assigned = trained - timedelta(days=rng.randint(30, 120))
        identified = assigned - timedelta(days=rng.randint(14, 60))
        if identified < date(2021, 1, 4) or not 18 <= full_years(member.birth_date, identified) <= 46:
            continue
        mentors = official_by(members, unit.base, by_code, assigned)
        pool = official_by(members, unit.base, by_code, add_years(applied, -1))
        if not mentors or len(pool) < 3:
            continue
        mentor = rng.choice([m for m in mentors if m.cell == unit.code] or mentors)
        introducers = rng.sample([m for m in pool if m.citizen_id != mentor.citizen_id], 2)
        sources, weights = SOURCE_BY_PLACE[unit.place]
        fields = {k: v for k, v in vars(member).items() if k in Person.__dataclass_fields__}
        history.append(
            Candidate(
                **fields,
                source=rng.choices(sources, weights)[0],
                identified_on=identified,
                stage="admitted",
                mentor=mentor.citizen_id,
                mentor_assigned_on=assigned,
                trained_on=trained,
                certificate_no=f"{300 + len(history)}-CN/TTCT/2021",
                applied_on=applied,
                introducer_1=mentor.citizen_id if rng.random() < 0.6 else introducers[0].citizen_id,
                introducer_2=introducers[1].citizen_id,
                proposed_on=proposed,
                resolution_no=f"{len(history) + 1:02d}-NQ/CB",
            )
        )
    return history


# --- writing ----------------------------------------------------------------------------------------------


def iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def flag(value: bool) -> str:
    return "true" if value else "false"


def write_csv(path: Path, headers: list[str], rows: list[dict[str, object]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=headers, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


PERSON_HEADERS = ["citizen_id", "full_name", "gender", "birth_date", "cell"]


def person_row(p: Person) -> dict[str, object]:
    return {
        "citizen_id": p.citizen_id,
        "full_name": p.full_name,
        "gender": p.gender,
        "birth_date": p.birth_date.isoformat(),
        "cell": p.cell,
    }


def member_rows(members: list[Member]) -> list[dict[str, object]]:
    return [
        {
            **person_row(m),
            "admitted_on": m.admitted_on.isoformat(),
            "decision_no": m.decision_no,
            "ceremony_on": iso(m.ceremony_on),
            "official_on": iso(m.official_on),
            "left_on": iso(m.left_on),
            "left_reason": m.left_reason,
            "ethnicity": m.ethnicity,
            "occupation": m.occupation,
            "youth_union": flag(m.youth_union),
        }
        for m in members
    ]


MEMBER_HEADERS = [
    *PERSON_HEADERS,
    "admitted_on",
    "decision_no",
    "ceremony_on",
    "official_on",
    "left_on",
    "left_reason",
    "ethnicity",
    "occupation",
    "youth_union",
]
CANDIDATE_HEADERS = [
    *PERSON_HEADERS,
    "source",
    "identified_on",
    "stage",
    "mentor",
    "mentor_assigned_on",
    "trained_on",
    "certificate_no",
    "applied_on",
    "introducer_1",
    "introducer_2",
    "youth_union_introduces",
    "proposed_on",
    "resolution_no",
    "dropped_on",
    "drop_reason",
    "ethnicity",
    "education",
    "occupation",
    "youth_union",
]


def candidate_rows(candidates: list[Candidate]) -> list[dict[str, object]]:
    rows = []
    for c in candidates:
        rows.append(
            {
                **person_row(c),
                "source": c.source,
                "identified_on": c.identified_on.isoformat(),
                "stage": c.stage,
                "mentor": c.mentor,
                "mentor_assigned_on": iso(c.mentor_assigned_on),
                "trained_on": iso(c.trained_on),
                "certificate_no": c.certificate_no,
                "applied_on": iso(c.applied_on),
                "introducer_1": c.introducer_1,
                "introducer_2": c.introducer_2,
                "youth_union_introduces": flag(c.youth_union_introduces),
                "proposed_on": iso(c.proposed_on),
                "resolution_no": c.resolution_no,
                "dropped_on": iso(c.dropped_on),
                "drop_reason": c.drop_reason,
                "ethnicity": c.ethnicity,
                "education": c.education,
                "occupation": c.occupation,
                "youth_union": flag(c.youth_union),
            }
        )
    return rows


def dmy(day: date) -> str:
    return f"{day.day}/{day.month}/{day.year}"  # unpadded, as Excel in a Vietnamese locale writes it


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def windows_1258(text: str) -> str:
    """Text as Windows-1258 holds it: letters with their own marks (â, ơ, ư…) composed, tones apart."""
    out = unicodedata.normalize("NFD", text)
    composed: list[str] = []
    tones: list[str] = []
    for char in out:
        if char in TONES:
            tones.append(char)
        elif unicodedata.combining(char):
            composed[-1] = unicodedata.normalize("NFC", composed[-1] + char)
        else:
            composed.extend(tones)
            tones = []
            composed.append(char)
    composed.extend(tones)
    return "".join(composed)


MESSY_HEADERS = [
    "STT",
    "Số CCCD",
    "Họ và tên",
    "Giới tính",
    "Ngày sinh",
    "Chi bộ",
    "Ngày vào Đảng",
    "Ngày chính thức",
    "Nghề nghiệp",
]


def write_messy(
    rng: random.Random, people: People, units: list[Unit], members: list[Member], out: Path
) -> None:
    """A cell secretary's list as Excel saves it in a Vietnamese Windows: members_messy.csv."""
    by_code = {u.code: u for u in units}
    unit = by_code["HH-K3"]
    rows: list[list[str]] = []
    fresh = []
    for _ in range(5):
        m = people.long_standing(unit)
        fresh.append(m)
    existing = next(
        m
        for m in members
        if m.cell == "HH-K3" and m.citizen_id and m.left_on is None and m.official_on is not None
    )
    changed_occupation = "Kinh doanh" if existing.occupation != "Kinh doanh" else "Hưu trí"
    for m in fresh[:3]:
        rows.append(
            [
                m.citizen_id,
                m.full_name,
                "Nam" if m.gender == "M" else "Nữ",
                dmy(m.birth_date),
                m.cell,
                dmy(m.admitted_on),
                dmy(m.official_on) if m.official_on else "",
                m.occupation,
            ]
        )
    rows.append(
        [
            existing.citizen_id,
            existing.full_name,
            "Nam" if existing.gender == "M" else "Nữ",
            dmy(existing.birth_date),
            existing.cell,
            dmy(existing.admitted_on),
            dmy(existing.official_on) if existing.official_on else "",
            changed_occupation,
        ]
    )
    bad = fresh[3]
    rows.append(
        [
            bad.citizen_id,
            bad.full_name,
            "Nam" if bad.gender == "M" else "Nữ",
            "31/02/1990",
            bad.cell,
            dmy(bad.admitted_on),
            dmy(bad.official_on) if bad.official_on else "",
            bad.occupation,
        ]
    )
    m = fresh[4]
    rows.append(
        [
            m.citizen_id,
            m.full_name,
            "Nam" if m.gender == "M" else "Nữ",
            dmy(m.birth_date),
            m.cell,
            dmy(m.admitted_on),
            dmy(m.official_on) if m.official_on else "",
            m.occupation,
        ]
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(MESSY_HEADERS)
    for index, row in enumerate(rows, 1):
        writer.writerow([str(index), *row])
    (out / "messy").mkdir(parents=True, exist_ok=True)
    (out / "messy" / "members_messy.csv").write_bytes(windows_1258(buffer.getvalue()).encode("cp1258"))
    readme = MESSY_README.format(
        duplicate=existing.full_name,
        duplicate_id=existing.citizen_id,
        bad=bad.full_name,
        was=existing.occupation,
        now=changed_occupation,
    )
    (out / "messy" / "README.md").write_text(readme, encoding="utf-8")


MESSY_README = """\
# messy/: a list as it arrives from a spreadsheet

`members_messy.csv` is six members of chi bộ khu 3, phường Hải Hòa (cell `HH-K3`), as a cell secretary's
Excel saves "CSV" on a Vietnamese Windows. Generated by `sample_data/generate.py`; do not edit by hand.

What it shows:
- **Windows-1258 encoding**, the tones stored as combining marks (the text is decomposed, NFD-like): the
  importer detects the encoding and stores every name in NFC.
- **`;` as the delimiter** and **Vietnamese headers** (STT, Số CCCD, Họ và tên, Giới tính, Ngày sinh, Chi bộ,
  Ngày vào Đảng, Ngày chính thức, Nghề nghiệp); the STT column is recognised and not stored.
- **Unpadded dd/mm/yyyy dates** (`3/2/1985`).
- **A duplicate person** (line 5): {duplicate}, citizen ID {duplicate_id}, is already in
  `moncai/members.csv`; this row changes the occupation ({was} → {now}).
- **An error** (line 6): {bad}'s birth date is `31/02/1990`, a day that does not exist.

Import it after the organisations and the members:

```sh
dangvien import orgs sample_data/moncai/orgs.csv
dangvien import members sample_data/moncai/members.csv
dangvien import members sample_data/moncai/messy/members_messy.csv
```

The last command reports 6 rows and 2 errors, and writes nothing (exit code 1):
- line 5, column Nghề nghiệp: the same citizen ID as a stored member, with a different occupation
  (`import.duplicate`); `--on-duplicate update` takes the new value, `--on-duplicate skip` keeps the old;
- line 6, column Ngày sinh: `31/02/1990` is an impossible date (`date.impossible`).

Fix or drop those two lines and the other four import.
"""


def write_xlsx(members: list[Member], units: list[Unit], out: Path) -> bool:
    """members.xlsx: one cell's list with Vietnamese headers, some dates as real date cells."""
    try:
        from openpyxl import Workbook
    except ImportError:
        return False
    cell = "TP-K2"
    rows = [m for m in members if m.cell == cell and m.left_on is None][:30]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Đảng viên"
    sheet.append(
        [
            "STT",
            "Họ và tên",
            "Giới tính",
            "Ngày sinh",
            "Số CCCD",
            "Chi bộ",
            "Ngày vào Đảng",
            "Ngày chính thức",
        ]
    )
    for index, m in enumerate(rows, 1):
        as_dates = index % 3 != 0  # every third row keeps its dates as text, as lists often do

        def day(value: date | None, as_dates: bool = as_dates) -> object:
            if value is None:
                return None
            return datetime(value.year, value.month, value.day) if as_dates else value.strftime("%d/%m/%Y")

        sheet.append(
            [
                index,
                m.full_name,
                "Nam" if m.gender == "M" else "Nữ",
                day(m.birth_date),
                m.citizen_id or None,
                m.cell,
                day(m.admitted_on),
                day(m.official_on),
            ]
        )
    for row in sheet.iter_rows(min_row=2):
        row[4].number_format = "@"  # Số CCCD: a Text column
        for index in (3, 6, 7):
            if isinstance(row[index].value, datetime):
                row[index].number_format = "DD/MM/YYYY"
    for letter, width in zip("ABCDEFGH", (5, 26, 9, 12, 15, 10, 14, 15), strict=True):
        sheet.column_dimensions[letter].width = width
    fixed = datetime(2022, 12, 31, 8, 0, 0)
    book.properties.created = fixed
    book.properties.modified = fixed
    book.properties.creator = "sample_data/generate.py"
    buffer = io.BytesIO()
    book.save(buffer)
    # the same bytes on every run: zip entries get a fixed time (openpyxl stamps the current one)
    buffer.seek(0)
    result = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed_info = zipfile.ZipInfo(info.filename, date_time=(2022, 12, 31, 8, 0, 0))
            fixed_info.compress_type = zipfile.ZIP_DEFLATED
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl writes "modified" as now, whatever is set
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2022-12-31T08:00:00Z", data)
            target.writestr(fixed_info, data)
    (out / "members.xlsx").write_bytes(result.getvalue())
    return True


def generate(out: Path, names_dir: Path = NAMES) -> dict[str, int]:
    rng = random.Random(SEED)  # noqa: S311  (made-up sample data, seeded to be the same every run)
    out.mkdir(parents=True, exist_ok=True)
    units = build_tree(rng)
    size_units(rng, units)
    people = People(rng, NameMaker.load(rng, names_dir), Ids(rng))
    members = make_members(rng, people, units)
    members.sort(key=lambda m: (m.cell, m.admitted_on, m.full_name))
    candidates, reviews = make_candidates(rng, people, units, members)
    candidates = sorted(
        candidates + admission_histories(units, members), key=lambda c: (c.cell, c.identified_on, c.full_name)
    )
    write_csv(
        out / "orgs.csv",
        ["code", "name", "kind", "parent", "place", "population"],
        [
            {
                "code": u.code,
                "name": u.name,
                "kind": u.kind,
                "parent": u.parent or "",
                "place": u.place,
                "population": u.population or "",
            }
            for u in units
        ],
    )
    write_csv(out / "members.csv", MEMBER_HEADERS, member_rows(members))
    write_csv(out / "candidates.csv", CANDIDATE_HEADERS, candidate_rows(candidates))
    write_csv(out / "reviews.csv", ["candidate", "author", "date", "text"], reviews)
    write_csv(
        out / "quotas.csv",
        ["org", "year", "target", "residential_target", "stretch_target", "milestones"],
        quotas_for(rng, units),
    )
    write_messy(rng, people, units, members, out)
    write_xlsx(members, units, out)
    admitted_2025 = write_2025(out, units, people, names_dir)
    current = [m for m in members if m.left_on is None]
    return {
        "organisations": len(units),
        "members": len(members),
        "members_current": len(current),
        "admitted_2022": sum(m.admitted_on.year == 2022 for m in members),
        "candidates": len(candidates),
        "reviews": len(reviews),
        "admitted_2025": admitted_2025,
    }


def _restructure_2025() -> ModuleType:
    """restructure_2025.py beside this file (loaded by path: benchmarks/run.py loads this file so too)."""
    spec = importlib.util.spec_from_file_location("restructure_2025", HERE / "restructure_2025.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def write_2025(out: Path, units: list[Unit], people: People, names_dir: Path) -> int:
    """The city's 2025 (see restructure_2025.py): quotas, admissions before and after 1 July, the plan.
    Its people come from a generator of their own that knows every name and ID already given."""
    restructure_2025 = _restructure_2025()
    rng = random.Random(restructure_2025.SEED)  # noqa: S311  (made-up sample data, seeded)
    names = NameMaker.load(rng, names_dir)
    names.used = set(people.names.used)
    ids = Ids(rng)
    ids.used = set(people.ids.used)
    later = People(rng, names, ids)
    by_code = {u.code: u for u in units}
    for cells, target, name, _ward in restructure_2025.CELL_MERGES:
        if name is not None:  # a new cell: like the cells it was made from
            first = by_code[cells[0]]
            by_code[target] = Unit(
                target, name, "cell", first.parent, first.place, holds=True, base=first.base, area=first.area
            )
    before, after = restructure_2025.admissions(units)
    files = (("members_2025_before.csv", before), ("members_2025_after.csv", after))
    for file, admitted in files:
        members = []
        for admission in admitted:
            unit = by_code[admission.cell]
            born = later.birth_for_age(unit, young=True)
            if full_years(born, admission.day) < 18:
                born = add_years(admission.day, -19) - timedelta(days=rng.randint(1, 300))
            member = Member(
                **vars(later.person(unit, later.gender(unit), born, 1.0)), admitted_on=admission.day
            )
            member.decision_no = f"{len(members) + 1 + (60 if file.endswith('after.csv') else 0)}-QĐ/ĐU"
            ceremony = weekday_on_or_after(admission.day + timedelta(days=rng.randint(8, 20)))
            member.ceremony_on = ceremony if ceremony <= date(2025, 12, 31) else None
            members.append(member)
        members.sort(key=lambda m: (m.cell, m.admitted_on, m.full_name))
        write_csv(out / file, MEMBER_HEADERS, member_rows(members))
    write_csv(
        out / "quotas_2025.csv",
        ["org", "year", "target", "residential_target", "stretch_target", "milestones"],
        restructure_2025.quota_rows(units),
    )
    write_csv(
        out / "restructure_2025.csv", restructure_2025.RESTRUCTURE_HEADERS, restructure_2025.plan_rows(units)
    )
    return len(before) + len(after)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--out", type=Path, default=HERE / "moncai", help="where to write (sample_data/moncai)"
    )
    args = parser.parse_args(argv)
    figures = generate(args.out)
    print(", ".join(f"{key} {value}" for key, value in figures.items()))


if __name__ == "__main__":
    main()
