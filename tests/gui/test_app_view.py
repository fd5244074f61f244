"""The app view against real HTTP servers on loopback, with real QtWebEngine (offscreen).

Two servers on different ports are two origins: "app" plays the 会引擎 H5 app (allowed) and
"other" any site it links to. We check what actually crosses the wire (the servers record
every request) and what the page shows (read back with ``runJavaScript``).
"""

from __future__ import annotations

import gc
import html
import logging
import os
import signal
import socket
import sqlite3
import ssl
import threading
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import shiboken6
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
from PySide6.QtWidgets import QApplication

from desktop_app.storage import paths
from desktop_app.web.error_page import ERROR_PAGE_ID, RETRY_LINK_ID
from desktop_app.web.origins import AllowedOrigins
from desktop_app.web.profile import clear_browsing_data
from desktop_app.web.view import AppView
from tests.support.certs import self_signed_server_context

# Qt warnings fail these tests (e.g. "Release of profile requested but WebEnginePage still not
# deleted"), except what the offscreen platform without a GPU always prints.
pytestmark = [pytest.mark.webengine]  # runs after the qasync tests, see conftest.py

TOKEN = "Bearer test-token-123"
TIMEOUT_MS = 15_000
GIF = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b")

# -- loopback HTTP servers --------------------------------------------------------------------


@dataclass
class Request:
    path: str
    headers: dict[str, str]  # lower-cased names


Response = tuple[int, dict[str, str], bytes]
Route = Callable[[Request], Response]


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        request = Request(self.path, {k.lower(): v for k, v in self.headers.items()})
        self.server.requests.append(request)
        route = self.server.routes.get(urlsplit(self.path).path)
        status, headers, body = route(request) if route else (404, {}, b"not found")
        self.send_response(status)
        headers.setdefault("Content-Type", "text/html; charset=utf-8")
        headers.setdefault("Cache-Control", "no-store")
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, routes: dict[str, Route]) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.routes = routes
        self.requests: list[Request] = []


@dataclass
class LoopbackServer:
    """A real HTTP server on 127.0.0.1; listening as soon as it exists (no readiness wait)."""

    httpd: _Server
    scheme: str = "http"
    thread: threading.Thread = field(init=False)

    def __post_init__(self) -> None:
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def origin(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.httpd.server_port}"

    def url(self, path: str = "/") -> str:
        return self.origin + path

    def requests_for(self, path: str) -> list[Request]:
        return [r for r in self.httpd.requests if urlsplit(r.path).path == path]

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


@pytest.fixture
def start_server() -> Iterator[Callable[..., LoopbackServer]]:
    servers: list[LoopbackServer] = []

    def start(routes: dict[str, Route], *, port: int = 0, tls: ssl.SSLContext | None = None) -> LoopbackServer:
        httpd = _Server(port, routes)
        if tls is not None:
            httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
        server = LoopbackServer(httpd, "https" if tls else "http")
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def page_html(title: str, body: str) -> bytes:
    return f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>".encode()


def other_routes() -> dict[str, Route]:
    return {
        "/landing": lambda r: (200, {}, page_html("other", "<p>another origin</p>")),
        "/popup": lambda r: (200, {}, page_html("popup", "<p>popup</p>")),
        "/pixel.gif": lambda r: (200, {"Content-Type": "image/gif"}, GIF),
    }


