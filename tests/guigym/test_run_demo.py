"""`guigym run` end to end on the demo suite: real envs, real Chromium, real sites.

Oracle: SR 1.0 with no errors (and the report of that run opens in Chromium). Random: SR 0.
kill -9 mid-run then --resume: every episode exactly once. A worker whose browser is killed is
retried, then recorded as an error while the other episodes still pass. Ray: same results.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from guigym.envs.web.browser import shared_playwright
from guigym.tasks import list_tasks

from guigym.runner.store import read_results

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/lib/chromium/chromium"


def _run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "guigym.cli", "run", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def _summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text())


def _by_key(out: Path) -> dict[str, dict]:
    return {r["key"]: r for r in read_results(out / "results.jsonl")[0]}


@pytest.fixture(scope="module")
def demo_tasks() -> list[str]:
    tasks = list_tasks("demo")
    assert len(tasks) >= 3
    return tasks


@pytest.fixture(scope="module")
def oracle_run(tmp_path_factory: pytest.TempPathFactory, demo_tasks: list[str]) -> Path:
    out = tmp_path_factory.mktemp("oracle") / "run"
    result = _run("--agent", "oracle", "--suite", "demo", "-j", "2", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert f"report: {out / 'report.html'}" in result.stdout
    return out


def test_oracle_solves_the_demo_suite(oracle_run: Path, demo_tasks: list[str]) -> None:
    summary = _summary(oracle_run)
    assert summary["overall"]["sr"] == 1.0
    assert summary["overall"]["cr"] == 1.0
    assert summary["overall"]["errors"] == 0 and summary["errors"] == []
    records = _by_key(oracle_run)
    assert {r["task_id"] for r in records.values()} == set(demo_tasks)
    for record in records.values():
        assert record["success"] and record["attempts"] == 1 and record["error"] is None
        steps = (oracle_run / record["trajectory"] / "steps.jsonl").read_text().splitlines()
        assert len(steps) == record["steps"] + 1  # the reset plus one line per step
        last = json.loads(steps[-1])
        assert all(s["status"] == "pass" for s in last["subtasks"])
        assert (oracle_run / record["trajectory"] / last["screenshot"]).read_bytes()[:2] == (
            b"\xff\xd8"
        )


def test_the_real_report_opens_in_chromium(oracle_run: Path, demo_tasks: list[str]) -> None:

    with shared_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.goto((oracle_run / "report.html").as_uri())
        assert "1.000" in page.locator("#overall-table").inner_text()
        assert page.locator("#task-table tr").count() == len(demo_tasks) + 1
        episode = page.locator("details.episode").first
        episode.locator("summary").click()
        assert episode.locator(".step").count() >= 2
        assert "pass" in episode.locator(".step").last.inner_text()
        browser.close()


def test_random_agent_scores_zero(tmp_path: Path) -> None:
    out = tmp_path / "random"
    result = _run(
        "--agent", "random", "--suite", "demo", "-j", "2", "--max-steps", "3", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    summary = _summary(out)
    assert summary["overall"]["sr"] == 0.0
    assert summary["overall"]["errors"] == 0, summary["errors"]


def _worker_pids(runner_pid: int) -> list[int]:
    from guigym.runner._proc import descendants

    return descendants(runner_pid)


def test_kill_9_then_resume_runs_every_episode_exactly_once(
    tmp_path: Path, demo_tasks: list[str]
) -> None:
    out = tmp_path / "killed"
    args = ["--agent", "oracle", "--suite", "demo", "-j", "1", "--out", str(out)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "guigym.cli", "run", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    results = out / "results.jsonl"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and proc.poll() is None:
        if results.exists() and len(read_results(results)[0]) >= 1:
            break
        time.sleep(0.05)  # polling for a condition, bounded by the deadline
    assert proc.poll() is None, "the run finished before it could be killed"
    children = _worker_pids(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    before = _by_key(out)
    assert 1 <= len(before) < len(demo_tasks)
    # the orphaned workers (and their browsers and sites) go away by themselves
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in children):
        time.sleep(0.1)
    alive = [p for p in children if Path(f"/proc/{p}").exists()]
    assert not alive, f"orphans left behind: {alive}"

    result = _run(*args, "--resume")
    assert result.returncode == 0, result.stderr
    assert f"({len(before)} already done)" in result.stdout
    lines = [json.loads(x) for x in results.read_text().splitlines()]
    keys = [r["key"] for r in lines]
    assert len(keys) == len(set(keys)) == len(demo_tasks)
    after = _by_key(out)
    for key, record in before.items():  # finished episodes were not redone
        assert after[key]["finished_at"] == record["finished_at"]
    assert _summary(out)["overall"]["sr"] == 1.0


def test_faults_are_retried_then_counted_as_errors(tmp_path: Path, demo_tasks: list[str]) -> None:
    """Seed 0: the browser is killed (env error); seed 1: the agent raises; seed 2: healthy."""
    out = tmp_path / "chaos"
    task = demo_tasks[0]
    result = _run(
        "--agent", "guigym.agents.testing:ChaosAgent", "--agent-arg", "faults=0:browser,1:raise",
        "--task", task, "--seeds", "3", "--retries", "1", "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    records = _by_key(out)
    browser = records[f"{task}|s0|k0"]
    assert browser["error_kind"] == "env" and browser["attempts"] == 2
    assert [a["kind"] for a in browser["attempt_errors"]] == ["env", "env"]
    assert "browser" in browser["error"].lower()
    agent = records[f"{task}|s1|k0"]
    assert agent["error_kind"] == "agent" and agent["attempts"] == 2
    assert "deliberate failure" in agent["error"]
    healthy = records[f"{task}|s2|k0"]  # the worker recovered: a new browser, same sites
    assert healthy["success"] and healthy["error"] is None and healthy["attempts"] == 1
    summary = _summary(out)
    assert summary["overall"]["errors"] == 2 and summary["overall"]["sr"] == 1.0
    assert {e["key"] for e in summary["errors"]} == {browser["key"], agent["key"]}


def test_a_hung_episode_times_out_and_its_worker_is_killed(
    tmp_path: Path, demo_tasks: list[str]
) -> None:
    out = tmp_path / "hang"
    task = demo_tasks[0]
    result = _run(
        "--agent", "guigym.agents.testing:ChaosAgent", "--agent-arg", "faults=0:hang",
        "--task", task, "--seeds", "2", "--retries", "0", "--timeout", "8", "-j", "2",
        "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    records = _by_key(out)
    hung = records[f"{task}|s0|k0"]
    assert hung["error_kind"] == "timeout" and hung["attempts"] == 1
    assert "worker killed" in hung["error"]
    assert records[f"{task}|s1|k0"]["success"]


def test_ray_backend_gives_the_same_results(oracle_run: Path, tmp_path: Path) -> None:
    pytest.importorskip("ray")
    out = tmp_path / "ray"
    result = _run(
        "--agent", "oracle", "--suite", "demo", "-j", "2", "--backend", "ray", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    local, ray = _by_key(oracle_run), _by_key(out)
    assert local.keys() == ray.keys()
    for key in local:
        for field in ("success", "completion", "prefix", "score", "error"):
            assert local[key][field] == ray[key][field], (key, field)
    assert all((out / r["trajectory"] / "steps.jsonl").exists() for r in ray.values())


def test_start_subtask_all_gives_the_sr_at_k_curve(tmp_path: Path) -> None:

    out = tmp_path / "all"
    task = "demo.product-price"
    result = _run(
        "--agent", "oracle", "--task", task, "--start-subtask", "all", "--out", str(out)
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    records = _by_key(out)
    assert set(records) == {f"{task}|s0|k0", f"{task}|s0|k1"}
    k1 = records[f"{task}|s0|k1"]
    assert k1["success"] and [s["scored"] for s in k1["subtasks"]] == [False, True]
    assert k1["steps"] < records[f"{task}|s0|k0"]["steps"]  # the prefix ran before step 0
    assert _summary(out)["sr_at_k"]["overall"] == {"0": 1.0, "1": 1.0}
    with shared_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.goto((out / "report.html").as_uri())
        assert page.locator("svg.curve circle").count() == 2
        assert "k=1" in page.locator("#sr-at-k-table").inner_text()
        browser.close()
