"""``AppView``: the 会引擎 H5 app inside the main window, with a small browser toolbar.

The widget owns one persistent profile (per environment) and one page, and tears them down in
the order QtWebEngine needs: view and page first, then the profile. It also owns the user's
view of failures: Chromium's English-only error page is off, and a failed load shows our page
(texts through ``self.tr()``) with a Retry link. Importing this module loads QtWebEngine, so the
main window imports it lazily, when the app view is first shown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QResizeEvent
from PySide6.QtWebEngineCore import (
    QWebEngineDownloadRequest,
    QWebEngineLoadingInfo,
    QWebEnginePage,
    QWebEngineProfile,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import (
    QLabel,
    QProgressBar,
    QSizePolicy,
    QStyle,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop_app.web.error_page import render_error_page
from desktop_app.web.interceptor import url_text
from desktop_app.web.origins import AllowedOrigins, redact_url
from desktop_app.web.page import AppPage
from desktop_app.web.profile import build_profile, update_policy

logger = logging.getLogger(__name__)

_Status = QWebEngineLoadingInfo.LoadStatus
_Domain = QWebEngineLoadingInfo.ErrorDomain
_DRAG_EVENTS = frozenset({QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop})


class DropProofWebView(QWebEngineView):
    """A ``QWebEngineView`` on which nothing can be dropped.

    ``setAcceptDrops(False)`` on the view alone is not enough in Qt 6: the view draws through a
    child widget (its focus proxy, a ``QQuickWidget``) that accepts drops itself, and a new one
    appears when the render process changes. So every child widget is switched off as it is
    polished, and drag events reaching it are swallowed. The profile also disables
    ``NavigateOnDropEnabled`` and the page refuses ``file:`` URLs: three locks on one door.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(False)

    def childEvent(self, event: QEvent) -> None:
        super().childEvent(event)
        if event.type() == QEvent.Type.ChildPolished:
            child = event.child()
            if isinstance(child, QWidget):
                child.setAcceptDrops(False)
                child.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _DRAG_EVENTS:
            event.ignore()
            return True
        return super().eventFilter(watched, event)


