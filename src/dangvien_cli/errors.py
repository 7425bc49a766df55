"""The library's own exceptions.

Domain and data code raise these with a message *key* and parameters; the CLI edge renders them in the
user's language with :func:`dangvien_cli.messages.render_error` (one place, one exit code), so the library
never formats user-facing text itself. This module imports nothing of the project: it is the bottom layer.
"""

from __future__ import annotations


class DangvienError(Exception):
    """Base class: a known problem with a message key from the catalogue and its parameters."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key, params)
        self.key = key
        self.params = params

    def __str__(self) -> str:  # for logs; people read messages.render_error(error, lang)
        params = ", ".join(f"{name}={value!r}" for name, value in self.params.items())
        return f"{self.key} ({params})" if params else self.key


class InvalidValue(DangvienError):
    """A value the user typed or imported is refused. Names the field and the value."""

    def __init__(self, field: str, value: object, reason: str, **params: object) -> None:
        super().__init__(reason, field=field, value=value, **params)
        self.field = field
        self.value = value


class NotFound(InvalidValue):
    """A code or ID that names nothing in the database."""


class Conflict(InvalidValue):
    """The value clashes with what is stored (a duplicate, a step out of order)."""
