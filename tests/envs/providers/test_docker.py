"""The docker provider end to end: WebEnv on site containers, crash recovery, cleanup after a
crashed owner, and the demo suite's oracle through ``guigym run --provider docker``."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from guigym.images.docker import docker_client, leftovers

from guigym.errors import EnvError

pytestmark = [
    pytest.mark.docker,
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.timeout(3600),
]


def _ours(instance: str) -> list[str]:
    return [n for n in sum(leftovers().values(), []) if instance in n]


def test_webenv_on_containers_and_recovery_after_a_killed_site(docker_sites: None) -> None:
    from guigym.envs.web import WebEnv

    env = WebEnv(task="demo.product-price", obs=("axtree", "url"), provider="docker")
    try:
        obs, info = env.reset(seed=0)
        assert obs["url"].startswith("http://shop.test")  # the host browser maps it to a port
        provider = env.provider
        instance = provider.instance_id
        assert {f"guigym-{instance}", f"guigym-{instance}-shop"} <= set(_ours(instance))

        # Kill the site container mid-episode: the next step is an env error, not a fail.
        docker_client().api.kill(provider.instances["shop"].container_id)
        with pytest.raises(EnvError, match="shop"):
            env.step('goto("http://shop.test/")')
        # The next reset starts the container again (same port: the browser keeps its mapping).
        port = provider.ports["shop"]
        obs, info = env.reset(seed=0)
        assert obs["url"].startswith("http://shop.test") and provider.ports["shop"] == port
        obs, *_ = env.step('goto("http://shop.test/")')
        assert obs["axtree"]
    finally:
        env.close()
    assert _ours(instance) == []


_CRASHER = """
import os, sys
from guigym.envs.providers import make_provider
p = make_provider("docker")
p.ensure(["shop"])
print(p.instance_id, flush=True)
sys.stdin.read()
"""


def test_leftovers_of_a_crashed_owner_are_removed_by_the_next_start(docker_sites: None) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", _CRASHER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        instance = proc.stdout.readline().strip()
        assert instance and _ours(instance)
    finally:
        os.kill(proc.pid, signal.SIGKILL)  # no cleanup code runs
        proc.wait()
    assert _ours(instance)  # still there: nobody cleaned up
    from guigym.envs.providers import make_provider

    provider = make_provider("docker")  # the next start prunes dead owners' leftovers
    try:
        assert _ours(instance) == []
    finally:
        provider.close()


def test_missing_image_is_one_line_and_starts_nothing(docker_sites: None) -> None:
    from guigym.envs.providers.docker import DockerProvider

    from guigym.errors import ServiceError

    provider = DockerProvider(image="guigym/no-such-image:0")
    try:
        with pytest.raises(ServiceError, match=r"run `guigym images build"):
            provider.ensure(["shop"])
    finally:
        provider.close()
    assert _ours(provider.instance_id) == []


def test_demo_suite_oracle_with_docker(docker_sites: None, tmp_path: Path) -> None:
    out = tmp_path / "run"
    done = subprocess.run(
        [sys.executable, "-m", "guigym.cli", "run", "--provider", "docker", "--agent", "oracle",
         "--suite", "demo", "--out", str(out)],
        capture_output=True, text=True, timeout=1200, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    overall = json.loads((out / "summary.json").read_text())["overall"]
    assert overall["n"] >= 3 and overall["errors"] == 0, overall
    assert overall["sr"] == 1.0, overall