def app_routes(other_origin: str = "http://127.0.0.1:1") -> dict[str, Route]:
    """The fake H5 app: shows the Authorization header it received and links elsewhere."""

    def home(request: Request) -> Response:
        auth = html.escape(request.headers.get("authorization", "(none)"))
        cookie = html.escape(request.headers.get("cookie", "(none)"))
        body = f"""
            <pre id="auth">{auth}</pre><pre id="cookie">{cookie}</pre>
            <p><a id="to-second" href="/second">same origin</a></p>
            <p><a id="to-other" href="{other_origin}/landing">other origin</a></p>
            <p><a id="blank-other" target="_blank" href="{other_origin}/popup">other, new window</a></p>
            <p><a id="blank-same" target="_blank" href="/second">same origin, new window</a></p>
            <p><a id="download" href="/report.xlsx">download</a></p>
            <p><a id="to-file" href="file:///etc/hostname">file link</a></p>
            <img src="{other_origin}/pixel.gif"><img src="/pixel.gif">"""
        return 200, {}, page_html("H5 home", body)

    def second(request: Request) -> Response:
        auth = html.escape(request.headers.get("authorization", "(none)"))
        return 200, {}, page_html("H5 second", f'<pre id="auth">{auth}</pre>')

    return {
        "/": home,
        "/second": second,
        "/pixel.gif": lambda r: (200, {"Content-Type": "image/gif"}, GIF),
        "/set-cookie": lambda r: (
            200,
            {"Set-Cookie": "session=abc123; Max-Age=3600; Path=/; HttpOnly"},
            page_html("cookie", "<p>cookie set</p>"),
        ),
        "/report.xlsx": lambda r: (
            200,
            {"Content-Type": "application/octet-stream", "Content-Disposition": 'attachment; filename="r.xlsx"'},
            b"not really a spreadsheet",
        ),
    }


# -- the view under test ------------------------------------------------------------------------


@dataclass
class Harness:
    qtbot: Any
    view: AppView
    opened: list[QUrl]
    token: dict[str, str | None]

    @property
    def page(self) -> QWebEnginePage:
        assert self.view.page is not None
        return self.view.page

    def auth_header(self) -> str | None:
        return self.token["value"]

    def open(self, url: str, *, allowed: AllowedOrigins | None = None, environment: str = "sandbox") -> bool:
        allowed = allowed or AllowedOrigins.from_urls([url])
        with self.qtbot.waitSignal(self.view.loadFinished, timeout=TIMEOUT_MS) as blocker:
            self.view.open(url, allowed=allowed, auth_header=self.auth_header, environment_name=environment)
        return blocker.args[0]

    def js(self, script: str) -> Any:
        box: list[Any] = []
        self.page.runJavaScript(script, 0, box.append)
        self.qtbot.waitUntil(lambda: len(box) == 1, timeout=TIMEOUT_MS)
        return box[0]

    def text_of(self, element_id: str) -> str | None:
        return self.js(f"(e => e && e.textContent)(document.getElementById({element_id!r}))")

    def click(self, element_id: str) -> None:
        """A real mouse click on the element, as a planner would do it."""
        centre = self.js(
            f"(r => `${{r.left + r.width / 2}},${{r.top + r.height / 2}}`)"
            f"(document.getElementById({element_id!r}).getBoundingClientRect())"
        )
        x, y = (float(v) for v in centre.split(","))
        assert self.view.web_view is not None
        target = self.view.web_view.focusProxy()
        QTest.mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(int(x), int(y)))

    def is_error_page(self) -> bool:
        return self.page.url().scheme() == "data" and self.js(f"!!document.getElementById({ERROR_PAGE_ID!r})")


@pytest.fixture
def harness(qtbot) -> Iterator[Harness]:
    opened: list[QUrl] = []
    view = AppView(open_external=opened.append)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    yield Harness(qtbot, view, opened, {"value": TOKEN})
    view.close_profile()  # view and page, then profile
    shiboken6.delete(view)


# -- the token ----------------------------------------------------------------------------------


def test_token_goes_to_the_allowed_origin_and_nowhere_else(harness: Harness, start_server) -> None:
    other = start_server(other_routes())
    app = start_server(app_routes(other.origin))

    assert harness.open(app.url("/"))

    assert harness.text_of("auth") == TOKEN
    assert app.requests_for("/")[0].headers["authorization"] == TOKEN
    harness.qtbot.waitUntil(lambda: bool(app.requests_for("/pixel.gif") and other.requests_for("/pixel.gif")))
    assert app.requests_for("/pixel.gif")[0].headers.get("authorization") == TOKEN
    for request in other.httpd.requests:
        assert "authorization" not in request.headers, request.path


def test_token_is_read_per_request_and_survives_garbage_collection(harness: Harness, start_server) -> None:
    app = start_server(app_routes())
    assert harness.open(app.url("/"))
    assert harness.text_of("auth") == TOKEN

    gc.collect()  # the interceptor must be held by the profile, not by a Python local
    harness.token["value"] = "Bearer refreshed"
    with harness.qtbot.waitSignal(harness.view.loadFinished, timeout=TIMEOUT_MS):
        harness.view.retry()
    assert harness.text_of("auth") == "Bearer refreshed"

    harness.token["value"] = None  # signed out: no header at all
    with harness.qtbot.waitSignal(harness.view.loadFinished, timeout=TIMEOUT_MS):
        harness.view.retry()
    assert harness.text_of("auth") == "(none)"


