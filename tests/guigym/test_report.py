"""summary.json and report.html from real records and trajectories, opened in real Chromium."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from guigym.envs.web.browser import shared_playwright
from guigym.evaluators import SubtaskState, episode_metrics

from guigym.runner import EpisodeSpec
from guigym.runner.report import write_report
from guigym.runner.summary import build_summary
from guigym.runner.trajectory import TrajectoryWriter

CHROMIUM = "/usr/lib/chromium/chromium"


def _states(passed: int, total: int = 2, start: int = 0) -> list[SubtaskState]:
    return [
        SubtaskState(
            id=f"sub{i}",
            index=i,
            status="skipped" if i < start else ("pass" if i < passed else "fail"),
            scored=i >= start,
            first_passed_step=i + 1 if i < passed else None,
        )
        for i in range(total)
    ]


def _make_run(root: Path) -> list[dict]:
    """Four episodes: success, partial, error, and a mid-chain start; each with a trajectory."""
    cases = [
        (EpisodeSpec("demo.buy", 0, 0), 2, None),
        (EpisodeSpec("demo.buy", 1, 0), 1, None),
        (EpisodeSpec("demo.cart", 0, 0), 0, "env: the browser died during click()"),
        (EpisodeSpec("demo.cart", 0, 1), 2, None),
    ]
    records = []
    for spec, passed, error in cases:
        states = _states(passed, start=spec.start_subtask)
        result = episode_metrics(
            states, task_id=spec.task_id, seed=spec.seed, start_subtask=spec.start_subtask,
            steps=3, oracle_steps=2, error=error,
        )  # fmt: skip
        traj = f"episodes/{spec.dirname}"
        writer = TrajectoryWriter(root / traj)
        image = np.zeros((72, 128, 3), dtype=np.uint8)
        for step in range(3):
            image[:, :, step] = 200
            writer.record(
                step,
                {
                    "screenshot": image,
                    "axtree": f"[e{step}] button 'Go'",
                    "url": "http://shop.test/",
                },
                action=None if step == 0 else f'click("e{step}")',
                action_error="no element e9" if step == 2 else "",
                reward=0.5 if step == 1 else 0.0,
                subtasks=[{"id": s.id, "status": s.status} for s in states],
            )
        writer.close()
        records.append(
            {
                "key": spec.key,
                "suite": spec.suite,
                **result.to_dict(),
                "error_kind": "env" if error else None,
                "attempts": 2 if error else 1,
                "attempt_errors": [{"kind": "env", "message": error}] * 2 if error else [],
                "wall_time": 1.5,
                "trajectory": traj,
            }
        )
    return records


def test_summary_counts_errors_apart_and_gives_sr_at_k(tmp_path: Path) -> None:
    records = _make_run(tmp_path)
    summary = build_summary(records, run={"agent": "oracle"}, total=5)
    overall = summary["overall"]
    assert overall["n"] == 4 and overall["errors"] == 1 and overall["scored"] == 3
    assert overall["sr"] == pytest.approx(2 / 3)  # the errored episode is not a failure
    assert overall["cr"] == pytest.approx((1 + 0.5 + 1) / 3)
    assert summary["by_suite"]["demo"]["n"] == 4
    assert summary["by_task"]["demo.cart"]["errors"] == 1
    assert summary["sr_at_k"]["overall"] == {"0": 0.5, "1": 1.0}
    assert [e["key"] for e in summary["errors"]] == ["demo.cart|s0|k0"]
    assert summary["errors"][0]["kind"] == "env" and summary["errors"][0]["attempts"] == 2
    assert summary["run"]["episodes_total"] == 5 and summary["run"]["episodes_done"] == 4


def test_trajectory_screenshots_are_jpeg(tmp_path: Path) -> None:
    _make_run(tmp_path)
    shots = sorted((tmp_path / "episodes").rglob("step-*.jpg"))
    assert len(shots) == 12 and not list((tmp_path / "episodes").rglob("*.png"))
    assert shots[0].read_bytes()[:3] == b"\xff\xd8\xff"


@pytest.mark.browser
def test_report_opens_in_chromium_with_tables_curve_and_timeline(tmp_path: Path) -> None:

    records = _make_run(tmp_path)
    summary = build_summary(records, run={"agent": "oracle", "out": str(tmp_path)}, total=4)
    report = write_report(tmp_path, summary, records)
    assert (tmp_path / "viewer.html").is_file()
    with shared_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(report.as_uri())
        overall = page.locator("#overall-table tr").nth(1).inner_text()
        assert "0.667" in overall  # SR
        assert page.locator("#task-table tr").count() == 3  # header + 2 tasks
        assert page.locator("#suite-table").inner_text().count("demo") == 1
        assert page.locator("svg.curve circle").count() == 2
        assert "the browser died" in page.locator("#error-table").inner_text()
        episode = page.locator("details.episode").first
        episode.locator("summary").click()
        steps = episode.locator(".step")
        assert steps.count() == 3
        assert steps.nth(1).locator("code.action").inner_text() == 'click("e1")'
        assert "no element e9" in steps.nth(2).inner_text()
        assert "sub0: pass" in steps.nth(2).inner_text()
        img = steps.nth(1).locator("img")
        img.scroll_into_view_if_needed()
        page.wait_for_function(
            "(el) => el.complete && el.naturalWidth > 0", arg=img.element_handle()
        )
        assert img.evaluate("(el) => el.naturalWidth") == 128
        browser.close()


@pytest.mark.browser
def test_view_serves_report_and_steps_through_a_trajectory(tmp_path: Path) -> None:

    from guigym.commands.view import serve_run

    records = _make_run(tmp_path)
    write_report(tmp_path, build_summary(records), records)
    server = serve_run(tmp_path, 0)
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        with shared_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page()
            page.goto(f"{base}/report.html")
            page.locator("details.episode summary").first.click()
            page.locator("text=step through").first.click()
            page.wait_for_function("document.getElementById('pos').textContent.includes('/3')")
            assert page.locator("#action").inner_text() == "(reset)"
            page.keyboard.press("ArrowRight")
            assert page.locator("#action").inner_text() == 'click("e1")'
            page.locator("#next").click()
            assert "no element e9" in page.locator("#aerr").inner_text()
            assert "sub0: pass" in page.locator("#subtasks").inner_text()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
