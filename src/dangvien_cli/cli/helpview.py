"""The ``--help`` page of every command, in the run's language, and the usage line that errors repeat.

Typer's own page (``typer.rich_utils``) prints its headings and notes in English, shows a flag as
``<bool>`` and a text as ``<str>``, writes required arguments as ``{code}``, and gives an option's help
whatever its six columns leave, down to 17 characters at 80 columns. This page keeps Typer's look (a
usage line, the help, then framed lists of arguments, options and commands) with:

- the words in the run's language (``Cách dùng``, ``Tùy chọn``, ``[mặc định: …]``, ``[bắt buộc]``…);
- two columns: an option's names with its placeholder (``--cell MÃ``; a flag has none), then its help, which
  keeps at least two thirds of the width (a long name wraps instead);
- a default shown as people type it: a choice's label in Vietnamese (``[mặc định: Khác]``), its code in
  English.

rich is imported here, and this module only when a help page is shown.
"""

from __future__ import annotations

import inspect
import io
import os
import sys
import textwrap
from enum import Enum
from typing import Any

from dangvien_cli.domain.vocab import Vocabulary
from dangvien_cli.messages import t

# Options that Click and Typer add themselves, with English help: their help in the catalogue.
BUILT_IN_HELP = {
    "help": "cli.help_option",
    "install_completion": "cli.install_completion",
    "show_completion": "cli.show_completion",
}
NAMES_SHARE = 3  # the names column takes at most a third of the width; the help keeps the rest


def usage_line(command: Any, ctx: Any, lang: str) -> str:
    """``Cách dùng: dangvien org add [TÙY_CHỌN] MÃ TÊN``: the command, then what it takes."""
    pieces = [ctx.command_path]
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    if any(p.param_type_name == "option" for p in params):
        pieces.append(t("cli.options_metavar", lang))
    for param in params:
        if param.param_type_name == "argument":
            name = placeholder(param)
            name = name if param.required else f"[{name}]"
            pieces.append(name + ("..." if param.nargs != 1 else ""))
    if hasattr(command, "commands"):
        pieces.append(t("cli.command_metavar", lang))
    return f"{t('cli.usage', lang)}: {' '.join(pieces)}"


def placeholder(param: Any) -> str:
    """What stands for a parameter's value: its placeholder in the run's language (``MÃ``), else its
    name in capitals."""
    return str(param.metavar or param.name or "").upper()


def param_help(param: Any, lang: str) -> str:
    """An option's or argument's help (Click's and Typer's own options in the run's language too)."""
    key = BUILT_IN_HELP.get(param.name or "")
    if key is not None and param.param_type_name == "option":
        return t(key, lang)
    return inspect.cleandoc(param.help or "").replace("\n", " ")


def default_text(param: Any, ctx: Any, lang: str) -> str | None:
    """The default as the help shows it, or ``None`` when it shows none."""
    if isinstance(param.show_default, str):
        return param.show_default
    if not (param.show_default or ctx.show_default):
        return None
    value = param._extract_default_help_str(ctx=ctx)
    if value is None or callable(value) or value in ((), []):
        return None
    if getattr(param, "is_bool_flag", False):
        if not param.secondary_opts:
            return None
        return str(param.opts[0] if value else param.secondary_opts[0])
    if isinstance(value, Vocabulary):
        return value.label(lang) if lang == "vi" else value.value
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or None
    return str(value)


def notes(param: Any, ctx: Any, lang: str) -> list[str]:
    """What follows an option's help, in brackets: its environment variable, default, bounds, whether it
    may be repeated, whether it is required."""
    out: list[str] = []
    envvar = getattr(param, "envvar", None)
    if envvar and getattr(param, "show_envvar", False):
        out.append(t("cli.envvar", lang, name=envvar if isinstance(envvar, str) else ", ".join(envvar)))
    default = default_text(param, ctx, lang)
    if default:
        out.append(t("cli.default", lang, value=default))
    if getattr(param, "min", None) is not None and not getattr(param, "count", False):
        out.append(t("cli.at_least", lang, min=param.min))
    if getattr(param, "max", None) is not None:
        out.append(t("cli.at_most", lang, max=param.max))
    if getattr(param, "multiple", False):
        out.append(t("cli.repeatable", lang))
    if param.required:
        out.append(t("cli.required", lang))
    return [f"[{note}]" for note in out]


def names(param: Any) -> str:
    """An option's names and placeholder (``-f, --format DẠNG``, ``--youth-union / --no-youth-union``), or
    an argument's placeholder."""
    if param.param_type_name == "argument":
        return placeholder(param)
    shorts = [o for o in param.opts if not o.startswith("--")]
    longs = [o for o in param.opts if o.startswith("--")]
    text = ", ".join([*shorts, *longs])
    if param.secondary_opts:
        text += " / " + ", ".join(param.secondary_opts)
    if not param.is_flag and param.metavar:
        text += f" {placeholder(param)}"
    return text


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in inspect.cleandoc(text).partition("\f")[0].split("\n\n") if p.strip()]


