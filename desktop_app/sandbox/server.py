"""Lifecycle of the embedded sandbox gateway: a real HTTP server on loopback.

The desktop app starts it for the sandbox environment (demo, training, offline use) and
the tests start one per test as the client's peer, so start and stop must be quick,
repeatable in one process and leave no thread or socket behind. Flask serves the
routes, waitress the HTTP (no hand-parsed HTTP anywhere). waitress's event loop runs in
a thread of its own; stopping closes every socket from inside that loop (via waitress's
trigger), so the loop ends at once even while keep-alive clients are still connected.
"""

from __future__ import annotations

import http.client
import logging
import os
import shutil
import socket
import tempfile
import threading
from pathlib import Path
from types import TracebackType

import waitress
from waitress import wasyncore
from waitress.server import BaseWSGIServer

from desktop_app.gateway.profile import is_loopback_host
from desktop_app.sandbox.app import create_app
from desktop_app.sandbox.auth import TokenService
from desktop_app.sandbox.context import SandboxContext
from desktop_app.sandbox.faults import FaultInjector
from desktop_app.sandbox.store import SandboxStore
from desktop_app.sandbox.tenant import DemoTenant, employee_user_id

logger = logging.getLogger("techmice.sandbox")

DEFAULT_IMPORT_FIELD = "file"
DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024
_WILDCARD_HOSTS = ("0.0.0.0", "::", "")
_STOP_TIMEOUT = 5.0