def test_open_refuses_an_entry_url_outside_the_allowed_origins(harness: Harness) -> None:
    with pytest.raises(ValueError):
        harness.view.open(
            "https://evil.example/",
            allowed=AllowedOrigins.from_urls(["https://gateway.example"]),
            auth_header=harness.auth_header,
            environment_name="sandbox",
        )
    assert harness.view.page is None


# -- navigation -----------------------------------------------------------------------------------


def test_link_to_another_origin_opens_in_the_system_browser(harness: Harness, start_server) -> None:
    other = start_server(other_routes())
    app = start_server(app_routes(other.origin))
    assert harness.open(app.url("/"))

    with harness.qtbot.waitSignal(harness.view.statusMessage, timeout=TIMEOUT_MS):
        harness.click("to-other")

    assert [u.toString() for u in harness.opened] == [other.url("/landing")]
    assert harness.text_of("auth") == TOKEN  # still the app's page, the DOM is intact
    assert harness.page.url().toString() == app.url("/")
    assert other.requests_for("/landing") == []


def test_new_window_links_open_outside_or_in_the_same_view(harness: Harness, start_server) -> None:
    other = start_server(other_routes())
    app = start_server(app_routes(other.origin))
    assert harness.open(app.url("/"))

    harness.click("blank-other")
    harness.qtbot.waitUntil(lambda: len(harness.opened) == 1, timeout=TIMEOUT_MS)
    assert harness.opened[0].toString() == other.url("/popup")
    assert harness.page.url().toString() == app.url("/")

    with harness.qtbot.waitSignal(harness.view.loadFinished, timeout=TIMEOUT_MS) as blocker:
        harness.click("blank-same")
    assert blocker.args == [True]
    assert harness.page.url().toString() == app.url("/second")
    assert harness.text_of("auth") == TOKEN
    assert len(harness.opened) == 1
    assert other.requests_for("/popup") == []


_LINK = QWebEnginePage.NavigationType.NavigationTypeLinkClicked


@pytest.mark.parametrize(
    ("url", "main_frame", "accepted", "to_browser"),
    [
        ("{app}/deep/link?x=1", True, True, False),
        ("{app}/frame", False, True, False),
        ("about:blank", True, True, False),
        ("about:srcdoc", False, True, False),
        ("blob:{app}/0b7c4e", True, True, False),  # created by the allowed origin
        ("blob:https://evil.example/0b7c4e", False, False, False),
        ("https://evil.example/", True, False, True),
        ("http://127.0.0.1:1/", True, False, True),  # same host, other port: other origin
        ("https://evil.example/ad", False, False, False),  # foreign frames: refused quietly
        ("file:///etc/hostname", True, False, False),  # never handed to the system either
        ("data:text/html,<p>phish</p>", True, False, False),  # only our own error page
        ("javascript:alert(1)", True, False, False),
        ("weixin://dl/business", True, False, False),
        ("ftp://evil.example/", True, False, False),
    ],
)
def test_navigation_policy(
    harness: Harness, start_server, url: str, main_frame: bool, accepted: bool, to_browser: bool
) -> None:
    app = start_server(app_routes())
    assert harness.open(app.url("/"))
    qurl = QUrl(url.format(app=app.origin))
    assert harness.page.acceptNavigationRequest(qurl, _LINK, main_frame) is accepted
    assert harness.opened == ([qurl] if to_browser else [])


def test_toolbar_back_and_open_in_browser(harness: Harness, start_server) -> None:
    app = start_server(app_routes())
    assert harness.open(app.url("/"))
    assert not harness.view.back_action.isEnabled()
    # A click, not a script: Chromium skips history entries left without a user gesture.
    with harness.qtbot.waitSignal(harness.view.loadFinished, timeout=TIMEOUT_MS):
        harness.click("to-second")
    harness.qtbot.waitUntil(harness.view.back_action.isEnabled, timeout=TIMEOUT_MS)
    assert harness.view._address.full_text() == "H5 second"

    with harness.qtbot.waitSignal(harness.view.loadFinished, timeout=TIMEOUT_MS):
        harness.view.back_action.trigger()
    assert harness.page.url().toString() == app.url("/")

    harness.view.open_in_browser_action.trigger()
    assert [u.toString() for u in harness.opened] == [app.url("/")]


