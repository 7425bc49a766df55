"""Thresholds and choices that officers may need to change without touching code.

Defaults come from ../shared/domain.md. Facts marked "(confirm)" there live here, not in the rules.
A TOML file (``DANGVIEN_SETTINGS``, else ``settings.toml`` in the user's config folder) overrides any of
them by name; unknown names are refused so that a typo is not silently ignored.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from dangvien_cli.errors import InvalidValue


@dataclass(frozen=True)
class Settings:
    """All tunable thresholds, with the defaults in force as far as known."""

    min_admission_age_years: int = 18
    max_admission_age_years: int = 60
    min_official_members_per_org: int = 3
    certificate_valid_months: int = 60  # (confirm)
    introducer_min_months_together: int = 12
    youth_union_max_age_years: int = 30  # Youth Union age: the committee may stand in for one introducer
    probation_months: int = 12
    decision_deadline_working_days: int = 60  # (confirm)
    ceremony_deadline_working_days: int = 30
    recognition_deadline_working_days: int = 30
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
    known = {f.name: f for f in fields(Settings)}
    overrides: dict[str, object] = {}
    for name, value in data.items():
        if name not in known:
            raise InvalidValue("settings", name, "settings.unknown", path=str(path))
        overrides[name] = tuple(value) if isinstance(value, list) else value
    return replace(DEFAULT_SETTINGS, **overrides)  # type: ignore[arg-type]
