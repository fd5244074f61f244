"""The 会引擎 App section: the H5 app, signed in as the planner, inside the main window.

"Open app" asks the gateway for the entry URL (in the worker), then shows it in
``desktop_app.web.view.AppView``, which adds the planner's token only for the gateway's and the
entry's exact origins and the profile's allowed host suffixes. QtWebEngine is imported here the
first time the app is opened, not when the window starts: loading Chromium is the slowest part of
a start, and many sessions never open this section.

The token is read from the session's client at request time, so a token refreshed by any other
call is used at once. Failures to fetch the entry are shown here with Retry; failures to load
the page itself are shown by the view's own error page.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gateway.errors import AuthError, GatewayError, ProtocolError, TransportError
from desktop_app.services.context import AppServices
from desktop_app.storage import paths
from desktop_app.ui.error_box import ErrorBox
from desktop_app.web.origins import AllowedOrigins, OriginError, origin_of, redact_url

if TYPE_CHECKING:
    from desktop_app.web.view import AppView

log = logging.getLogger(__name__)

# How long sign-out waits for Chromium to report the HTTP cache cleared before closing the profile.
CLEAR_TIMEOUT = 3.0


class EngineAppPage(QWidget):
    """The page for the 会引擎 App section (page interface of the main window).

    ``onlineChanged(bool)`` reports whether the gateway answered the entry call;
    ``statusMessage(str)`` passes the view's short notices to the status bar.
    """

    signInRequired = Signal()
    onlineChanged = Signal(bool)
    statusMessage = Signal(str)
    appLoaded = Signal(bool)  # the H5 app's main page loaded (True) or failed (False)

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._view: AppView | None = None
        self._attempt = 0
        self._opening = False
        self._open_when_signed_in = False  # asked to open while signed out (or sign-in needed)
        self._shown_once = False
        self._entry_url: str | None = None

        # -- the panel shown until the app is open: intro, busy, error --
        self._panel = QWidget(self)
        title = QLabel(self.tr("会引擎 App"), self._panel)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        self._intro = QLabel(self._panel)
        self._intro.setObjectName("intro")
        self._intro.setWordWrap(True)
        self._intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._open_button = QPushButton(self.tr("Open app"), self._panel)
        self._open_button.setObjectName("open_app")
        self._open_button.clicked.connect(self._on_open_clicked)
        self._progress = QProgressBar(self._panel)
        self._progress.setRange(0, 0)
        self._progress.setTextVisible(False)
        self._progress.setMaximumWidth(240)
        self._progress.setMaximumHeight(6)
        self._progress.hide()
        self._error_box = ErrorBox(self._panel)
        self._error_box.setObjectName("error_box")
        self._retry_button = QPushButton(self.tr("Retry"), self._panel)
        self._retry_button.setObjectName("retry")
        self._retry_button.clicked.connect(self._on_open_clicked)
        self._retry_button.hide()

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self._open_button)
        buttons.addWidget(self._retry_button)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(2)
        column.addWidget(title, 0, Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self._intro)
        column.addSpacing(12)
        column.addLayout(buttons)
        column.addWidget(self._progress, 0, Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self._error_box)
        column.addStretch(3)
        centred = QHBoxLayout(self._panel)
        centred.addStretch(1)
        centred.addLayout(column, 4)
        centred.addStretch(1)

        self._stack = QStackedLayout(self)
        self._stack.addWidget(self._panel)
        self._show_intro()

    # -- page interface ------------------------------------------------------------------------

    @property
    def view(self) -> AppView | None:
        """The web view, once the app was opened (None before: QtWebEngine not loaded yet)."""
        return self._view

    @property
    def entry_url(self) -> str | None:
        return self._entry_url

    def on_signed_in(self) -> None:
        self._show_intro()
        if self._open_when_signed_in or self.isVisible():
            self.open_app()

    def on_signed_out(self) -> None:
        """Hide the app: its page shows the previous planner's data."""
        self._attempt += 1
        self._opening = False
        self._open_when_signed_in = False
        self._entry_url = None
        self._stack.setCurrentWidget(self._panel)
        self._show_intro()

    # -- actions ---------------------------------------------------------------------------------

    def open_app(self) -> None:
        """Fetch the entry URL and show the app (no-op while a fetch is already running)."""
        if self._opening:
            return
        if self._services.session.signed_in is None:
            self._open_when_signed_in = True
            self._show_intro()
            return
        self._attempt += 1
        self._opening = True
        self._services.worker.spawn(self._open(self._attempt), name="open-app")

    def reload(self) -> None:
        """Reload the app page (F5); open it first if it is not open."""
        if self._view is not None and self._entry_url is not None and self._stack.currentWidget() is self._view:
            self._view.retry()
        else:
            self.open_app()

    async def forget_browsing_data(self, environment: str | None) -> None:
        """Sign-out: delete the web profile's cookies and cache, and blank the page.

        With a live profile Chromium does it (asynchronously; the cache reports completion).
        The profile itself stays: Chromium releases a profile's folder some time after the
        profile is deleted, and a new profile on the same folder cannot be created until
        then, so the next sign-in reuses this one. Without a live profile, QtWebEngine need
        not be loaded just for this: the environment's profile folder is deleted.
        """
        view = self._view
        page = view.page if view is not None else None
        if view is not None and page is not None and view.environment_name == environment:
            from PySide6.QtCore import QUrl

            from desktop_app.web.profile import clear_browsing_data

            page.load(QUrl("about:blank"))  # the previous planner's data off the screen
            profile = page.profile()
            cleared: asyncio.Future[None] = asyncio.get_running_loop().create_future()

            def on_cleared() -> None:
                if not cleared.done():
                    cleared.set_result(None)

            profile.clearHttpCacheCompleted.connect(on_cleared)
            clear_browsing_data(profile)
            try:
                await asyncio.wait_for(cleared, CLEAR_TIMEOUT)
            except TimeoutError:
                log.warning("web profile cache not cleared within %.0f s", CLEAR_TIMEOUT)
            finally:
                profile.clearHttpCacheCompleted.disconnect(on_cleared)
            return
        if environment:
            folder = paths.web_profile_dir(environment)
            await self._services.worker.run(shutil.rmtree, folder, True)
            log.info("deleted the web profile folder of %s", environment)

    def shutdown(self) -> None:
        """Quit: tear down view and page before their profile (testing.md)."""
        self._attempt += 1
        if self._view is not None:
            self._view.close_profile()

    # -- Qt ------------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            # After the show has been painted, so the section appears at once.
            QTimer.singleShot(0, self._on_first_shown)

    def _on_first_shown(self) -> None:
        if self._view is None or self._entry_url is None:
            self.open_app()

    # -- slots ----------------------------------------------------------------------------------------

    def _on_open_clicked(self) -> None:
        self.open_app()

    def _on_view_load_finished(self, ok: bool) -> None:
        self.appLoaded.emit(ok)

    def _on_view_status_message(self, text: str) -> None:
        self.statusMessage.emit(text)

    # -- opening ----------------------------------------------------------------------------------------

    async def _open(self, attempt: int) -> None:
        self._show_busy()
        session = self._services.session
        try:
            client = session.require_client()
            url = await self._services.worker.run(client.get_entry)
        except AuthError:
            if attempt != self._attempt:
                return
            self._opening = False
            self._open_when_signed_in = True
            self._show_intro()
            self.signInRequired.emit()
            return
        except GatewayError as exc:
            if attempt != self._attempt:
                return
            self._opening = False
            log.info("entry URL not fetched: %s", type(exc).__name__)
            self.onlineChanged.emit(not isinstance(exc, TransportError | ProtocolError))
            self._show_error(exc.user_message(self._services.language), exc.detail)
            return
        except Exception as exc:
            if attempt != self._attempt:
                return
            self._opening = False
            log.exception("unexpected failure fetching the entry URL")
            self._show_error(self.tr("The app could not be opened."), f"{type(exc).__name__}: {exc}")
            return
        if attempt != self._attempt:
            return
        self._opening = False
        self._open_when_signed_in = False
        self.onlineChanged.emit(True)
        profile = session.profile
        if profile is None or session.signed_in is None:
            self._show_intro()
            return
        try:
            allowed = AllowedOrigins(
                origins=frozenset({origin_of(profile.base_url), origin_of(url)}),
                host_suffixes=profile.allowed_host_suffixes,
            )
            view = self._ensure_view()
            view.open(url, allowed=allowed, auth_header=self._authorization, environment_name=profile.name)
        except (OriginError, ValueError) as exc:
            log.warning("entry URL refused: %s (%s)", redact_url(url), exc)
            self._show_error(
                self.tr("The gateway sent an app address this app does not trust, so it was not opened."),
                f"{redact_url(url)}: {exc}",
            )
            return
        except Exception as exc:
            log.exception("the app view could not be started")
            self._show_error(self.tr("The app view could not be started."), f"{type(exc).__name__}: {exc}")
            return
        self._entry_url = url
        self._stack.setCurrentWidget(view)
        log.info("app view opened at %s", redact_url(url))

    def _authorization(self) -> str | None:
        # Called by the web profile's interceptor for every request to an allowed origin:
        # read the session's current token, so a refresh anywhere applies at once.
        client = self._services.session.client
        tokens = client.tokens if client is not None and self._services.session.signed_in is not None else None
        if tokens is None or not tokens.access_token:
            return None
        return tokens.authorization

    def _ensure_view(self) -> AppView:
        if self._view is None:
            from desktop_app.web.view import AppView  # loads QtWebEngine: first use only

            view = AppView(self)
            view.loadFinished.connect(self._on_view_load_finished)
            view.statusMessage.connect(self._on_view_status_message)
            self._stack.addWidget(view)
            self._view = view
        return self._view

    # -- panel states ---------------------------------------------------------------------------------

    def _show_intro(self) -> None:
        signed_in = self._services.session.signed_in is not None
        if signed_in:
            self._intro.setText(self.tr("The 会引擎 H5 app opens here, already signed in as you."))
        else:
            self._intro.setText(self.tr("Sign in to open the 会引擎 app."))
        self._open_button.setVisible(True)
        self._open_button.setEnabled(signed_in)
        self._progress.hide()
        self._hide_error()

    def _show_busy(self) -> None:
        self._stack.setCurrentWidget(self._panel)
        self._intro.setText(self.tr("Opening the 会引擎 app…"))
        self._open_button.setEnabled(False)
        self._progress.show()
        self._hide_error()

    def _show_error(self, message: str, detail: str) -> None:
        self._stack.setCurrentWidget(self._panel)
        self._intro.setText(self.tr("The 会引擎 app could not be opened."))
        self._progress.hide()
        self._open_button.hide()
        self._error_box.show_error(message, detail)
        self._retry_button.show()

    def _hide_error(self) -> None:
        self._error_box.clear()
        self._retry_button.hide()

    @property
    def error_text(self) -> str:
        return self._error_box.message
