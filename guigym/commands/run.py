"""`guigym run`: run an agent over suites/tasks in parallel; write results and a report.

Everything a user can get wrong is checked before any worker starts (unknown agent, suite or
task, out-of-range start subtask, unwritable --out, --resume on another configuration): one line
on stderr and exit code 2.
"""

from __future__ import annotations

import time
from pathlib import Path

import typer
from rich.markup import escape

from guigym.commands._common import fail
from guigym.errors import ConfigError

__all__ = ["command"]


def command(
    agent: str = typer.Option(..., "--agent", help="Agent name or module:Class."),
    agent_arg: list[str] = typer.Option(
        [], "--agent-arg", help="Agent option key=value (repeatable)."
    ),
    suite: list[str] = typer.Option([], "--suite", help="Suite to run (repeatable)."),
    task: list[str] = typer.Option([], "--task", help="Task id to run (repeatable)."),
    seeds: int = typer.Option(1, "--seeds", help="Seeds per task: 0..N-1."),
    start_subtask: str = typer.Option(
        "0", "--start-subtask", help="Start at subtask k, or 'all' for the SR@k curve."
    ),
    jobs: int = typer.Option(1, "-j", "--jobs", help="Worker processes (or Ray actors)."),
    provider: str = typer.Option("local", "--provider", help="local | docker"),
    backend: str = typer.Option("local", "--backend", help="local | ray"),
    address: str = typer.Option(None, "--address", help="Ray cluster address."),
    out: Path = typer.Option(None, "--out", help="Output folder (default runs/<agent>-<time>)."),
    resume: bool = typer.Option(False, "--resume", help="Finish a killed run in --out."),
    max_steps: int = typer.Option(None, "--max-steps", help="Override every task's max_steps."),
    retries: int = typer.Option(1, "--retries", help="Retries of an errored episode."),
    timeout: float = typer.Option(
        600.0, "--timeout", help="Seconds for an attempt's steps (after its reset)."
    ),
) -> None:
    """Run an agent over suites/tasks in parallel; write results and a report."""
    from guigym.agents import make_agent
    from guigym.runner import RunConfig, RunProgress, RunStore, build_plan, parse_agent_args
    from guigym.runner.driver import execute, finalize

    try:
        if provider not in ("local", "docker"):
            raise ConfigError(f"--provider expects local or docker, got {provider!r}")
        if provider == "docker":
            try:
                import guigym.envs.providers.docker  # noqa: F401
            except ImportError:
                raise ConfigError(
                    "--provider docker is not available in this install; use --provider local"
                ) from None
        if backend not in ("local", "ray"):
            raise ConfigError(f"--backend expects local or ray, got {backend!r}")
        if address and backend != "ray":
            raise ConfigError("--address only makes sense with --backend ray")
        if timeout <= 0:
            raise ConfigError(f"--timeout expects seconds > 0, got {timeout}")
        args = parse_agent_args(agent_arg)
        config = RunConfig(
            agent=agent,
            agent_args=args,
            suites=tuple(suite),
            tasks=tuple(task),
            seeds=seeds,
            start_subtask=start_subtask.strip().lower(),
            max_steps=max_steps,
            retries=retries,
            jobs=jobs,
            provider=provider,
            backend=backend,
            address=address,
            timeout=timeout,
        )
        close = getattr(make_agent(agent, **args), "close", None)  # validates name and options
        if callable(close):
            close()
        specs = build_plan(config)
        if provider == "docker":
            _docker_preflight({s.env for s in specs})
        if backend == "ray":
            from guigym.runner.ray_backend import require_ray

            require_ray()
        if out is None:
            if resume:
                raise ConfigError("--resume needs the --out folder of the run to finish")
            stamp = time.strftime("%Y%m%d-%H%M%S")
            out = Path("runs") / f"{agent.replace(':', '_').replace('.', '_')}-{stamp}"
        store = RunStore.open(out, config, specs, resume=resume)
    except ConfigError as exc:
        raise fail(escape(str(exc))) from None

    started = time.time()
    done = store.results()
    keys = {s.key for s in specs}
    already = [r for r in done if r["key"] in keys]
    typer.echo(
        f"guigym run: agent {agent}, {len(specs)} episodes"
        + (f" ({len(already)} already done)" if already else "")
        + f", {jobs} worker(s), backend {backend} -> {store.root}"
    )
    progress = RunProgress(total=len(specs), done=len(already))
    progress.seed_records(already)
    try:
        with progress:
            ran_now = execute(config, specs, store, progress=progress)
    except KeyboardInterrupt:
        outcome = finalize(config, specs, store, started=started)
        typer.echo(
            f"interrupted: {outcome.recorded}/{len(specs)} episodes recorded; resume with "
            f"--resume --out {store.root}"
        )
        raise typer.Exit(130) from None
    outcome = finalize(config, specs, store, started=started, ran_now=ran_now)
    overall = outcome.summary["overall"]
    rate = outcome.summary["run"].get("episodes_per_min")
    typer.echo(
        f"done: {outcome.recorded}/{len(specs)} episodes, SR {_num(overall.get('sr'))}, "
        f"CR {_num(overall.get('cr'))}, errors {overall.get('errors', 0)}, "
        f"{outcome.seconds:.1f} s" + (f" ({rate:.1f} episodes/min)" if ran_now and rate else "")
    )
    typer.echo(f"report: {outcome.report}")


def _num(value: object) -> str:
    return f"{value:.3f}" if isinstance(value, int | float) else "–"


def _docker_preflight(envs: set[str]) -> None:
    """Fail before the first episode when the engine or an image is missing.

    Why: otherwise every episode records the same infrastructure error, one after another.
    """
    from guigym.errors import GuigymError
    from guigym.images.docker.engine import (
        DESKTOP_IMAGE,
        SITES_IMAGE,
        docker_client,
        require_image,
    )

    try:
        docker_client(timeout=15)
        require_image(SITES_IMAGE)  # web tasks' sites, and the desktop's cross-app sites
        if "desktop" in envs:
            require_image(DESKTOP_IMAGE)
    except GuigymError as exc:
        raise ConfigError(str(exc)) from None
