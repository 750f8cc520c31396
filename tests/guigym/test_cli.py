"""The CLI front door: help, version, exit codes, one-line errors."""

from __future__ import annotations

import subprocess
import sys

import pytest

from guigym import __version__
from guigym.cli import COMMANDS, main

GROUPS = ["run", "task", "serve", "bench", "images", "view", "list"]


def _guigym(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "guigym.cli", *args], capture_output=True, text=True, timeout=60
    )


def test_help_lists_every_command_group() -> None:
    result = _guigym("--help")
    assert result.returncode == 0, result.stderr
    for group in GROUPS:
        assert f" {group} " in result.stdout, f"{group} missing from --help"


def test_design_command_groups_are_registered() -> None:
    assert set(GROUPS) <= {name for name, _, _ in COMMANDS}


def test_version() -> None:
    result = _guigym("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"guigym {__version__}"


def test_unknown_command_is_one_line_and_exit_2() -> None:
    result = _guigym("frobnicate")
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "frobnicate" in lines[0]
    assert "Traceback" not in result.stderr


def test_unknown_option_is_one_line_and_exit_2() -> None:
    result = _guigym("--no-such-flag")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("group", GROUPS)
def test_every_group_answers_help_without_traceback(group: str) -> None:
    result = _guigym(group, "--help")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_main_returns_exit_code_instead_of_exiting() -> None:
    assert main(["--version"]) == 0
    assert main(["frobnicate"]) == 2


def test_guigym_error_from_a_command_is_one_line_exit_2(capsys: pytest.CaptureFixture) -> None:
    from guigym.cli import app
    from guigym.errors import ConfigError

    @app.command("_raise_for_test", hidden=True)
    def _raise() -> None:
        raise ConfigError("expected a suite name, got ''")

    try:
        assert main(["_raise_for_test"]) == 2
    finally:
        app.registered_commands = [
            c for c in app.registered_commands if c.name != "_raise_for_test"
        ]
    err = capsys.readouterr().err.strip()
    assert err == "error: expected a suite name, got ''"