# -- failures -------------------------------------------------------------------------------------


def test_failed_load_shows_the_error_page_and_retry_recovers(harness: Harness, start_server) -> None:
    port = free_port()  # nothing listens here yet
    url = f"http://127.0.0.1:{port}/"

    assert harness.open(url) is False
    harness.qtbot.waitUntil(harness.is_error_page, timeout=TIMEOUT_MS)
    assert harness.text_of(RETRY_LINK_ID) == "Retry"
    assert harness.view._address.toolTip() == url
    assert harness.view.open_in_browser_action.isEnabled()

    app = start_server(app_routes(), port=port)  # the server comes up
    with harness.qtbot.waitSignal(harness.view.loadFinished, timeout=TIMEOUT_MS) as blocker:
        harness.click(RETRY_LINK_ID)
    assert blocker.args == [True]
    assert harness.page.url().toString() == url
    assert harness.text_of("auth") == TOKEN  # the retried request carried the token
    assert app.requests_for("/")[0].headers["authorization"] == TOKEN


def test_toolbar_reload_retries_a_failed_load(harness: Harness, start_server) -> None:
    port = free_port()
    assert harness.open(f"http://127.0.0.1:{port}/") is False
    harness.qtbot.waitUntil(harness.is_error_page, timeout=TIMEOUT_MS)
    start_server(app_routes(), port=port)
    with harness.qtbot.waitSignal(harness.view.loadFinished, timeout=TIMEOUT_MS) as blocker:
        harness.view.reload_action.trigger()
    assert blocker.args == [True]
    assert harness.text_of("auth") == TOKEN


def test_back_leaves_the_error_page(harness: Harness, start_server) -> None:
    app = start_server(app_routes())
    dead = f"http://127.0.0.1:{free_port()}/"
    allowed = AllowedOrigins.from_urls([app.url(), dead])
    assert harness.open(app.url("/"), allowed=allowed)
    assert harness.open(dead, allowed=allowed) is False
    harness.qtbot.waitUntil(harness.is_error_page, timeout=TIMEOUT_MS)
    harness.qtbot.waitUntil(harness.view.back_action.isEnabled, timeout=TIMEOUT_MS)

    with harness.qtbot.waitSignal(harness.view.loadFinished, timeout=TIMEOUT_MS) as blocker:
        harness.view.back_action.trigger()
    assert blocker.args == [True]
    assert harness.page.url().toString() == app.url("/")
    assert harness.view._address.toolTip() == app.url("/")


@pytest.fixture
def self_signed_tls(tmp_path: Path) -> ssl.SSLContext:
    return self_signed_server_context(tmp_path)


def test_certificate_errors_are_never_overridden(
    harness: Harness, start_server, self_signed_tls: ssl.SSLContext, caplog: pytest.LogCaptureFixture
) -> None:
    app = start_server(app_routes(), tls=self_signed_tls)

    assert harness.open(app.url("/")) is False

    harness.qtbot.waitUntil(harness.is_error_page, timeout=TIMEOUT_MS)
    assert "certificate" in harness.js("document.body.textContent")
    assert app.httpd.requests == []  # no HTTP request (and no token) went over the bad connection
    assert any("certificate error" in r.getMessage() for r in caplog.records)


def test_http_error_from_the_server_is_shown_as_sent(harness: Harness, start_server) -> None:
    app = start_server(app_routes())
    assert harness.open(app.url("/missing")) is False
    assert harness.page.url().toString() == app.url("/missing")
    assert harness.js("document.body.textContent") == "not found"


# -- what the page may not do ------------------------------------------------------------------------


def drag_event(cls: type[QDragMoveEvent], pos: QPointF, *args: Any) -> QDragMoveEvent:
    try:
        return cls(pos, *args)  # PySide6 >= 6.12 (the QPoint form is deprecated there)
    except TypeError:
        return cls(pos.toPoint(), *args)  # PySide6 < 6.12 has only the QPoint form


