"""The desktop container's Chromium policy and token files (built here, no engine needed)."""

from __future__ import annotations

import io
import json
import tarfile

import pytest
from guigym.images.docker.desktop import SITES_POLICY, TOKEN_FILE, _tar, site_policy

from guigym.errors import ServiceError


def test_site_policy_allows_exactly_the_sites_over_http() -> None:
    assert site_policy(["shop", "mail", "shop"]) == {
        "URLAllowlist": ["http://mail.test", "http://shop.test"]
    }
    assert site_policy([]) == {"URLAllowlist": []}  # no sites: the image's policy blocks all


@pytest.mark.parametrize("bad", ["*", "shop.test", "Shop", "127.0.0.1", "a b", "", "x" * 40])
def test_site_policy_refuses_what_is_not_a_site_name(bad: str) -> None:
    with pytest.raises(ServiceError, match="expected site names like 'shop'"):
        site_policy(["shop", bad])


def test_token_archive_is_root_only() -> None:
    raw = _tar({"guigym/desktop-token": (b"secret-token", 0o400)}, {"guigym": 0o700})
    with tarfile.open(fileobj=io.BytesIO(raw)) as tar:
        members = {m.name: m for m in tar.getmembers()}
        assert members["guigym"].isdir() and members["guigym"].mode == 0o700
        token = members["guigym/desktop-token"]
        assert token.mode == 0o400 and token.uid == 0 and token.gid == 0
        assert tar.extractfile(token).read() == b"secret-token"
    assert TOKEN_FILE == "/run/guigym/desktop-token"
    assert SITES_POLICY.startswith("/etc/chromium/policies/managed/")


def test_image_policy_blocks_every_url_and_the_dangerous_schemes(repo_root) -> None:  # noqa: ANN001
    policy = json.loads((repo_root / "images/docker/chromium-policy.json").read_text())
    blocked = set(policy["URLBlocklist"])
    assert {"*", "file://*", "data:*", "javascript://*", "chrome://*", "view-source:*"} <= blocked
    assert "URLAllowlist" not in policy  # the sites come per launch, in their own file
    assert policy["DeveloperToolsAvailability"] == 2
