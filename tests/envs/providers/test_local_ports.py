"""The local provider holds its reserved ports, so nothing else takes them before a site starts."""

from __future__ import annotations

import socket

import pytest
from guigym.envs.providers.local import LocalProvider


def test_reserved_ports_are_held_until_close() -> None:
    provider = LocalProvider(["shop"])
    port = provider.ports["shop"]
    try:
        with socket.socket() as other, pytest.raises(OSError):
            other.bind(("127.0.0.1", port))
    finally:
        provider.close()
    with socket.socket() as other:
        other.bind(("127.0.0.1", port))  # released by close()
