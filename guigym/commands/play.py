"""`guigym play TASK`: play a task yourself in a local page; the episode is recorded like a run.

The env runs in this process's main thread (Playwright stays on the thread that created it); the
page is served from a thread by the ``human`` agent. The episode goes through the runner's own
code (``EpisodeRunner`` + the driver loop + ``RunStore`` + the report), so ``--out`` holds the
same files as ``guigym run`` writes: config.json, results.jsonl, episodes/<..>/steps.jsonl with a
JPEG per step, summary.json and report.html. Such a folder is a demonstration.
"""

from __future__ import annotations

import dataclasses
import json
import time
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

from guigym.commands._common import fail
from guigym.errors import ConfigError, GuigymError

__all__ = ["command"]

_out = Console(highlight=False)


class _InlineBackend:
    """The driver's backend protocol, running the one episode right here, in the main thread."""

    def __init__(self, runner: Any) -> None:
        self.runner = runner
        self._events: list[tuple[str, int, Any]] = []

    def start(self) -> None:
        """Nothing to start: the runner is ready."""

    def idle_slots(self) -> list[int]:
        return [0]

    def submit(self, slot: int, spec: Any, ep_dir: str, timeout: float | None) -> None:
        outcome = self.runner.run(spec, Path(ep_dir), timeout=timeout)
        self._events.append(("done", slot, outcome))

    def poll(self, timeout: float) -> list[tuple[str, int, Any]]:
        events, self._events = self._events, []
        return events

    def kill(self, slot: int) -> None:
        """Nothing to kill: the episode has already returned when the driver looks."""

    def close(self, force: bool = False) -> None:
        """The runner is closed by the command."""


def _last_screenshot(ep_dir: Path) -> bytes | None:
    try:
        lines = (ep_dir / "steps.jsonl").read_text(encoding="utf-8").splitlines()
        name = json.loads(lines[-1]).get("screenshot") if lines else None
        return (ep_dir / name).read_bytes() if name else None
    except (OSError, ValueError):
        return None


def command(
    task: str = typer.Argument(..., help="Task id, e.g. demo.add-to-cart."),
    seed: int = typer.Option(0, "--seed", help="Seed of the episode (params, data)."),
    out: Path = typer.Option(
        None, "--out", help="Output folder (default runs/play-<task>-<time>)."
    ),
    port: int = typer.Option(0, "--port", help="Port of the page on 127.0.0.1 (0: any free)."),
    start_subtask: int = typer.Option(0, "--start-subtask", help="Start at subtask k."),
    max_steps: int = typer.Option(None, "--max-steps", help="Override the task's max_steps."),
    provider: str = typer.Option("local", "--provider", help="local | docker"),
    open_browser: bool = typer.Option(False, "--open", help="Open the page in a web browser."),
    timeout: float = typer.Option(3600.0, "--timeout", help="Seconds for the whole episode."),
) -> None:
    """Play a task yourself in a local page (records a demonstration)."""
    from guigym.runner import RunConfig, RunStore, build_plan
    from guigym.runner.driver import execute, finalize
    from guigym.runner.worker import EpisodeRunner

    try:
        if provider not in ("local", "docker"):
            raise ConfigError(f"--provider expects local or docker, got {provider!r}")
        if seed < 0:
            raise ConfigError(f"--seed expects a number >= 0, got {seed}")
        if timeout <= 0:
            raise ConfigError(f"--timeout expects seconds > 0, got {timeout}")
        if not 0 <= port <= 65535:
            raise ConfigError(f"--port expects 0..65535, got {port}")
        config = RunConfig(
            agent="human",
            agent_args={},
            tasks=(task,),
            start_subtask=str(start_subtask),
            max_steps=max_steps,
            retries=0,
            provider=provider,
            timeout=timeout,
        )
        specs = [dataclasses.replace(s, seed=seed) for s in build_plan(config)]
        if out is None:
            stamp = time.strftime("%Y%m%d-%H%M%S")
            out = Path("runs") / f"play-{task}-{stamp}"
        store = RunStore.open(out, config, specs)
        runner = EpisodeRunner(
            "human",
            {"port": port, "open_browser": open_browser, "idle_timeout": timeout},
            obs=config.obs,
            provider=provider,
            max_steps=max_steps,
        )
    except ConfigError as exc:
        raise fail(str(exc)) from None
    agent = runner.agent
    try:
        try:
            url = agent.start()
        except GuigymError as exc:
            raise fail(str(exc)) from None
        _out.print(f"guigym play: {task} (seed {seed}); open {url}", soft_wrap=True)
        _out.print("starting the env...")
        started = time.time()
        try:
            execute(config, specs, store, backend=_InlineBackend(runner))
        except KeyboardInterrupt:
            _out.print("interrupted: nothing recorded")
            raise typer.Exit(130) from None
        outcome = finalize(config, specs, store, started=started)
        record = store.results()[-1]
        agent.episode_over(
            {**record, "saved": str(store.root)},
            _last_screenshot(store.root / record["trajectory"]),
        )
        verdict = "error: " + str(record["error"]) if record.get("error") else (
            "success" if record.get("success") else "not completed"
        )  # fmt: skip
        _out.print(
            f"done: {verdict}, completion {record.get('completion', 0):.2f}, "
            f"{record.get('steps', 0)} steps -> {store.root}"
        )
        _out.print(f"report: {outcome.report}")
    finally:
        runner.close()