def test_files_dropped_on_the_view_are_refused(harness: Harness, start_server, tmp_path: Path) -> None:
    app = start_server(app_routes())
    assert harness.open(app.url("/"))
    dropped = tmp_path / "dropped.html"
    dropped.write_text("<p id='auth'>dropped</p>")
    web_view = harness.view.web_view
    assert web_view is not None

    # Qt delivers a drag to the widget under the cursor, or its nearest parent, that accepts
    # drops: none on the way up from the web view's content may.
    widget = harness.view.childAt(web_view.geometry().center())
    assert widget is web_view.focusProxy()
    while widget is not None:
        assert not widget.acceptDrops(), widget.metaObject().className()
        widget = widget.parentWidget()

    # Even events sent straight to the content widget are not taken.
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    pos = QPointF(100, 100)
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    for target in (web_view.focusProxy(), web_view, harness.view):
        enter, move = drag_event(QDragEnterEvent, pos, *args), drag_event(QDragMoveEvent, pos, *args)
        for event in (enter, move, QDropEvent(pos, *args)):
            QApplication.sendEvent(target, event)
            assert not event.isAccepted(), (target.metaObject().className(), event.type())

    # And the page itself refuses a file: navigation (what a drop would ask for).
    assert not harness.page.acceptNavigationRequest(
        QUrl.fromLocalFile(str(dropped)), QWebEnginePage.NavigationType.NavigationTypeLinkClicked, True
    )
    assert harness.text_of("auth") == TOKEN
    assert harness.opened == []


def test_drops_stay_refused_when_the_render_process_changes(harness: Harness, start_server) -> None:
    """Qt replaces the content widget on a cross-site navigation: the new one must refuse too."""
    app = start_server(app_routes())
    port = app.httpd.server_port
    allowed = AllowedOrigins.from_urls([app.url(), f"http://localhost:{port}/"])
    assert harness.open(app.url("/"), allowed=allowed)
    web_view = harness.view.web_view
    assert web_view is not None
    first = web_view.focusProxy()

    assert harness.open(f"http://localhost:{port}/", allowed=allowed)  # another site
    harness.qtbot.waitUntil(lambda: web_view.focusProxy() is not first, timeout=TIMEOUT_MS)
    assert not web_view.focusProxy().acceptDrops()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_a_crashed_page_offers_retry(harness: Harness, start_server) -> None:
    app = start_server(app_routes())
    assert harness.open(app.url("/"))
    os.kill(harness.page.renderProcessPid(), signal.SIGKILL)
    harness.qtbot.waitUntil(harness.is_error_page, timeout=TIMEOUT_MS)
    assert "stopped unexpectedly" in harness.js("document.body.textContent")

    with harness.qtbot.waitSignal(harness.view.loadFinished, timeout=TIMEOUT_MS) as blocker:
        harness.click(RETRY_LINK_ID)
    assert blocker.args == [True]
    assert harness.text_of("auth") == TOKEN


def test_permissions_are_denied(harness: Harness, start_server, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="desktop_app.web.page")
    app = start_server(app_routes())
    assert harness.open(app.url("/"))

    harness.js(
        "navigator.geolocation.getCurrentPosition("
        "  () => { document.title = 'geo:granted'; },"
        "  (e) => { document.title = 'geo:' + e.code; })"
    )
    harness.qtbot.waitUntil(lambda: harness.page.title().startswith("geo:"), timeout=TIMEOUT_MS)
    assert harness.page.title() == "geo:1"  # PERMISSION_DENIED
    assert any("permission Geolocation" in r.getMessage() and "denied" in r.getMessage() for r in caplog.records)


def test_downloads_are_refused_and_the_planner_is_told(
    harness: Harness, start_server, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="desktop_app.web.profile")
    app = start_server(app_routes())
    assert harness.open(app.url("/"))
    with harness.qtbot.waitSignal(harness.view.statusMessage, timeout=TIMEOUT_MS) as blocker:
        harness.click("download")
    assert "Downloads" in blocker.args[0]
    assert any("download refused" in r.getMessage() for r in caplog.records)
    assert harness.text_of("auth") == TOKEN


