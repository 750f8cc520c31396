"""`guigym run` / `guigym view` bad input: one line on stderr, exit code 2, nothing run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from guigym.tasks import list_tasks, load_task


def _guigym(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "guigym.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env=None if env is None else {**os.environ, **env},
    )


def _one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.fixture(scope="module")
def demo_task() -> str:
    return list_tasks("demo")[0]


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (
            ["--agent", "randm", "--suite", "demo"],
            ["unknown agent 'randm'", "did you mean 'random'"],
        ),
        (["--agent", "random", "--suite", "dmeo"], ["unknown suite 'dmeo'", "'demo'"]),
        (["--agent", "random", "--agent-arg", "sed=1", "--suite", "demo"], ["'sed'", "'seed'"]),
        (["--agent", "random", "--agent-arg", "seed", "--suite", "demo"], ["key=value"]),
        (["--agent", "random"], ["--suite"]),
        (["--agent", "random", "--suite", "demo", "--seeds", "0"], ["--seeds"]),
        (["--agent", "random", "--suite", "demo", "--start-subtask", "x"], ["'all'"]),
        (["--agent", "random", "--suite", "demo", "--backend", "spark"], ["local or ray"]),
        (["--agent", "random", "--suite", "demo", "--provider", "k8s"], ["local or docker"]),
    ],
)
def test_bad_input_is_one_line_exit_2(args: list[str], needles: list[str], tmp_path: Path) -> None:
    result = _guigym("run", *args, "--out", str(tmp_path / "out"))
    _one_line_error(result, *needles)
    assert not (tmp_path / "out" / "results.jsonl").exists()


def test_docker_provider_without_an_engine_fails_before_any_episode(tmp_path: Path) -> None:
    result = _guigym(
        "run", "--agent", "oracle", "--suite", "demo", "--provider", "docker",
        "--out", str(tmp_path / "out"),
        env={"DOCKER_HOST": f"unix://{tmp_path}/no-engine.sock"},
    )  # fmt: skip
    _one_line_error(result, "no Docker engine answers", "ensure_dockerd.sh")
    assert not (tmp_path / "out" / "results.jsonl").exists()


def test_unknown_task_gets_did_you_mean(demo_task: str, tmp_path: Path) -> None:
    typo = demo_task[:-1]
    _one_line_error(
        _guigym("run", "--agent", "random", "--task", typo, "--out", str(tmp_path)),
        f"unknown task {typo!r}",
        "did you mean",
    )


def test_out_of_range_start_subtask(demo_task: str, tmp_path: Path) -> None:
    n = len(load_task(demo_task).subtasks)
    result = _guigym(
        "run", "--agent", "random", "--task", demo_task, "--start-subtask", str(n),
        "--out", str(tmp_path),
    )  # fmt: skip
    _one_line_error(result, f"--start-subtask {n} is out of range", demo_task)


def test_unwritable_out(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = _guigym("run", "--agent", "random", "--suite", "demo", "--out", str(blocker / "x"))
    _one_line_error(result, "not writable")


def test_resume_on_a_different_configuration(demo_task: str, tmp_path: Path) -> None:
    out = tmp_path / "run"
    out.mkdir()
    (out / "config.json").write_text(
        json.dumps({"fingerprint": "0" * 16, "config": {"agent": "oracle"}, "episodes": 1})
    )
    result = _guigym("run", "--agent", "random", "--task", demo_task, "--out", str(out), "--resume")
    _one_line_error(result, "different configuration", "agent: 'oracle' -> 'random'")


def test_ray_missing_says_how_to_install(tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['ray'] = None\n"
        "from guigym.cli import main\n"
        f"sys.exit(main(['run', '--agent', 'random', '--suite', 'demo', '--backend', 'ray',"
        f" '--out', {str(tmp_path)!r}]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    _one_line_error(result, "pip install 'guigym[ray]'")


def test_view_without_a_report(tmp_path: Path) -> None:
    _one_line_error(_guigym("view", str(tmp_path)), "not a guigym run folder")
