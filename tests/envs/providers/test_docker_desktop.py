"""Desktop tasks in Docker: the desktop container next to site containers on one private
network; its Chromium reaches the sites by their stable names."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from guigym.images.docker import leftovers

pytestmark = [
    pytest.mark.docker,
    pytest.mark.xvfb,
    pytest.mark.slow,
    pytest.mark.timeout(3600),
]


def _run(tmp_path: Path, *task_ids: str) -> dict:
    out = tmp_path / "run"
    args = [a for t in task_ids for a in ("--task", t)]
    done = subprocess.run(
        [sys.executable, "-m", "guigym.cli", "run", "--provider", "docker", "--agent", "oracle",
         *args, "--out", str(out)],
        capture_output=True, text=True, timeout=1800, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    results = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    overall = json.loads((out / "summary.json").read_text())["overall"]
    return {"overall": overall, "errors": [r.get("error") for r in results if r.get("error")]}


def test_desktop_task_oracle_in_docker(docker_desktop: None, tmp_path: Path) -> None:
    outcome = _run(tmp_path, "desktop.todo-list")
    assert outcome["errors"] == [] and outcome["overall"]["sr"] == 1.0, outcome


def _cross_tasks() -> list[str]:
    from guigym.tasks import list_tasks, load_task

    out = []
    for task_id in list_tasks():
        try:
            spec = load_task(task_id)
        except Exception:  # noqa: BLE001 - `guigym task lint` reports broken tasks
            continue
        if spec.env == "desktop" and spec.sites:
            out.append(task_id)
    return out


def test_cross_task_oracle_in_docker(docker_desktop: None, tmp_path: Path) -> None:
    tasks = _cross_tasks()
    assert "cross.stock-check" in tasks, tasks
    # The shortest cross task (shop page in the desktop's Chromium -> CSV in the editor), whose
    # oracle passes `task check` every time: the Docker part is what is under test here.
    task = "cross.stock-check"
    outcome = _run(tmp_path, task)
    assert outcome["errors"] == [] and outcome["overall"]["sr"] == 1.0, outcome


def test_desktop_chromium_reaches_site_containers_by_name(
    docker_desktop: None, tmp_path: Path
) -> None:
    from guigym.envs.providers.docker_desktop import DockerDesktopProvider

    provider = DockerDesktopProvider()
    try:
        provider.ensure_desktop()
        shop = provider.sites.ensure(["shop"])["shop"]
        provider.start_apps(["browser"], [], "http://shop.test/", ["shop"])
        deadline = time.monotonic() + 60
        titles: list[str] = []
        while time.monotonic() < deadline:  # the page's title shows once it loaded
            titles = [w["title"] for w in provider.client.windows()]
            if any(shop.title in t for t in titles):
                break
            provider.client.settle(100, 2000)
        assert any(shop.title in t for t in titles), titles
        # ...because the reset wrote Chromium's policy with exactly the task's site allowed.
        from guigym.images.docker.desktop import SITES_POLICY

        def policy() -> dict:
            return json.loads(subprocess.run(
                ["docker", "exec", provider.instance.name, "cat", SITES_POLICY],
                capture_output=True, text=True, timeout=60, check=True,
            ).stdout)  # fmt: skip

        assert policy() == {"URLAllowlist": ["http://shop.test"]}
        provider.start_apps([], [], "", [])  # the next task has no site: nothing is allowed
        assert policy() == {"URLAllowlist": []}
        # A task's files reach the container's home through the control API.
        (tmp_path / "Documents").mkdir()
        (tmp_path / "Documents" / "hello.txt").write_text("hi")
        assert provider.copy_files(tmp_path) == 1
        assert provider.client.read_text("~/Documents/hello.txt") == "hi"
    finally:
        provider.close()
    instance = provider.sites.instance_id
    assert [n for n in sum(leftovers().values(), []) if instance in n] == []