def help_page(command: Any, ctx: Any, lang: str) -> str:
    """The whole ``--help`` page of ``command``, as text (with colour codes where the output is a terminal;
    Click takes them out otherwise)."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    console = _console()
    console.print(Padding(Text(usage_line(command, ctx, lang), style="bold"), 1))
    paragraphs = _paragraphs(command.help or "")
    if paragraphs:
        texts = [Text(paragraphs[0])]
        for paragraph in paragraphs[1:]:
            texts += [Text(""), Text(paragraph, style="dim")]
        console.print(Padding(Group(*texts), (0, 1, 1, 1)))
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    for kind, title in (("argument", "cli.arguments"), ("option", "cli.options")):
        rows = [p for p in params if p.param_type_name == kind]
        if rows:
            console.print(_params_panel(t(title, lang), rows, ctx, lang, console.width))
    if hasattr(command, "list_commands"):
        listed = [(name, command.get_command(ctx, name)) for name in command.list_commands(ctx)]
        shown = [(name, sub) for name, sub in listed if sub is not None and not sub.hidden]
        if shown:
            console.print(_commands_panel(t("cli.commands", lang), shown))
    file = console.file
    assert isinstance(file, io.StringIO)
    return file.getvalue()


def _console() -> Any:
    """A console writing into a string, as wide as the terminal (``COLUMNS``), in colour only where the
    output is a terminal. Typer's settings apply as they do to its own help (``TERMINAL_WIDTH``,
    ``FORCE_COLOR``…; or ``typer.rich_utils``'s, where a caller has set them), without importing
    ``typer.rich_utils``, which costs a help page a third of its start-up (it loads Markdown)."""
    from rich.console import Console

    typer_settings = sys.modules.get("typer.rich_utils")
    if typer_settings is not None:
        width = typer_settings.MAX_WIDTH
        forced = typer_settings.FORCE_TERMINAL
        colours = typer_settings.COLOR_SYSTEM
    else:
        terminal_width = os.environ.get("TERMINAL_WIDTH")
        width = int(terminal_width) if terminal_width and terminal_width.isdigit() else None
        forced = (
            True if any(os.environ.get(v) for v in ("GITHUB_ACTIONS", "FORCE_COLOR", "PY_COLORS")) else None
        )
        if os.environ.get("_TYPER_FORCE_DISABLE_TERMINAL"):
            forced = False
        colours = "auto"
    return Console(
        file=io.StringIO(),
        width=width,
        color_system=colours,
        force_terminal=forced if forced is not None else sys.stdout.isatty(),
        highlight=False,
    )


def _params_panel(title: str, params: list[Any], ctx: Any, lang: str, width: int) -> Any:
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    starred = any(p.required for p in params)
    table = Table(show_header=False, box=None, expand=True, pad_edge=False, padding=(0, 1))
    if starred:
        table.add_column(no_wrap=True, width=1, style="red")
    widest = max(len(names(p)) for p in params)
    names_width = max(16, min(widest, (width - 4) // NAMES_SHARE))
    table.add_column(style="bold cyan", max_width=names_width)
    table.add_column(ratio=1)
    # The help column: the panel's frame and padding (4), the star's column and its gap (2), the names'
    # padding on both sides and the help's on its left (3).
    help_width = width - 4 - (2 if starred else 0) - min(widest, names_width) - 3
    for param in params:
        text = param_help(param, lang)
        remark = " ".join(notes(param, ctx, lang))
        help_text = Text(text)
        if remark:  # after the help, or on a line of its own: a wrap never cuts "[mặc định: Khác]" in two
            last = textwrap.wrap(text, help_width)[-1] if text else ""
            help_text.append(" " if text and len(last) + 1 + len(remark) <= help_width else "\n" * bool(text))
            help_text.append(remark, style="dim")
        cells = [Text(names(param)), help_text]
        table.add_row(*(["*" if param.required else "", *cells] if starred else cells))
    return Panel(table, title=title, title_align="left", border_style="dim")


def _commands_panel(title: str, commands: list[tuple[str, Any]]) -> Any:
    from rich.panel import Panel
    from rich.table import Table

    table = Table(show_header=False, box=None, expand=True, pad_edge=False, padding=(0, 1))
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column(ratio=1)
    for name, sub in commands:
        paragraphs = _paragraphs(sub.short_help or sub.help or "")
        table.add_row(name, paragraphs[0] if paragraphs else "")
    return Panel(table, title=title, title_align="left", border_style="dim")
