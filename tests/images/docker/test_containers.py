"""Site containers: labelled, reachable by name on their network, and every failure at start is a
one-line error that leaves nothing behind; leftovers of dead owners are pruned."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest
from guigym.images.docker import (
    SITES_IMAGE,
    docker_client,
    leftovers,
    new_instance_id,
    owner_labels,
    prune,
    start_site_container,
)
from guigym.images.docker.labels import owner_alive
from guigym.images.docker.sites import SiteContainer

from guigym.errors import ServiceError

pytestmark = [pytest.mark.docker, pytest.mark.slow, pytest.mark.timeout(3600)]


@pytest.fixture()
def network(docker_sites: None):
    """A labelled private network of this test's own instance; removed with all it holds."""
    client = docker_client()
    instance = new_instance_id()
    name = f"guigym-{instance}"
    client.api.create_network(name, labels=owner_labels(instance, "network"))
    yield name, instance
    prune(instance=instance)


def _names(instance: str) -> list[str]:
    return [n for n in sum(leftovers().values(), []) if instance in n]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_site_container_serves_by_name_on_its_network(network) -> None:
    name, instance = network
    site = start_site_container(
        docker_client(), "shop", port=_free_port(), network=name, instance_id=instance
    )
    try:
        assert site.health()["ok"] and site.logins["admin"] == "admin"
        attrs = docker_client().api.inspect_container(site.container_id)
        labels = attrs["Config"]["Labels"]
        assert labels["guigym"] == "1" and labels["guigym.instance"] == instance
        assert owner_alive(labels)
        bound = attrs["HostConfig"]["PortBindings"]["80/tcp"][0]
        assert bound["HostIp"] == "127.0.0.1"  # never on every interface
        assert "GUIGYM_SITE_TOKEN" not in " ".join(attrs["Config"]["Cmd"])
        # Another container on the same network reaches the site as http://shop.test/ (port 80),
        # as the desktop's Chromium does.
        code = "import urllib.request as u;print(u.urlopen('http://shop.test/', timeout=10).status)"
        out = docker_client().containers.run(
            SITES_IMAGE, ["python", "-c", code], network=name, remove=True
        )
        assert out.decode().strip() == "200"
        # Reset goes through the control API and restores the seeded data.
        site.exec("UPDATE products SET stock = 12345 WHERE id = 1")
        assert site.sql("SELECT stock FROM products WHERE id = 1")[0]["stock"] == 12345
        site.reset()
        assert site.sql("SELECT stock FROM products WHERE id = 1")[0]["stock"] != 12345
    finally:
        site.stop()
    assert not [n for n in _names(instance) if n.endswith("-shop")]


def test_port_clash_is_one_line_and_leaves_nothing(network) -> None:
    name, instance = network
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen(1)
        port = holder.getsockname()[1]
        with pytest.raises(ServiceError) as err:
            start_site_container(
                docker_client(), "shop", port=port, network=name, instance_id=instance
            )
    message = str(err.value)
    assert "\n" not in message and "port" in message and "in use" in message
    assert not [n for n in _names(instance) if n.endswith("-shop")]


def test_container_that_exits_at_start_is_reported_and_removed(network) -> None:
    name, instance = network
    site = SiteContainer(
        docker_client(), "shop", "guigym.images.sites.nothere:SITE",
        port=_free_port(), seed=0, now=None, network=name, instance_id=instance,
    )  # fmt: skip
    with pytest.raises(ServiceError) as err:
        site._launch(30, fresh=True)
    message = str(err.value)
    assert "exited at start" in message and "nothere" in message
    assert "\n" not in message
    assert site.container_id is None and not [n for n in _names(instance) if "-shop" in n]


def test_missing_image_says_build(network) -> None:
    name, instance = network
    with pytest.raises(ServiceError, match=r"guigym images build"):
        start_site_container(
            docker_client(), "shop", port=_free_port(), network=name, instance_id=instance,
            image="guigym/no-such-image:0",
        )  # fmt: skip
    assert not [n for n in _names(instance) if "-shop" in n]


def test_prune_removes_leftovers_of_a_dead_owner_only(docker_sites: None) -> None:
    client = docker_client()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead_labels = owner_labels("deadbeef", "network", pid=dead.pid)
    dead.wait()  # the owner is gone now: its pid no longer runs (or runs something else)
    ours = new_instance_id()
    client.api.create_network("guigym-deadbeef", labels=dead_labels)
    client.api.create_network(f"guigym-{ours}", labels=owner_labels(ours, "network"))
    client.api.create_volume("guigym-deadbeef-vol", labels=dead_labels)
    try:
        report = prune()
        assert "guigym-deadbeef" in report.networks
        assert "guigym-deadbeef-vol" in report.volumes
        assert f"guigym-{ours}" not in report.networks  # our process still runs
        assert _names("deadbeef") == [] and _names(ours) == [f"guigym-{ours}"]
    finally:
        prune(instance=ours)
        prune(instance="deadbeef")