def test_javascript_console_goes_to_the_debug_log(
    harness: Harness, start_server, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="desktop_app.web.page")
    app = start_server(app_routes())
    assert harness.open(app.url("/?ticket=secret"))
    harness.js("console.warn('hello from the H5 app')")

    def logged() -> bool:
        return any("hello from the H5 app" in r.getMessage() for r in caplog.records)

    harness.qtbot.waitUntil(logged, timeout=TIMEOUT_MS)
    record = next(r for r in caplog.records if "hello from the H5 app" in r.getMessage())
    assert record.levelno == logging.DEBUG
    assert "secret" not in record.getMessage()


# -- the profile --------------------------------------------------------------------------------------


def test_profile_is_persistent_per_environment_below_the_data_dir(
    harness: Harness, start_server, data_dir: Path
) -> None:
    app = start_server(app_routes())
    assert harness.open(app.url("/"), environment="sandbox")
    profile = harness.view.profile
    assert profile is not None
    storage = paths.web_profile_dir("sandbox")
    assert storage.is_relative_to(data_dir)  # tests/conftest.py: a temporary folder per test
    assert not profile.isOffTheRecord()
    assert Path(profile.persistentStoragePath()) == storage
    assert Path(profile.cachePath()).is_relative_to(storage)
    assert profile.persistentCookiesPolicy() == QWebEngineProfile.PersistentCookiesPolicy.ForcePersistentCookies
    assert profile.httpCacheType() == QWebEngineProfile.HttpCacheType.DiskHttpCache

    assert harness.open(app.url("/"), environment="staging")  # another environment, another profile
    assert harness.view.profile is not profile
    assert Path(harness.view.profile.persistentStoragePath()) == paths.web_profile_dir("staging")


def stored_cookie_names(environment: str) -> set[str]:
    """Cookie names in the environment's on-disk cookie database (read-only peek)."""
    database = paths.web_profile_dir(environment) / "Cookies"
    if not database.exists():
        return set()
    try:
        with closing(sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)) as connection:
            return {name for (name,) in connection.execute("SELECT name FROM cookies")}
    except sqlite3.Error:  # being written right now
        return set()


def test_cookies_persist_per_environment_and_sign_out_clears_them(harness: Harness, start_server) -> None:
    app = start_server(app_routes())
    assert harness.open(app.url("/set-cookie"), environment="sandbox")

    harness.view.close_profile()  # e.g. sign out, or quit and start again
    # Chromium writes cookies to disk on a background thread; reopen once they are there.
    harness.qtbot.waitUntil(lambda: "session" in stored_cookie_names("sandbox"), timeout=TIMEOUT_MS)
    assert harness.open(app.url("/"), environment="sandbox")
    assert harness.text_of("cookie") == "session=abc123"

    assert harness.open(app.url("/"), environment="staging")
    assert harness.text_of("cookie") == "(none)"  # environments never share cookies

    assert harness.open(app.url("/"), environment="sandbox")
    assert harness.text_of("cookie") == "session=abc123"
    profile = harness.view.profile
    assert profile is not None
    removed = [profile.cookieStore().cookieRemoved, profile.clearHttpCacheCompleted]
    with harness.qtbot.waitSignals(removed, timeout=TIMEOUT_MS):  # both happen asynchronously
        clear_browsing_data(profile)
    with harness.qtbot.waitSignal(harness.view.loadFinished, timeout=TIMEOUT_MS):
        harness.view.retry()
    assert harness.text_of("cookie") == "(none)"


def test_destroying_the_view_without_close_profile_tears_down_in_order(qtbot, start_server) -> None:
    """If the main window is closed abruptly, Qt's child order must still delete page first."""
    app = start_server(app_routes())
    view = AppView(open_external=lambda url: None)
    view.show()
    with qtbot.waitSignal(view.loadFinished, timeout=TIMEOUT_MS):
        view.open(
            app.url("/"),
            allowed=AllowedOrigins.from_urls([app.url()]),
            auth_header=lambda: TOKEN,
            environment_name="sandbox",
        )
    profile = view.profile
    shiboken6.delete(view)
    assert not shiboken6.isValid(profile)
    # qt_log_level_fail turns "Release of profile requested ..." into a failure.