class _DroppedConnectionNoise(logging.Filter):
    """Drops waitress's warning about a short body: the sandbox sends one on purpose.

    Only the ``drop_connection`` fault sends fewer bytes than its Content-Length (Flask
    otherwise always sets the exact length), so the warning carries no news.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("application returned too few bytes")


_NOISE_FILTER = _DroppedConnectionNoise()


def _quiet_third_party_loggers() -> None:
    """waitress and werkzeug chatter at INFO; keep them to warnings unless configured."""
    for name in ("waitress", "werkzeug"):
        third_party = logging.getLogger(name)
        if third_party.level == logging.NOTSET:
            third_party.setLevel(logging.WARNING)
    waitress_logger = logging.getLogger("waitress")
    if _NOISE_FILTER not in waitress_logger.filters:
        waitress_logger.addFilter(_NOISE_FILTER)


class SandboxServer:
    """The embedded 会引擎 gateway. ``with SandboxServer() as sandbox: sandbox.base_url``."""

    def __init__(
        self,
        *,
        db_path: Path | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        tenant: DemoTenant | None = None,
        access_ttl: int = 3600,
        refresh_ttl: int = 30 * 86400,
        import_field: str = DEFAULT_IMPORT_FIELD,
        enable_fault_api: bool = False,
        allow_remote: bool = False,
        threads: int = 8,
        max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
    ) -> None:
        if not allow_remote and not is_loopback_host(host):
            raise ValueError(
                f"host {host!r} is not a loopback address; the sandbox holds demo credentials and "
                "must not be reachable from the network unless allow_remote=True"
            )
        if access_ttl < 0 or refresh_ttl < 0:
            raise ValueError("token lifetimes must not be negative")
        if not import_field:
            raise ValueError("import_field must not be empty")
        # "localhost" may resolve to ::1 and 127.0.0.1, which waitress would bind as two
        # sockets on two different random ports; one address gives one base_url.
        self.host = "127.0.0.1" if host == "localhost" else host
        self.db_path = db_path
        self.tenant = tenant or DemoTenant()
        self.access_ttl = access_ttl
        self.refresh_ttl = refresh_ttl
        self.import_field = import_field
        self.enable_fault_api = enable_fault_api
        self.faults = FaultInjector()
        self._requested_port = port
        self._threads = threads
        self._max_upload_bytes = max_upload_bytes
        self._lifecycle = threading.Lock()
        self._stopping = threading.Event()
        self._started = False
        self._stopped = False
        self._port: int | None = None
        self._server: BaseWSGIServer | None = None
        self._socket_map: dict[int, wasyncore.dispatcher] = {}
        self._thread: threading.Thread | None = None
        self._store: SandboxStore | None = None
        self._temp_upload_dir: Path | None = None

    # Lifecycle ------------------------------------------------------------------------

    def start(self) -> SandboxServer:
        """Bind, serve in a background thread and return once a request is answered."""
        with self._lifecycle:
            if self._started:
                raise RuntimeError("a SandboxServer can be started only once; create a new one")
            self._started = True
        _quiet_third_party_loggers()
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        logger.info("sandbox gateway serving at %s (tenant %s)", self.base_url, self.tenant.ent_id)
        return self

    def _start(self) -> None:
        store = self._store = SandboxStore(self.db_path)
        ent_id = self.tenant.ent_id
        store.upsert_employees(
            ent_id,
            (
                (user_name, name, employee_user_id(ent_id, user_name))
                for user_name, name in self.tenant.employees.items()
            ),
            source="tenant",
            keep_names=False,
        )
        if self.db_path is not None:
            upload_dir = self.db_path.parent / "uploads"
        else:
            upload_dir = self._temp_upload_dir = Path(tempfile.mkdtemp(prefix="techmice-sandbox-"))
        tokens = TokenService(tenant=self.tenant, store=store, access_ttl=self.access_ttl, refresh_ttl=self.refresh_ttl)
        ctx = SandboxContext(
            tenant=self.tenant,
            store=store,
            tokens=tokens,
            faults=self.faults,
            upload_dir=upload_dir,
            import_field=self.import_field,
            enable_fault_api=self.enable_fault_api,
            stopping=self._stopping,
        )
        app = create_app(ctx, max_upload_bytes=self._max_upload_bytes)
        # Bound here rather than by waitress: when waitress's own bind fails it leaves its
        # worker threads and sockets behind; a socket we bound ourselves cannot fail there.
        listener = self._bind()
        server = waitress.create_server(
            app,
            map=self._socket_map,
            sockets=[listener],
            threads=self._threads,
            ident="techmice-sandbox",
            # waitress answers oversize bodies itself (plain text); keep its limit above
            # Flask's so that planners normally get the enveloped 413 from the app.
            max_request_body_size=self._max_upload_bytes * 2 + 16 * 1024 * 1024,
        )
        if not isinstance(server, BaseWSGIServer):  # cannot happen with one socket
            server.close()
            raise RuntimeError("waitress did not create a single-socket server")
        self._server = server
        self._port = int(server.effective_port)
        if self.host not in _WILDCARD_HOSTS:
            ctx.origin = self.base_url  # else the entry URL follows the Host header
        self._thread = threading.Thread(target=server.run, name=f"techmice-sandbox:{self._port}", daemon=True)
        self._thread.start()
        self._wait_until_serving()

    def _bind(self) -> socket.socket:
        candidates = socket.getaddrinfo(self.host, self._requested_port, type=socket.SOCK_STREAM)
        family, kind, proto, _, address = candidates[0]
        listener = socket.socket(family, kind, proto)
        try:
            if os.name == "posix":  # rebinding a fixed port right after a stop (TIME_WAIT)
                listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind(address)
        except OSError:
            listener.close()
            raise
        return listener

    def _wait_until_serving(self) -> None:
        host = self._client_host()
        connection = http.client.HTTPConnection(host, self._port, timeout=_STOP_TIMEOUT)
        try:
            connection.request("GET", "/__sandbox__/health")
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"sandbox health check answered HTTP {response.status}")
        finally:
            connection.close()

    def stop(self) -> None:
        """Close all sockets, end the threads, close the database. Safe to call twice."""
        with self._lifecycle:
            if self._stopped:
                return
            self._stopped = True
        self._stopping.set()  # wakes requests sleeping in latency or slow_upload faults
        server, thread = self._server, self._thread
        if server is not None:
            # Workers first, while the loop still runs: a worker finishing its request
            # writes to its channel and pulls the loop's trigger, which must still exist.
            server.task_dispatcher.shutdown(cancel_pending=True, timeout=_STOP_TIMEOUT)
            if thread is not None and thread.is_alive():
                # Closing from inside the loop: its socket map empties and run() returns,
                # even with keep-alive clients still connected.
                try:
                    server.trigger.pull_trigger(lambda: wasyncore.close_all(self._socket_map, ignore_all=True))
                except OSError as exc:
                    # The trigger's pipe is already gone (the loop is ending on its own, or a
                    # descriptor was closed under it); close the sockets from here instead.
                    logger.info("sandbox trigger unavailable at stop (%s); closing directly", exc)
                    wasyncore.close_all(self._socket_map, ignore_all=True)
                thread.join(_STOP_TIMEOUT)
                if thread.is_alive():
                    logger.warning("sandbox event loop did not stop within %.0f s", _STOP_TIMEOUT)
        # Whatever the loop did not close (a start that failed half way).
        wasyncore.close_all(self._socket_map, ignore_all=True)
        if self._store is not None:
            self._store.close()
        if self._temp_upload_dir is not None:
            shutil.rmtree(self._temp_upload_dir, ignore_errors=True)
        if self._port is not None:
            logger.info("sandbox gateway at port %d stopped", self._port)

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # Addresses ------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("the sandbox is not started")
        return self._port

    def _client_host(self) -> str:
        """Where a client on this machine connects: loopback even for a wildcard bind."""
        if self.host in ("0.0.0.0", ""):
            return "127.0.0.1"
        return "::1" if self.host == "::" else self.host

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` (no trailing slash) for clients on this machine; valid once started."""
        host = self._client_host()
        return f"http://[{host}]:{self.port}" if ":" in host else f"http://{host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive() and not self._stopped
