"""``techmice-sandbox``: starts, prints the demo tenant, serves, stops cleanly on a signal."""

from __future__ import annotations

import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path

import pytest
import requests
from sandbox_client import TIMEOUT

from desktop_app.gateway import signing
from desktop_app.gateway.endpoints import TOKEN
from desktop_app.sandbox.__main__ import build_parser, main

URL_LINE = re.compile(r"Gateway URL\s+(http://127\.0\.0\.1:\d+)")


class RunningCli:
    """The sandbox CLI in a child process, its output collected by a reader thread."""

    def __init__(self, args: list[str], data_dir: Path) -> None:
        env = {**os.environ, "TECHMICE_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8"}
        flags = subprocess.CREATE_NEW_PROCESS_GROUP if sys.platform == "win32" else 0
        self.process = subprocess.Popen(
            [sys.executable, "-m", "desktop_app.sandbox", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            env=env,
            creationflags=flags,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)
            self.lines.put(line)

    def wait_for_url(self, timeout: float = 15) -> str:
        """Readiness: the banner line with the URL is printed after the server answers."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                if self.process.poll() is not None:
                    break
                continue
            match = URL_LINE.search(line)
            if match:
                return match.group(1)
        raise AssertionError("sandbox CLI did not start:\n" + "".join(self.output))

    def interrupt(self) -> None:
        if sys.platform == "win32":
            self.process.send_signal(signal.CTRL_BREAK_EVENT)
        else:
            self.process.send_signal(signal.SIGINT)

    def finish(self, timeout: float = 10) -> int:
        code = self.process.wait(timeout)
        self._reader.join(timeout)
        assert self.process.stdout is not None
        self.process.stdout.close()
        return code

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.finish()


@pytest.fixture
def run_cli(data_dir: Path) -> Iterator[Callable[[list[str]], RunningCli]]:
    started: list[RunningCli] = []

    def start(args: list[str]) -> RunningCli:
        cli = RunningCli(args, data_dir)
        started.append(cli)
        return cli

    yield start
    for cli in started:
        cli.kill()


def test_cli_serves_the_configured_tenant_and_stops_on_ctrl_c(run_cli: Callable[[list[str]], RunningCli]) -> None:
    cli = run_cli(
        ["--port", "0", "--in-memory", "--scheme", "md5-upper", "--employee", "100006=赵六", "--enable-fault-api"]
    )
    base_url = cli.wait_for_url()
    fields = {
        "ent_id": "ent-demo",
        "user_name": "100006",
        "client_id": "planner.desktop",
        "nounce": str(uuid.uuid4()),
    }
    form = {
        **fields,
        "client_secret": "sandbox-secret",
        "signature": signing.sign(fields, "sandbox-secret", "md5-upper"),
    }
    assert "access_token" in requests.post(f"{base_url}{TOKEN}", data=form, timeout=TIMEOUT).json()
    faults = requests.get(f"{base_url}/__sandbox__/faults", timeout=TIMEOUT)
    assert faults.json()["success"] is True

    cli.interrupt()
    assert cli.finish() == 0
    output = "".join(cli.output)
    for expected in (
        "ent-demo",
        "planner.desktop",
        "sandbox-secret",
        "md5-upper",
        "100006",
        "赵六",
        "张伟",
        "内存",
        "/__sandbox__/faults",
        "Ctrl+C",
        "沙箱已停止 / Sandbox stopped.",
    ):
        assert expected in output


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM cannot be caught on Windows")
def test_cli_keeps_data_in_the_data_dir_and_stops_on_sigterm(
    run_cli: Callable[[list[str]], RunningCli], data_dir: Path
) -> None:
    cli = run_cli(["--port", "0"])
    base_url = cli.wait_for_url()
    assert requests.get(f"{base_url}/h5/", timeout=TIMEOUT).status_code == 200
    # The fault API is off unless asked for.
    assert requests.get(f"{base_url}/__sandbox__/faults", timeout=TIMEOUT).status_code == 404
    cli.process.terminate()
    assert cli.finish() == 0
    database = data_dir / "sandbox" / "sandbox.sqlite3"
    assert database.is_file()
    assert str(database) in "".join(cli.output)


def test_non_loopback_host_is_refused_with_a_reason(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--host", "0.0.0.0", "--in-memory"]) == 2
    err = capsys.readouterr().err
    assert "--allow-remote" in err and "0.0.0.0" in err and "127.0.0.1" in err


def test_bad_options_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--employee", "=赵六"])
    assert exit_info.value.code == 2
    assert main(["--in-memory", "--client-secret", ""]) == 2
    assert main(["--in-memory", "--access-ttl", "-1"]) == 2
    capsys.readouterr()


def test_port_in_use_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["--port", str(port), "--in-memory"]) == 1
    assert str(port) in capsys.readouterr().err


def test_parser_defaults_are_the_demo_tenant() -> None:
    args = build_parser().parse_args([])
    assert (args.host, args.ent_id, args.client_id, args.client_secret, args.scheme) == (
        "127.0.0.1",
        "ent-demo",
        "planner.desktop",
        "sandbox-secret",
        "hmac-sha256",
    )
    assert args.in_memory is False and args.enable_fault_api is False


def test_console_script_points_at_main() -> None:
    (entry,) = metadata.entry_points(group="console_scripts", name="techmice-sandbox")
    assert entry.value == "desktop_app.sandbox.__main__:main"
    assert entry.load() is main
