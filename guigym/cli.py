"""The ``guigym`` command line: one Typer app, one module per command group.

Each command group lives in ``guigym/commands/<name>.py`` and exposes either ``app`` (a Typer
group) or ``command`` (a single command function). Errors are one line on stderr with exit code
2 for usage problems, never a traceback.
"""

from __future__ import annotations

import importlib
import sys

import typer

from guigym._version import __version__
from guigym.commands._common import EXIT_USAGE, err_console
from guigym.errors import GuigymError

try:  # Typer >= 0.20 vendors click; its exceptions are not click's own.
    from typer._click import exceptions as _cli_exc
except ImportError:  # pragma: no cover - older Typer on plain click
    from click import exceptions as _cli_exc

app = typer.Typer(
    name="guigym",
    help="Gymnasium environments for GUI agents: real sites, a real desktop, verified subtasks.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

#: (command name, module, help) in the order ``--help`` lists them.
COMMANDS: list[tuple[str, str, str]] = [
    ("run", "run", "Run an agent over suites/tasks in parallel; write results and a report."),
    ("task", "task", "Author tasks: new (scaffold), lint (schema), check (prove solvable)."),
    ("serve", "serve", "Start sites locally and print their URLs and logins."),
    ("bench", "bench", "Measure reset/step/observation speed; prints JSON."),
    ("images", "images", "Build and prune the Docker images."),
    ("view", "view", "Serve a run's report and trajectory viewer."),
    ("list", "listing", "List suites and tasks."),
    ("play", "play", "Play a task yourself in a local page (records a demonstration)."),
]


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"guigym {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", "-V", callback=_version_callback, is_eager=True, help="Show version."
    ),
) -> None:
    """Gymnasium environments for GUI agents."""


def _wire() -> None:
    for name, module_name, help_text in COMMANDS:
        module = importlib.import_module(f"guigym.commands.{module_name}")
        if hasattr(module, "app"):
            app.add_typer(module.app, name=name, help=help_text)
        else:
            app.command(name, help=help_text, **getattr(module, "COMMAND_SETTINGS", {}))(
                module.command
            )


_wire()


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``guigym`` script; returns the exit code."""
    args = sys.argv[1:] if argv is None else argv
    try:
        result = app(args=args, prog_name="guigym", standalone_mode=False)
    except _cli_exc.NoArgsIsHelpError:  # Typer has already printed the help
        return 0
    except _cli_exc.UsageError as exc:
        where = f"guigym {exc.ctx.command_path.partition(' ')[2]}".strip() if exc.ctx else "guigym"
        err_console.print(
            f"[bold red]error:[/] {exc.format_message()} (see `{where} --help`)", soft_wrap=True
        )
        return EXIT_USAGE
    except typer.Abort:
        err_console.print("aborted")
        return 130
    except typer.Exit as exc:
        return exc.exit_code
    except GuigymError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", soft_wrap=True)
        return EXIT_USAGE
    # With standalone_mode=False, click returns a command's exit code instead of raising.
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
