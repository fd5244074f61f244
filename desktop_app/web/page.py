"""What the app view's page may do: where it navigates, new windows, permissions, certificates.

The view is a window onto the 会引擎 H5 app, not a general browser: pages from allowed origins
receive the planner's token and run with their cookies, so nothing else may load in it.

- ``acceptNavigationRequest`` loads only allowed origins (plus ``about:blank``/``about:srcdoc``,
  ``blob:`` URLs created by an allowed origin, and the view's own ``data:`` error page). Other
  http(s) links clicked in the main frame open in the system browser; frames from other origins
  and every other scheme (``file:`` from a drop, ``javascript:``, custom schemes) are refused.
- New windows (``target=_blank``, ``window.open``): ``createWindow`` does not know the URL yet,
  so it creates nothing and ``newWindowRequested``, which does, decides: an allowed URL loads in
  this view, another http(s) URL opens in the system browser.
- Permissions: denied unless ``PERMISSION_POLICY`` says otherwise (qutebrowser's
  ``_WebEnginePermissions``), through ``permissionRequested`` (Qt 6.8+).
- Certificate errors are never overridden: the load fails and the view shows its error page.
- JavaScript console messages go to this module's logger at debug level.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWebEngineCore import (
    QWebEngineCertificateError,
    QWebEngineFileSystemAccessRequest,
    QWebEngineNewWindowRequest,
    QWebEnginePage,
    QWebEnginePermission,
    QWebEngineProfile,
    QWebEngineRegisterProtocolHandlerRequest,
)

from desktop_app.web.interceptor import url_text
from desktop_app.web.origins import AllowedOrigins, redact_url

logger = logging.getLogger(__name__)

_Perm = QWebEnginePermission.PermissionType
# Explicit, so a reviewer sees every decision. The H5 app needs none of these on the desktop;
# a type missing here (added by a later Qt) is denied too.
PERMISSION_POLICY: Final[Mapping[QWebEnginePermission.PermissionType, bool]] = MappingProxyType(
    {
        _Perm.MediaAudioCapture: False,  # no calls or recording inside the app view
        _Perm.MediaVideoCapture: False,
        _Perm.MediaAudioVideoCapture: False,
        _Perm.DesktopVideoCapture: False,  # screen sharing
        _Perm.DesktopAudioVideoCapture: False,
        _Perm.MouseLock: False,
        _Perm.Notifications: False,  # the desktop app notifies, not the web page
        _Perm.Geolocation: False,  # venues are typed in, never located
        _Perm.ClipboardReadWrite: False,  # reading the clipboard; writing on click needs none
        _Perm.LocalFontsAccess: False,
    }
)

_EXTERNAL_SCHEMES = frozenset({"http", "https"})
_NavigationType = QWebEnginePage.NavigationType


class AppPage(QWebEnginePage):
    """The H5 app's page; ``allowed`` is the same policy the profile's interceptor uses.

    ``open_external`` receives URLs meant for the system browser (default
    ``QDesktopServices.openUrl``; tests pass a recorder).
    """

    externalUrlOpened = Signal(QUrl)

    def __init__(
        self,
        profile: QWebEngineProfile,
        parent: QObject | None = None,
        *,
        allowed: AllowedOrigins,
        open_external: Callable[[QUrl], object] | None = None,
    ) -> None:
        super().__init__(profile, parent)
        self._allowed = allowed
        self._open_external = open_external or QDesktopServices.openUrl
        self._expect_error_page = False
        self.certificateError.connect(self._on_certificate_error)
        self.permissionRequested.connect(self._on_permission_requested)
        self.newWindowRequested.connect(self._on_new_window_requested)
        self.fileSystemAccessRequested.connect(self._on_file_system_access_requested)
        self.registerProtocolHandlerRequested.connect(self._on_register_protocol_handler_requested)

    @property
    def allowed(self) -> AllowedOrigins:
        return self._allowed

    def set_allowed(self, allowed: AllowedOrigins) -> None:
        self._allowed = allowed

    def show_error_page(self, html: str) -> None:
        """Show the view's own error page; the only ``data:`` URL this page accepts."""
        self._expect_error_page = True
        self.setHtml(html)

    def is_allowed_url(self, url: QUrl) -> bool:
        return self._allowed.allows(url_text(url))

    # -- policy hooks Qt calls -----------------------------------------------------------------

    def acceptNavigationRequest(self, url: QUrl, nav_type: QWebEnginePage.NavigationType, is_main_frame: bool) -> bool:
        scheme = url.scheme()
        if scheme == "about" and url.path() in ("blank", "srcdoc"):
            return True
        if scheme == "data":
            expected, self._expect_error_page = self._expect_error_page, False
            if expected and is_main_frame:
                return True
            logger.info("refused data: navigation (main frame: %s)", is_main_frame)
            return False
        text = url_text(url)
        if scheme == "blob":  # blob:https://origin/uuid belongs to that origin
            text = url.path()
        if self._allowed.allows(text):
            return True
        if is_main_frame and scheme in _EXTERNAL_SCHEMES and nav_type != _NavigationType.NavigationTypeTyped:
            self._open_in_browser(url)
        else:
            logger.info("refused navigation to %s (%s, main frame: %s)", redact_url(text), nav_type.name, is_main_frame)
        return False

    def createWindow(self, window_type: QWebEnginePage.WebWindowType) -> QWebEnginePage | None:
        # The URL is not known yet here; _on_new_window_requested gets it and decides.
        return None

    def javaScriptConsoleMessage(
        self,
        level: QWebEnginePage.JavaScriptConsoleMessageLevel,
        message: str,
        line_number: int,
        source_id: str,
    ) -> None:
        logger.debug("js %s %s:%d: %s", level.name, redact_url(source_id), line_number, message)

    # -- slots -----------------------------------------------------------------------------------

    def _on_new_window_requested(self, request: QWebEngineNewWindowRequest) -> None:
        url = request.requestedUrl()
        if self.is_allowed_url(url):
            self.load(url)  # one view: the H5 app's "new tab" replaces the current page
        elif url.scheme() in _EXTERNAL_SCHEMES:
            self._open_in_browser(url)
        else:
            logger.info("refused new window for %s", redact_url(url_text(url)))

    def _on_certificate_error(self, error: QWebEngineCertificateError) -> None:
        # Never overridden: a planner cannot judge a certificate, and the token would follow.
        logger.warning(
            "certificate error for %s: %s (%s); load refused",
            redact_url(url_text(error.url())),
            error.description(),
            error.type().name,
        )
        error.rejectCertificate()

    def _on_permission_requested(self, permission: QWebEnginePermission) -> None:
        kind = permission.permissionType()
        granted = PERMISSION_POLICY.get(kind, False)
        logger.info(
            "permission %s for %s: %s",
            kind.name,
            redact_url(url_text(permission.origin())),
            "granted" if granted else "denied",
        )
        if granted:
            permission.grant()
        else:
            permission.deny()

    def _on_file_system_access_requested(self, request: QWebEngineFileSystemAccessRequest) -> None:
        logger.info("file system access denied for %s", redact_url(url_text(request.origin())))
        request.reject()

    def _on_register_protocol_handler_requested(self, request: QWebEngineRegisterProtocolHandlerRequest) -> None:
        logger.info("protocol handler %s refused", request.scheme())
        request.reject()

    def _open_in_browser(self, url: QUrl) -> None:
        logger.info("opening %s in the system browser", redact_url(url_text(url)))
        self._open_external(url)
        self.externalUrlOpened.emit(url)
