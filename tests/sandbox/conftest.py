"""Fixtures of the sandbox tests: a private data dir, a running sandbox, a client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sandbox_client import SandboxClient

from desktop_app.sandbox import SandboxServer
from desktop_app.storage import paths


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every sandbox test writes below its own temporary data dir, never the planner's."""
    target = tmp_path / "data"
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(target))
    return target


@pytest.fixture
def sandbox() -> Iterator[SandboxServer]:
    with SandboxServer() as server:
        yield server


@pytest.fixture
def peer(sandbox: SandboxServer) -> Iterator[SandboxClient]:
    gateway = SandboxClient(sandbox)
    yield gateway
    gateway.close()


@pytest.fixture
def token(peer: SandboxClient) -> str:
    return peer.token("100001")
