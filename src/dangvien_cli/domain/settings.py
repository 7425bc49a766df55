"""Thresholds and choices that officers may need to change without touching code.

Defaults come from ../shared/domain.md. Facts marked "(confirm)" there live here, not in the rules.
A TOML file (``DANGVIEN_SETTINGS``, else ``settings.toml`` in the user's config folder) overrides any of
them by name; unknown names are refused so that a typo is not silently ignored. Two tables are read too::

    [calendar]
    extra = "ngay-nghi-tinh.toml"   # a local calendar file (beside the settings file): domain.calendar
    [dossier]
    extra = "ho-so-them.toml"       # local papers for the admission dossier: domain.dossier_list
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from dangvien_cli.domain.calendar import WorkCalendar, load_calendar
from dangvien_cli.errors import InvalidValue


@dataclass(frozen=True)
class Settings:
    """All tunable thresholds, with the defaults in force as far as known."""

    min_admission_age_years: int = 18
    max_admission_age_years: int = 60
    min_official_members_per_org: int = 3
    certificate_valid_months: int = 60  # Hướng dẫn 12-HD/BTCTW: the class certificate is valid 5 years
    introducer_min_months_together: int = 12
    youth_union_max_age_years: int = 30  # Youth Union age: the committee may stand in for one introducer
    probation_months: int = 12
    decision_deadline_working_days: int = 60  # Quy định 294-QĐ/TW point 4.3.1
    decision_extension_max_working_days: int = 30  # … which may be extended by at most this
    ceremony_deadline_working_days: int = 30  # point 4.1, from the day the decision is received
    recognition_deadline_working_days: int = 30  # point 4.2a
    readmission_wait_months: int = 36  # point 3.5.1b: months out of the Party before re-admission
    readmission_wait_after_conviction_months: int = 60  # … after a less serious conviction is expunged
    min_education_level: str = "lower_secondary"  # point 1.2: tốt nghiệp THCS or above
    admitted_per_trained_target: float = 70.0  # the pipeline's target: % admitted of those trained
    calendar_extra: str | None = None  # [calendar] extra: a local calendar file on top of the official one
    dossier_extra: str | None = None  # [dossier] extra: a local list of dossier papers (domain.dossier_list)
    tone_order: tuple[str, ...] = ("ngang", "huyen", "hoi", "nga", "sac", "nang")
    age_bands: tuple[int, ...] = (30, 40, 50, 60, 70)  # upper bounds: 18–30, 31–40, …, 71+
    ageing_over_60_percent: float = 50.0  # a cell is flagged as ageing from this share of members over 60
    ageing_average_age: float = 55.0  # … or from this average age
    place_name: str = ""  # the place in a document's date line ("Móng Cái, ngày …"); empty: the date alone


DEFAULT_SETTINGS = Settings()


def settings_path() -> Path:
    """Where the settings file is looked for."""
    explicit = os.environ.get("DANGVIEN_SETTINGS")
    if explicit:
        return Path(explicit)
    import platformdirs

    return Path(platformdirs.user_config_dir("dangvien")) / "settings.toml"


def load_settings(path: Path | None = None) -> Settings:
    """The defaults, overridden by the settings file when there is one."""
    path = path or settings_path()
    if not path.is_file():
        return DEFAULT_SETTINGS
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    known = {f.name for f in fields(Settings)} - set(_TABLES.values())  # those are [calendar] extra…
    overrides: dict[str, object] = {}
    for name, value in data.items():
        if name in _TABLES and isinstance(value, dict):
            overrides.update(_extra_table(name, value, path))
            continue
        if name not in known:
            raise InvalidValue("settings", name, "settings.unknown", path=str(path))
        overrides[name] = tuple(value) if isinstance(value, list) else value
    return replace(DEFAULT_SETTINGS, **overrides)  # type: ignore[arg-type]


# The tables a settings file may hold, each naming a local file (its setting): ``[calendar] extra = "f.toml"``
_TABLES = {"calendar": "calendar_extra", "dossier": "dossier_extra"}


def _extra_table(table_name: str, table: dict[str, object], path: Path) -> dict[str, object]:
    """``[calendar] extra = "file.toml"`` (a local calendar), ``[dossier] extra = "file.toml"`` (local
    dossier papers): the file's path, relative to the settings file."""
    for name in table:
        if name != "extra":
            raise InvalidValue("settings", f"{table_name}.{name}", "settings.unknown", path=str(path))
    extra = table.get("extra")
    if extra is None:
        return {}
    if not isinstance(extra, str) or not extra.strip():
        raise InvalidValue("settings", f"{table_name}.extra", "settings.unknown", path=str(path))
    return {_TABLES[table_name]: str((path.parent / extra).resolve())}


def calendar_of(settings: Settings) -> WorkCalendar:
    """The calendar of working days the settings call for: the official one, with the local file on top."""
    return load_calendar(settings.calendar_extra)
