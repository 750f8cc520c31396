"""report.html: a static page (no server) a person opens to see what happened in a run.

Overall, per-suite and per-task tables; the SR@k curve as inline SVG when several start subtasks
were run; the error list; and per-episode timelines (screenshot, action, action error, reward and
every subtask's status after each step). Screenshots are linked by relative path, so the folder
can be copied or served as is; ``viewer.html`` (served by ``guigym view``) steps through one
trajectory.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from guigym.runner.summary import METRIC_KEYS

__all__ = ["write_report", "rebuild_report", "read_steps", "sr_curve_svg"]

#: Timelines embedded in the page at most (the rest are listed with a link to the viewer).
MAX_TIMELINES = 400


def read_steps(path: Path) -> list[dict[str, Any]]:
    """The readable lines of an episode's steps.jsonl (a torn last line is skipped)."""
    steps: list[dict[str, Any]] = []
    if not path.exists():
        return steps
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            steps.append(json.loads(line))
        except ValueError:
            continue
    return steps


def sr_curve_svg(points: dict[str, float | None], *, width: int = 520, height: int = 240) -> str:
    """An inline SVG line chart of SR (0..1) against the start subtask k."""
    ks = sorted(points, key=int)
    left, right, top, bottom = 46, 16, 16, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    span = max(len(ks) - 1, 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return left + plot_w * i / span, top + plot_h * (1 - v)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="curve" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" role="img" aria-label="SR at k">'
    ]
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        _, y = xy(0, tick)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick:.2f}</text>'
        )
    coords = [(i, points[k]) for i, k in enumerate(ks) if points[k] is not None]
    if coords:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(i, float(v)) for i, v in coords))
        parts.append(f'<polyline points="{path}" class="line"/>')
    for i, k in enumerate(ks):
        x, _ = xy(i, 0)
        parts.append(f'<text x="{x:.1f}" y="{height - 14}" text-anchor="middle">{k}</text>')
        if points[k] is not None:
            cx, cy = xy(i, float(points[k]))
            parts.append(
                f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" class="dot">'
                f"<title>SR@{k} = {float(points[k]):.3f}</title></circle>"
            )
    parts.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 1}" text-anchor="middle">'
        "start subtask k</text></svg>"
    )
    return "".join(parts)


def _fmt(value: Any, key: str = "") -> str:
    if value is None:
        return "–"
    if key in ("n", "errors", "scored") or isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return f"{value:.1f}" if key == "steps" else f"{value:.3f}"
    return str(value)


def _status(record: dict[str, Any]) -> str:
    if record.get("error"):
        return "error"
    return "success" if record.get("success") else "fail"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("guigym.runner", "templates"),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["fmt"] = _fmt
    return env


def write_report(root: Path, summary: dict[str, Any], records: Sequence[dict[str, Any]]) -> Path:
    """Render ``root/report.html`` (and copy ``viewer.html`` next to it); returns the path."""
    records = sorted(records, key=lambda r: (r["task_id"], r["start_subtask"], r["seed"]))
    episodes = []
    for i, record in enumerate(records):
        traj = record.get("trajectory")
        steps = read_steps(root / traj / "steps.jsonl") if traj and i < MAX_TIMELINES else []
        episodes.append(
            {
                "record": record,
                "status": _status(record),
                "anchor": "ep-" + "".join(c if c.isalnum() else "-" for c in record["key"]),
                "steps": steps,
                "embedded": i < MAX_TIMELINES,
            }
        )
    curves = {}
    if summary.get("sr_at_k"):
        curves["all tasks"] = sr_curve_svg(summary["sr_at_k"]["overall"])
    html = (
        _environment()
        .get_template("report.html")
        .render(
            summary=summary,
            run=summary.get("run", {}),
            columns=METRIC_KEYS,
            episodes=episodes,
            curves=curves,
            sr_at_k=summary.get("sr_at_k") or {},
        )
    )
    out = root / "report.html"
    tmp = root / ".report.html.tmp"
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(out)
    viewer = resources.files("guigym.runner").joinpath("templates/viewer.html")
    with resources.as_file(viewer) as src:
        shutil.copyfile(src, root / "viewer.html")
    return out


def rebuild_report(root: Path) -> Path:
    """Summary and report from whatever results.jsonl holds (e.g. a killed, unfinished run)."""
    from guigym.runner.store import read_results
    from guigym.runner.summary import build_summary

    records = read_results(root / "results.jsonl")[0]
    try:
        config = json.loads((root / "config.json").read_text())
    except (OSError, ValueError):
        config = {}
    cfg = config.get("config", {})
    run = {"out": str(root), "agent": cfg.get("agent", "?"), "agent_args": cfg.get("agent_args")}
    summary = build_summary(records, run=run, total=config.get("episodes") or len(records))
    (root / "summary.json").write_text(json.dumps(summary, indent=2, default=str) + "\n")
    return write_report(root, summary, records)
