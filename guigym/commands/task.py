"""`guigym task`: new (scaffold a task folder), lint (validate task.yaml files), check (later)."""

from __future__ import annotations

from pathlib import Path

import typer

from guigym.commands._common import fail, not_available

app = typer.Typer(no_args_is_help=True)
_EXTRA = {"context_settings": {"allow_extra_args": True, "ignore_unknown_options": True}}

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


@app.command("check", **_EXTRA)
def check_command(ctx: typer.Context) -> None:
    """Prove tasks are solvable and verified step by step."""
    raise not_available("task check", "it needs the WebEnv, issue 4; lint works now")
