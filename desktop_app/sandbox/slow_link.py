"""A slow network in front of the sandbox: a loopback TCP relay with a throttled uplink.

The sandbox's ``slow_upload`` fault cannot slow the *client's* sending: waitress receives the
whole request body before the app sees it, and loopback socket buffers swallow megabytes at
once. To show (in tests, screenshots and training) what an upload looks like on a slow
line, point the client at this relay: app -> relay is throttled, relay -> app is not.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable
from typing import Any


class SlowLink:
    """A loopback TCP relay to the sandbox whose uplink carries at most ``rate`` bytes a second."""

    def __init__(self, upstream_port: int, rate: float) -> None:
        self._upstream_port = upstream_port
        self._rate = rate
        self._stopping = threading.Event()
        self._sockets: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self._listener = socket.socket()
        # A small receive buffer so that few bytes hide in the relay.
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 32 * 1024)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen()
        self.base_url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._start(self._accept)

    def _start(self, target: Callable[..., None], *args: Any) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                app_side, _ = self._listener.accept()
            except OSError:
                return
            gateway_side = socket.create_connection(("127.0.0.1", self._upstream_port))
            self._sockets += [app_side, gateway_side]
            self._start(self._pump, app_side, gateway_side, self._rate)
            self._start(self._pump, gateway_side, app_side, None)

    def _pump(self, source: socket.socket, target: socket.socket, rate: float | None) -> None:
        chunk = 8192 if rate is None else max(1, int(rate / 50))
        try:
            while data := source.recv(chunk):
                target.sendall(data)
                if rate is not None and self._stopping.wait(len(data) / rate):
                    return
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self._stopping.set()
        # shutdown() wakes the threads blocked in accept()/recv()/sendall(); close() alone would not.
        for sock in (self._listener, *self._sockets):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        for thread in self._threads:
            thread.join(timeout=5)
