"""One command that prints the performance table: ``uv run python benchmarks/run.py``.

Checked here, not in timed unit tests (which flake on shared machines). Every figure comes
from this one run, and the verdicts are ratios within it:

1. Upload memory: peak RSS of a fresh client process that uploads a file of 20 MB and of
   200 MB to a sandbox running in another process, with the app's streaming upload and,
   for contrast, with plain ``requests.post(files=...)``. Streaming must stay flat (the
   200 MB peak within 1.25x of the 20 MB peak); naive grows with the file.
2. Start-up: imports and QApplication as the app starts (QtWebEngine deferred), against the
   cost of the first QtWebEngine view, which the app pays only when the App section opens.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
MB = 1024 * 1024


def _serve() -> None:
    """Child: a sandbox that accepts big uploads; prints its URL; stops when stdin closes."""
    from desktop_app.sandbox import SandboxServer

    server = SandboxServer(max_upload_bytes=2048 * MB)
    server.start()
    print(server.base_url, flush=True)
    sys.stdin.read()
    server.stop()


def _upload(url: str, path: str, mode: str) -> None:
    """Child: sign in, upload once, print peak RSS (KiB) as JSON."""
    import resource

    from desktop_app.gateway.client import GatewayClient
    from desktop_app.gateway.endpoints import ImportKind
    from desktop_app.gateway.profile import GatewayProfile
    from desktop_app.gateway.tokens import Credentials

    client = GatewayClient(
        GatewayProfile(name="bench", base_url=url, upload_read_timeout=600),
        credentials=Credentials("ent-demo", "100001", "planner.desktop", "sandbox-secret"),
    )
    client.sign_in()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    if mode == "streaming":
        client.import_file(ImportKind.HOTELS, path)
    else:
        import requests

        assert client.tokens is not None
        with open(path, "rb") as handle:
            reply = requests.post(
                client.url(ImportKind.HOTELS.path),
                files={"file": (Path(path).name, handle, "text/csv")},
                headers={"Authorization": client.tokens.authorization},
                timeout=(5, 600),
            )
        assert reply.json()["success"], reply.text[:200]
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"before_kib": before, "peak_kib": peak, "seconds": seconds}))


def _make_csv(path: Path, size: int) -> None:
    line = "酒店名称,城市,地址,联系电话\n".encode()
    row = "示例酒店,上海市,浦东新区世纪大道 100 号,021-12345678\n".encode()
    with path.open("wb") as handle:
        handle.write(line)
        block = row * (MB // len(row))
        written = len(line)
        while written < size:
            chunk = block[: size - written]
            handle.write(chunk)
            written += len(chunk)


def _child(*args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), *args]


def upload_memory() -> list[tuple[str, str]]:
    rows = []
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with tempfile.TemporaryDirectory() as tmp:
        env["TECHMICE_DATA_DIR"] = tmp
        server = subprocess.Popen(_child("--serve"), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        try:
            assert server.stdout is not None
            url = server.stdout.readline().strip()
            results: dict[tuple[str, int], dict[str, float]] = {}
            for size_mb in (20, 200):
                path = Path(tmp) / f"hotels-{size_mb}.csv"
                _make_csv(path, size_mb * MB)
                for mode in ("streaming", "naive"):
                    out = subprocess.run(
                        _child("--upload", url, str(path), mode), capture_output=True, text=True, env=env, check=True
                    )
                    results[(mode, size_mb)] = json.loads(out.stdout.strip().splitlines()[-1])
                path.unlink()
        finally:
            assert server.stdin is not None
            server.stdin.close()
            server.wait(timeout=30)
    for mode in ("streaming", "naive"):
        small, big = results[(mode, 20)], results[(mode, 200)]
        growth_small = (small["peak_kib"] - small["before_kib"]) / 1024
        growth_big = (big["peak_kib"] - big["before_kib"]) / 1024
        ratio = big["peak_kib"] / small["peak_kib"]
        rows.append(
            (
                f"upload peak RSS, {mode}: 200 MB vs 20 MB file",
                f"{big['peak_kib'] / 1024:.0f} MB vs {small['peak_kib'] / 1024:.0f} MB "
                f"(+{growth_big:.0f} / +{growth_small:.0f} MB during upload), ratio {ratio:.2f}x, "
                f"200 MB in {big['seconds']:.1f} s",
            )
        )
    streaming_ratio = results[("streaming", 200)]["peak_kib"] / results[("streaming", 20)]["peak_kib"]
    naive_vs_streaming = results[("naive", 200)]["peak_kib"] / results[("streaming", 200)]["peak_kib"]
    verdict = "PASS" if streaming_ratio <= 1.25 else "FAIL"
    rows.append(("verdict: streaming memory flat (<= 1.25x)", f"{verdict} ({streaming_ratio:.2f}x)"))
    rows.append(("naive / streaming peak at 200 MB", f"{naive_vs_streaming:.1f}x"))
    return rows


_STARTUP_PROBE = """
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
t0 = time.perf_counter()
from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer, QUrl
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
from PySide6.QtWidgets import QApplication
import desktop_app.ui.main_window  # everything the window needs, QtWebEngine left out
app = QApplication([])
t1 = time.perf_counter()
if "{mode}" == "web":
    from PySide6.QtWebEngineWidgets import QWebEngineView
    view = QWebEngineView()
    loop = QEventLoop()
    view.loadFinished.connect(lambda ok: loop.quit())
    QTimer.singleShot(30000, loop.quit)
    view.load(QUrl("about:blank"))
    loop.exec()
    view.deleteLater()
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
os._exit(0)
"""


def startup() -> list[tuple[str, str]]:
    """What deferring QtWebEngine saves: the window's own start vs. the first web view."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}

    def best_of(mode: str) -> tuple[float, float]:
        runs = []
        for _ in range(3):
            out = subprocess.run(
                [sys.executable, "-c", _STARTUP_PROBE.replace("{mode}", mode)],
                capture_output=True,
                text=True,
                env=env,
                check=False,
            )
            if out.returncode != 0:
                return float("nan"), float("nan")
            first, second = (float(x) for x in out.stdout.split())
            runs.append((first, second))
        return min(runs, key=lambda r: r[0] + r[1])

    window, _ = best_of("window")
    _, web = best_of("web")
    return [
        ("start-up: imports + QApplication (web deferred)", f"{window * 1000:.0f} ms"),
        ("first QtWebEngine view (paid on first App open)", f"{web * 1000:.0f} ms, {web / window:.1f}x the start-up"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--serve", action="store_true")
    parser.add_argument("--upload", nargs=3, metavar=("URL", "PATH", "MODE"))
    args = parser.parse_args()
    if args.serve:
        _serve()
        return
    if args.upload:
        _upload(*args.upload)
        return
    rows = upload_memory() + startup()
    width = max(len(name) for name, _ in rows)
    print(f"TechMICE Desktop benchmarks — {time.strftime('%Y-%m-%d %H:%M')} — {os.cpu_count()} cores")
    for name, value in rows:
        print(f"{name.ljust(width)}  {value}")


if __name__ == "__main__":
    main()