class _ElidedLabel(QLabel):
    """A one-line label that elides long text instead of widening the toolbar and window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)

    def set_full_text(self, text: str) -> None:
        self._full_text = text
        self._elide()

    def full_text(self) -> str:
        return self._full_text

    def minimumSizeHint(self) -> QSize:
        return QSize(self.minimumWidth(), super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(self.minimumWidth(), super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = self.contentsRect().width()
        self.setText(self.fontMetrics().elidedText(self._full_text, Qt.TextElideMode.ElideRight, width))


class AppView(QWidget):
    """Toolbar (Back, Reload, Open in browser, title, progress) over the web view.

    ``loadFinished(ok)`` reports each main-frame load of the H5 app: ``True`` when it loaded,
    ``False`` when it failed (the error page is then showing, or the server's own HTTP error
    page). Refused navigations and the error page itself report nothing.
    ``statusMessage(text)`` carries short notices for the main window's status bar.
    """

    loadFinished = Signal(bool)
    statusMessage = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        open_external: Callable[[QUrl], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self._open_external = open_external or QDesktopServices.openUrl
        self._view: DropProofWebView | None = None
        self._page: AppPage | None = None
        self._profile: QWebEngineProfile | None = None
        self._environment: str | None = None
        self._failed_url: QUrl | None = None
        self.setAcceptDrops(False)

        style = self.style()
        toolbar = QToolBar(self)
        toolbar.setMovable(False)
        self._back_action = toolbar.addAction(style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack), self.tr("Back"))
        self._back_action.setShortcut(QKeySequence.StandardKey.Back)
        self._back_action.triggered.connect(self._on_back_triggered)
        self._reload_action = toolbar.addAction(
            style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload), self.tr("Reload")
        )
        self._reload_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self._reload_action.triggered.connect(self._on_reload_triggered)
        self._open_in_browser_action = toolbar.addAction(self.tr("Open in browser"))
        self._open_in_browser_action.setToolTip(self.tr("Open this page in your web browser"))
        self._open_in_browser_action.triggered.connect(self._on_open_in_browser_triggered)
        for action in (self._back_action, self._reload_action, self._open_in_browser_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # only while the view has focus
            self.addAction(action)

        self._address = _ElidedLabel(self)
        self._address.setContentsMargins(8, 0, 8, 0)
        toolbar.addWidget(self._address)
        self._progress = QProgressBar(self)
        self._progress.setRange(0, 100)
        self._progress.setTextVisible(False)
        self._progress.setMaximumWidth(120)
        self._progress_action = toolbar.addWidget(self._progress)
        self._progress_action.setVisible(False)

        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._layout.addWidget(toolbar)
        self._blank = QWidget(self)  # stands in for the web view until open()
        self._layout.addWidget(self._blank, 1)
        self._update_actions()

    # -- public API ---------------------------------------------------------------------------

    @property
    def back_action(self) -> QAction:
        return self._back_action

    @property
    def reload_action(self) -> QAction:
        return self._reload_action

    @property
    def open_in_browser_action(self) -> QAction:
        return self._open_in_browser_action

    @property
    def page(self) -> AppPage | None:
        return self._page

    @property
    def web_view(self) -> DropProofWebView | None:
        return self._view

    @property
    def profile(self) -> QWebEngineProfile | None:
        """The environment's profile while open; ``profile.clear_browsing_data`` takes it."""
        return self._profile

    @property
    def environment_name(self) -> str | None:
        return self._environment

    def open(
        self,
        url: str,
        *,
        allowed: AllowedOrigins,
        auth_header: Callable[[], str | None],
        environment_name: str,
    ) -> None:
        """Load the H5 entry ``url`` in the profile of ``environment_name``.

        Reuses the profile while the environment stays the same (so cookies carry over) and
        builds a new one when it changes. Raises ``ValueError`` if ``url`` itself is not
        allowed: checking the gateway's entry URL is the caller's job, this is the backstop.
        """
        if not allowed.allows(url):
            raise ValueError(f"entry URL is outside the allowed origins: {redact_url(url)}")
        qurl = QUrl(url, QUrl.ParsingMode.StrictMode)
        if not qurl.isValid():
            raise ValueError(f"entry URL is not a valid URL: {redact_url(url)}")
        if self._profile is not None and environment_name != self._environment:
            self.close_profile()
        if self._page is None or self._profile is None:
            self._create_page(environment_name, allowed, auth_header)
        else:
            update_policy(self._profile, allowed=allowed, auth_header=auth_header)
            self._page.set_allowed(allowed)
        assert self._page is not None
        self._failed_url = None
        self._page.load(qurl)

    def retry(self) -> None:
        """Load the failed URL again, or reload the current page."""
        if self._page is None:
            return
        if self._failed_url is not None:
            self._page.load(self._failed_url)
        else:
            self._page.triggerAction(QWebEnginePage.WebAction.Reload)

    def close_profile(self) -> None:
        """Delete view, page and profile, in that order. Call before sign-out or quitting.

        Deleting the profile while a page still uses it makes Qt warn "Release of profile
        requested but WebEnginePage still not deleted". Do not call this from a slot connected
        to the page's own signals.
        """
        view, page, profile = self._view, self._page, self._profile
        self._view = self._page = self._profile = None
        self._environment = None
        self._failed_url = None
        if view is not None:
            self._layout.removeWidget(view)
            self._blank.show()
            shiboken6.delete(view)  # also deletes the page, its Qt child
        if page is not None and shiboken6.isValid(page):
            shiboken6.delete(page)
        if profile is not None and shiboken6.isValid(profile):
            shiboken6.delete(profile)
        self._address.set_full_text("")
        self._address.setToolTip("")
        self._progress_action.setVisible(False)
        self._update_actions()

    # -- building ------------------------------------------------------------------------------

    def _create_page(
        self, environment_name: str, allowed: AllowedOrigins, auth_header: Callable[[], str | None]
    ) -> None:
        # The view is created before the profile: Qt deletes children in creation order, so if
        # this widget is destroyed without close_profile(), view and page still go first.
        view = DropProofWebView(self)
        profile = build_profile(environment_name, allowed=allowed, auth_header=auth_header, parent=self)
        page = AppPage(profile, view, allowed=allowed, open_external=self._open_external)
        view.setPage(page)
        page.loadStarted.connect(self._on_load_started)
        page.loadProgress.connect(self._on_load_progress)
        page.loadingChanged.connect(self._on_loading_changed)
        page.titleChanged.connect(self._on_title_changed)
        page.urlChanged.connect(self._on_url_changed)
        page.renderProcessTerminated.connect(self._on_render_process_terminated)
        page.externalUrlOpened.connect(self._on_external_url_opened)
        profile.downloadRequested.connect(self._on_download_requested)

        self._blank.hide()
        self._layout.addWidget(view, 1)
        self._view, self._page, self._profile = view, page, profile
        self._environment = environment_name

    # -- slots -----------------------------------------------------------------------------------

    def _on_back_triggered(self) -> None:
        if self._page is not None:
            self._failed_url = None
            self._page.triggerAction(QWebEnginePage.WebAction.Back)

    def _on_reload_triggered(self) -> None:
        self.retry()

    def _on_open_in_browser_triggered(self) -> None:
        url = self._current_web_url()
        if url is not None:
            self._open_external(url)
            self._on_external_url_opened(url)

    def _on_load_started(self) -> None:
        self._progress.setValue(0)
        self._progress_action.setVisible(True)

    def _on_load_progress(self, percent: int) -> None:
        self._progress.setValue(percent)

    def _on_loading_changed(self, info: QWebEngineLoadingInfo) -> None:
        status = info.status()
        if status == _Status.LoadStartedStatus:
            return
        self._progress_action.setVisible(False)
        if info.url().scheme() == "data" or info.isDownload():
            self._update_actions()  # our error page, or a download (refused by the profile)
            return
        if status == _Status.LoadSucceededStatus:
            self._failed_url = None
            self.loadFinished.emit(True)
        elif status == _Status.LoadFailedStatus:
            logger.warning(
                "app view failed to load %s: %s (%s %d)",
                redact_url(url_text(info.url())),
                info.errorString(),
                info.errorDomain().name,
                info.errorCode(),
            )
            # An HTTP error page sent by the H5 server stays: it knows best what went wrong.
            if info.errorDomain() != _Domain.HttpStatusCodeDomain:
                self._show_load_error(info)
            self.loadFinished.emit(False)
        # LoadStoppedStatus: a refused or superseded navigation; the current page stays.
        self._update_actions()

    def _on_render_process_terminated(
        self, status: QWebEnginePage.RenderProcessTerminationStatus, exit_code: int
    ) -> None:
        if status == QWebEnginePage.RenderProcessTerminationStatus.NormalTerminationStatus:
            return
        logger.warning("app view render process ended: %s (exit code %d)", status.name, exit_code)
        url = self._current_web_url()
        if url is None:
            return
        # A crashed page stays blank: offer the same way back as a failed load.
        self._show_error_page(url, self.tr("The page stopped unexpectedly."), f"{status.name} ({exit_code})")

    def _on_title_changed(self, _title: str) -> None:
        self._update_address()

    def _on_url_changed(self, _url: QUrl) -> None:
        self._update_address()
        self._update_actions()

    def _on_external_url_opened(self, url: QUrl) -> None:
        self.statusMessage.emit(self.tr("Opened in your web browser: {host}").format(host=url.host()))

    def _on_download_requested(self, _download: QWebEngineDownloadRequest) -> None:
        # The profile has already cancelled it; tell the planner why nothing happened.
        self.statusMessage.emit(
            self.tr("Downloads are not available in the app view. Use “Open in browser” to download.")
        )

    # -- helpers -----------------------------------------------------------------------------------

    def _show_load_error(self, info: QWebEngineLoadingInfo) -> None:
        domain = info.errorDomain()
        if domain == _Domain.CertificateErrorDomain:
            message = self.tr(
                "The server's security certificate is not valid, so the connection was stopped to protect your account."
            )
        elif domain == _Domain.DnsErrorDomain:
            message = self.tr("The server's address could not be found. Check your network connection.")
        else:
            message = self.tr("The 会引擎 app could not be reached. Check your network connection and retry.")
        self._show_error_page(info.url(), message, f"{info.errorString()} ({info.errorCode()})")

    def _show_error_page(self, url: QUrl, message: str, reason: str) -> None:
        if self._page is None:
            return
        self._failed_url = url
        html = render_error_page(
            title=self.tr("Cannot open the page"),
            message=message,
            detail=f"{redact_url(url_text(url))} · {reason}",
            retry_label=self.tr("Retry"),
            retry_url=url_text(url),
            # The language of this translation, so the page picks the right CJK glyphs.
            lang=self.tr("en", "BCP 47 tag of the UI language"),
        )
        self._page.show_error_page(html)
        self._update_actions()

    def _current_web_url(self) -> QUrl | None:
        if self._page is None:
            return None
        url = self._failed_url if self._failed_url is not None else self._page.url()
        return url if url.scheme() in ("http", "https") else None

    def _update_address(self) -> None:
        if self._page is None:
            self._address.set_full_text("")
            return
        url = self._current_web_url()
        url_label = redact_url(url_text(url)) if url is not None else ""
        title = self._page.title()
        self._address.set_full_text(title if title and title != url_text(self._page.url()) else url_label)
        self._address.setToolTip(url_label)

    def _update_actions(self) -> None:
        page = self._page
        self._back_action.setEnabled(page is not None and page.history().canGoBack())
        self._reload_action.setEnabled(page is not None)
        self._open_in_browser_action.setEnabled(self._current_web_url() is not None)
