"""`guigym list`: the suites and their tasks, with subtask counts (broken tasks shown as such)."""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.table import Table

from guigym.commands._common import fail


def command(
    suite: str = typer.Option(None, "--suite", "-s", help="Only this suite."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """List suites and tasks."""
    from guigym.errors import did_you_mean
    from guigym.tasks import list_suites, load_all

    suites = list_suites()
    if suite is not None and suite not in suites:
        raise fail(
            f"unknown suite {suite!r}{did_you_mean(suite, suites)}"
            f" (suites: {', '.join(suites) or 'none'})"
        )
    tasks, issues = load_all(suite)
    broken: dict[str, int] = {}
    for issue in issues:
        parts = issue.file.replace("\\", "/").split("/")
        if len(parts) >= 3:
            broken_id = f"{parts[-3]}.{parts[-2]}"
            broken[broken_id] = broken.get(broken_id, 0) + 1
    rows = [
        {
            "suite": t.suite,
            "id": t.id,
            "subtasks": len(t.subtasks),
            "env": t.env,
            "sites": list(t.sites),
            "title": t.title,
        }
        for t in tasks
    ]
    if as_json:
        typer.echo(json.dumps({"tasks": rows, "broken": broken}, indent=2))
        return
    if not rows and not broken:
        typer.echo("no tasks found" + (f" in suite {suite!r}" if suite else ""))
        return
    table = Table(title=None, show_lines=False)
    table.add_column("suite", no_wrap=True)
    table.add_column("task", no_wrap=True)
    table.add_column("subtasks", justify="right")
    table.add_column("env")
    table.add_column("sites")
    table.add_column("title", overflow="fold")
    for row in rows:
        table.add_row(
            row["suite"],
            row["id"],
            str(row["subtasks"]),
            row["env"],
            ",".join(row["sites"]),
            row["title"],
        )
    for tid, count in sorted(broken.items()):
        table.add_row(
            tid.split(".", 1)[0],
            tid,
            "-",
            "",
            "",
            f"BROKEN: {count} issue(s); run `guigym task lint`",
        )
    console = Console(highlight=False, width=max(100, Console().width))
    console.print(table)
    per_suite: dict[str, int] = {}
    for row in rows:
        per_suite[row["suite"]] = per_suite.get(row["suite"], 0) + 1
    summary = ", ".join(f"{s}: {n}" for s, n in sorted(per_suite.items()))
    typer.echo(f"{len(rows)} task(s) in {len(per_suite)} suite(s) ({summary})")
