"""`guigym task`: new (scaffold a task folder), lint (validate task.yaml files), check (prove)."""

from __future__ import annotations

from pathlib import Path

import typer

from guigym.commands._common import fail

app = typer.Typer(no_args_is_help=True)

#: Exit code when lint finds problems (2 stays for usage errors).
EXIT_PROBLEMS = 1


@app.command("new")
def new_command(
    task_id: str = typer.Argument(..., help="<suite>.<name>, e.g. shop.restock-keyboards"),
    root: Path = typer.Option(None, "--root", help="Tasks folder (default: the packaged tasks/)."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing task.yaml."),
) -> None:
    """Scaffold tasks/<suite>/<name>/: commented task.yaml, setup.py, check.py, solution.py."""
    from guigym.errors import TaskError
    from guigym.tasks.scaffold import scaffold_task

    try:
        folder = scaffold_task(task_id, root, force=force)
    except TaskError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"created {folder}/ (task.yaml, setup.py, check.py, solution.py)")
    typer.echo(f"next: edit task.yaml, then `guigym task lint {folder}`")


def _yaml_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_file():
            files.append(path)
        elif (path / "task.yaml").is_file():
            files.append(path / "task.yaml")
        elif path.is_dir():
            files.extend(sorted(p for p in path.rglob("task.yaml") if "__pycache__" not in p.parts))
        else:
            raise fail(f"no such file or folder: {path}")
    return files


def _unknown_sites(spec) -> list[str]:  # noqa: ANN001 - TaskSpec
    """Site names the sites registry does not know (empty if the registry is not built yet)."""
    try:
        from guigym.images.sites import SITES
    except ImportError:
        return []
    if not SITES:
        return []
    return [s for s in spec.sites if s not in SITES]


@app.command("lint")
def lint_command(
    paths: list[Path] = typer.Argument(None, help="task.yaml files or folders (default: all)."),
    suite: str = typer.Option(None, "--suite", "-s", help="Only this suite's tasks."),
) -> None:
    """Validate task.yaml files: each problem names the file, the field and what is expected."""
    from guigym.errors import TaskError, did_you_mean
    from guigym.tasks import lint_file, list_suites
    from guigym.tasks.loader import _index, task_roots

    if paths:
        files = _yaml_files(paths)
    else:
        index = _index(task_roots())
        if suite is not None and suite not in list_suites():
            suites = list_suites()
            hint = did_you_mean(suite, suites)
            raise fail(f"unknown suite {suite!r}{hint} (suites: {', '.join(suites) or 'none'})")
        files = [
            folder / "task.yaml"
            for tid, folder in sorted(index.items())
            if suite is None or tid.split(".", 1)[0] == suite
        ]
    if not files:
        if paths:
            raise fail("no task.yaml found in " + ", ".join(str(p) for p in paths))
        typer.echo("no tasks found")
        return
    bad = 0
    for file in files:
        try:
            spec, issues = lint_file(file)
        except TaskError as exc:  # pragma: no cover - lint_file reports, never raises
            spec, issues = None, [str(exc)]
        lines = [str(i) for i in issues]
        if spec is not None:
            from guigym.tasks.loader import _display

            for site in _unknown_sites(spec):
                from guigym.images.sites import SITES

                lines.append(
                    f"{_display(file)}: sites: unknown site {site!r}{did_you_mean(site, SITES)}"
                    f" (sites: {', '.join(sorted(SITES))})"
                )
        if lines:
            bad += 1
            for line in lines:
                typer.echo(line)
    ok = len(files) - bad
    summary = f"{ok} task(s) ok, {bad} with problems"
    if bad:
        typer.echo(summary, err=True)
        raise typer.Exit(EXIT_PROBLEMS)
    typer.echo(summary)


@app.command("check")
def check_command(
    task_ids: list[str] = typer.Argument(None, help="Task ids (default: every task)."),
    suite: list[str] = typer.Option(None, "--suite", "-s", help="Only this suite (repeatable)."),
    seeds: int = typer.Option(2, "--seeds", "-n", min=1, help="Seeds 0..N-1 per task."),
    workers: int = typer.Option(
        1, "--workers", "-j", min=1, help="Worker processes (one env each)."
    ),
    mid_chain_seeds: int = typer.Option(
        1, "--mid-chain-seeds", min=0, help="How many of the seeds also check mid-chain starts."
    ),
) -> None:
    """Prove in the real WebEnv that tasks are solvable and verified step by step."""
    from guigym.errors import TaskError
    from guigym.tasks import list_tasks

    try:
        ids = list(task_ids or [])
        for name in suite or []:
            ids.extend(t for t in list_tasks(name) if t not in ids)
        if not ids:
            ids = list_tasks()
        known = set(list_tasks())
        for tid in ids:
            if tid not in known:
                from guigym.errors import did_you_mean

                raise TaskError(f"unknown task {tid!r}{did_you_mean(tid, sorted(known))}")
    except TaskError as exc:
        raise fail(str(exc)) from None
    code = _run_check(ids, seeds, workers, mid_chain_seeds)
    if code:
        raise typer.Exit(code)


def _run_check(ids: list[str], seeds: int, workers: int, mid_chain_seeds: int) -> int:
    """Check ``ids``, print a Rich table per task as it finishes; 1 if anything failed."""
    import time

    from rich.console import Console
    from rich.table import Table

    from guigym.taskcheck import check_tasks

    console = Console(highlight=False)
    started = time.perf_counter()
    console.print(f"checking {len(ids)} task(s), seeds 0..{seeds - 1}, {workers} worker(s)")

    def show(report) -> None:  # noqa: ANN001 - TaskReport
        mark = "[green]ok[/]" if report.ok else "[bold red]FAIL[/]"
        table = Table(
            title=f"{report.task_id}  {mark}  ({report.seconds:.1f} s)", title_justify="left"
        )
        for col in ("check", "seed", "result", "s", "detail"):
            table.add_column(col, overflow="fold", justify="right" if col == "s" else "left")
        for row in report.rows:
            table.add_row(
                row.check,
                "" if row.seed is None else str(row.seed),
                "[green]pass[/]" if row.ok else "[bold red]fail[/]",
                f"{row.seconds:.1f}",
                row.detail,
            )
        console.print(table)

    reports = check_tasks(
        ids, list(range(seeds)), workers=workers, mid_chain_seeds=mid_chain_seeds, on_report=show
    )
    problems = [p for r in reports for p in r.problems]
    wall = time.perf_counter() - started
    bad = sum(not r.ok for r in reports)
    if problems:
        console.print("[bold red]problems:[/]")
        for line in problems:
            console.print(f"  {line}", soft_wrap=True)
    console.print(f"{len(reports) - bad} task(s) ok, {bad} with problems in {wall:.1f} s")
    return EXIT_PROBLEMS if bad else 0
