"""How a refused command tells people and scripts what went wrong: one place for both.

For people, one line on stderr, ``Lỗi: <the field's label> '<value>': <what is wrong>`` in the run's
language (a usage error first repeats the usage line and where to find help). For scripts, with
``--format json``, one JSON object on stderr and nothing else::

    {"error": {"code": "not_found", "field": "cell", "value": "XX", "message": "…"}}

``code`` is a stable English code (the list is in docs/errors.md), ``field`` the field's English key (or,
for a usage error, the option as typed: ``--month``), ``value`` the value as given (JSON's own type where it
has one), ``message`` the line people read, in the run's language. The exit codes do not change: 2 for a
usage error, 1 for a refusal.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import date
from typing import Any

from dangvien_cli.errors import Conflict, DangvienError, InvalidValue, NotFound
from dangvien_cli.messages import render_error, t

EXIT_REFUSED = 1
EXIT_USAGE = 2

# Refusals that are not about one field's value, by their message key.
CODES_BY_KEY = {
    "workflow.rules_failed": "rule_failed",
    "db.busy": "busy",
    "db.no_database": "no_database",
    "db.newer_than_code": "database_too_new",
    "db.foreign_key_check": "database_damaged",
    "db.no_migrations": "broken_install",
    "db.backup_postgres": "unsupported",
    "db.restore_postgres": "unsupported",
    "access.sqlite": "unsupported",
}


@dataclass(frozen=True)
class Failure:
    """A refusal as it is reported: a stable code, the line people read, and what it is about."""

    code: str
    message: str
    field: str | None = None
    value: Any = None
    usage: str | None = None  # a usage error's usage line and pointer to the help, shown to people only

    def as_json(self) -> dict[str, Any]:
        return {
            "error": {
                "code": self.code,
                "field": self.field,
                "value": _json_value(self.value),
                "message": self.message,
            }
        }


def _json_value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def error_code(error: DangvienError) -> str:
    """The stable code of one of the library's refusals (docs/errors.md lists them)."""
    code = CODES_BY_KEY.get(error.key)
    if code is not None:
        return code
    if isinstance(error, NotFound):
        return "not_found"
    if isinstance(error, Conflict):
        return "conflict"
    if isinstance(error, InvalidValue):
        return "invalid_value"
    return "refused"


def refusal(error: DangvienError, lang: str) -> Failure:
    """The failure a library error reports: its message in ``lang``, its field's key and value."""
    return Failure(
        code=error_code(error),
        message=render_error(error, lang),
        field=getattr(error, "field", None),
        value=getattr(error, "value", None),
    )


def report(failure: Failure, lang: str, *, as_json: bool) -> None:
    """Write ``failure`` on stderr: one JSON object for scripts, else the line for people."""
    if as_json:
        sys.stderr.write(json.dumps(failure.as_json(), ensure_ascii=False) + "\n")
        return
    if failure.usage:
        sys.stderr.write(failure.usage + "\n")
    sys.stderr.write(f"{t('error.prefix', lang)}: {failure.message}\n")
