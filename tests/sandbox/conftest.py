"""Fixtures of the sandbox tests: a plain-requests client of the sandbox.

The temporary data dir and the ``sandbox`` server come from tests/conftest.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sandbox_client import SandboxClient

from desktop_app.sandbox import SandboxServer


@pytest.fixture
def peer(sandbox: SandboxServer) -> Iterator[SandboxClient]:
    gateway = SandboxClient(sandbox)
    yield gateway
    gateway.close()


@pytest.fixture
def token(peer: SandboxClient) -> str:
    return peer.token("100001")
