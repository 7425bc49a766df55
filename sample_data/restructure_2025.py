"""The sample city's 2025: its quotas, its admissions, and the reorganisation of 1 July 2025.

Shaped like the real one (Hướng dẫn 31-HD/BTCTW of 23/4/2025: the district level ends, commune-level
committees are merged into new ones from 1 July 2025), not a copy of any decision: the city committee MC
ends; its 17 wards and communes are merged into six new ward and commune committees, which sit at the top of
this database (the province above them is not in it); the city's other base organisations move to the top
too; several residential cells are merged (two by two, one three into one, one into a cell that stays), and
a few cells are renamed after their new ward.

Files (written by ``generate.py`` beside the 2022 lists, from a seed of their own so that the 2022 files do
not change):
- ``quotas_2025.csv``: the 2025 plan of the city and of each old ward (before the change);
- ``members_2025_before.csv``: admissions from January to June 2025, in the old cells;
- ``restructure_2025.csv``: the plan, with Vietnamese headers, for ``dangvien import restructure``;
- ``members_2025_after.csv``: admissions from July to December 2025, in the cells of the new tree.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

ON = date(2025, 7, 1)
SEED = 2025

# (new code, name, old wards merged into it)
NEW_WARDS: list[tuple[str, str, list[str]]] = [
    ("MC1", "Đảng bộ phường Móng Cái 1", ["TP", "KL", "ND", "HL"]),
    ("MC2", "Đảng bộ phường Móng Cái 2", ["HH", "BN", "TC"]),
    ("MC3", "Đảng bộ phường Móng Cái 3", ["HY", "HX"]),
    ("HSN", "Đảng bộ xã Hải Sơn", ["HS", "BS"]),
    ("HNI", "Đảng bộ xã Hải Ninh", ["HD", "HT", "QN", "VN"]),
    ("VTC", "Đảng bộ xã Vĩnh Thực", ["VT", "VTH"]),
]
# (cells merged, into, new name (None: into a cell that stays), new ward)
CELL_MERGES: list[tuple[list[str], str, str | None, str]] = [
    (["TP-K1", "TP-K2"], "MC1-TP1", "Chi bộ khu Trần Phú 1", "MC1"),
    (["TP-K3", "TP-K4", "TP-K5"], "MC1-TP2", "Chi bộ khu Trần Phú 2", "MC1"),
    (["KL-K1", "KL-K2"], "MC1-KL1", "Chi bộ khu Ka Long 1", "MC1"),
    (["ND-K1", "ND-K2"], "MC1-ND1", "Chi bộ khu Ninh Dương 1", "MC1"),
    (["HH-K1", "HH-K2"], "MC2-HH1", "Chi bộ khu Hải Hòa 1", "MC2"),
    (["BS-T1", "BS-T2"], "HSN-BS1", "Chi bộ thôn Bắc Sơn 1", "HSN"),
    (["VTH-T1", "VTH-T2"], "VTC-VTH1", "Chi bộ thôn Vĩnh Thực 1", "VTC"),
    (["HX-K8"], "HX-K7", None, "MC3"),
]
RENAMES: list[tuple[str, str]] = [
    ("TP-CQ", "Chi bộ cơ quan khối Trần Phú, phường Móng Cái 1"),
    ("ND-HP", "Chi bộ khu Hồng Phong, phường Móng Cái 1"),
    ("TC-K1", "Chi bộ khu Hồng Hải, phường Móng Cái 2"),
]
RESTRUCTURE_HEADERS = [
    "STT",
    "Hành động",
    "Mã tổ chức",
    "Sáp nhập vào",
    "Tên",
    "Loại",
    "Cấp trên",
    "Địa bàn",
    "Ngày",
]
ACTIONS = {"merge": "Sáp nhập", "move": "Chuyển cấp trên", "rename": "Đổi tên", "close": "Giải thể"}

ADMITTED_BEFORE = 44  # January to June 2025, in the old cells
ADMITTED_AFTER = 58  # July to December 2025, in the new tree
CITY_TARGET_2025 = 190


def plan_rows(units: list[Any]) -> list[dict[str, object]]:
    """The plan, one change a line, in the order it applies."""
    day = f"{ON.day}/{ON.month}/{ON.year}"
    rows: list[dict[str, object]] = []

    def add(
        action: str, code: str, target: str = "", name: str = "", kind: str = "", parent: str = ""
    ) -> None:
        place = "Thôn, khu, tổ dân phố" if kind == "Chi bộ" else ""  # the new cells are residential
        rows.append(
            {
                "STT": len(rows) + 1,
                "Hành động": ACTIONS[action],
                "Mã tổ chức": code,
                "Sáp nhập vào": target,
                "Tên": name,
                "Loại": kind,
                "Cấp trên": parent,
                "Địa bàn": place,
                "Ngày": day,
            }
        )

    for code, name, wards in NEW_WARDS:
        add("merge", ", ".join(wards), code, name, "Tổ chức cơ sở đảng")
    for cells, target, name, ward in CELL_MERGES:
        if name is None:
            add("merge", ", ".join(cells), target)
        else:
            add("merge", ", ".join(cells), target, name, "Chi bộ", ward)
    for code, name in RENAMES:
        add("rename", code, name=name)
    wards = {w for _, _, old in NEW_WARDS for w in old}
    for unit in units:
        if unit.parent == "MC" and unit.code not in wards:
            add("move", unit.code, parent="-")
    add("close", "MC")
    return rows


@dataclass(frozen=True)
class Admission:
    cell: str
    day: date


def _cells_after(units: list[Any]) -> list[tuple[str, str]]:
    """(code, place) of the cells that hold members after the change."""
    merged = {c for cells, _t, _n, _w in CELL_MERGES for c in cells}
    kept = [(u.code, u.place) for u in units if u.holds and u.code not in merged]
    made = [(target, "residential") for _c, target, name, _w in CELL_MERGES if name is not None]
    return sorted(kept + made)


def _days(rng: random.Random, count: int, first: date, last: date) -> list[date]:
    days = []
    for _ in range(count):
        day = first + timedelta(days=rng.randint(0, (last - first).days))
        while day.weekday() >= 5:
            day += timedelta(days=1)
        days.append(min(day, last))
    return sorted(days)


def admissions(units: list[Any]) -> tuple[list[Admission], list[Admission]]:
    """Where and when the 2025 admissions were decided: (before the change, after it)."""
    rng = random.Random(SEED)  # noqa: S311  (made-up sample data, seeded to be the same every run)
    before_cells = [u.code for u in units if u.holds]
    after_cells = [code for code, _place in _cells_after(units)]
    weights_before = [3 if u.place == "residential" else 1 for u in units if u.holds]
    places = dict(_cells_after(units))
    weights_after = [3 if places[c] == "residential" else 1 for c in after_cells]
    before = [
        Admission(rng.choices(before_cells, weights_before)[0], day)
        for day in _days(rng, ADMITTED_BEFORE, date(2025, 1, 6), date(2025, 6, 27))
    ]
    after = [
        Admission(rng.choices(after_cells, weights_after)[0], day)
        for day in _days(rng, ADMITTED_AFTER, date(2025, 7, 7), date(2025, 12, 22))
    ]
    return before, after


def quota_rows(units: list[Any]) -> list[dict[str, object]]:
    """The 2025 plan: the city's and each old ward's (set before the change; the new wards carry them)."""
    rng = random.Random(SEED + 1)  # noqa: S311  (made-up sample data, seeded)
    bases = sorted((u for u in units if u.kind == "base"), key=lambda u: u.code)
    rows: list[dict[str, object]] = [
        {
            "org": "MC",
            "year": 2025,
            "target": CITY_TARGET_2025,
            "residential_target": 80,
            "stretch_target": 260,
            "milestones": "2025-Q2=70; 2025-Q3=130",
        }
    ]
    wards = {w for _, _, old in NEW_WARDS for w in old}
    for base in bases:
        if base.code in wards:
            target = rng.randint(6, 14)
            rows.append(
                {
                    "org": base.code,
                    "year": 2025,
                    "target": target,
                    "residential_target": round(target * 0.6),
                    "stretch_target": "",
                    "milestones": "",
                }
            )
    return rows
