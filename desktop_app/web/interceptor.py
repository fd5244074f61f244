"""Adds the planner's ``Authorization`` header to requests bound for allowed origins.

Qt calls ``interceptRequest`` on the GUI thread for every request the profile makes: pages,
scripts, images, XHR. The interceptor turns the request into plain text and lets
``origins.should_add_auth`` decide (qutebrowser's interceptor, Anki's ``AuthInterceptor``), so
the security rule is tested without Chromium. The header value is fetched per request through
``auth_header()``, so a refreshed token is used at once, and it is never logged.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from PySide6.QtCore import QObject, QUrl
from PySide6.QtWebEngineCore import QWebEngineUrlRequestInfo, QWebEngineUrlRequestInterceptor

from desktop_app.web.origins import AllowedOrigins, redact_url, should_add_auth

logger = logging.getLogger(__name__)

AUTH_HEADER = b"Authorization"
# Visible ASCII and spaces only: a CR/LF in a token must never become a second header line.
_HEADER_VALUE = re.compile(r"[\x20-\x7e]+")


def url_text(url: QUrl) -> str:
    """The fully encoded form of a QUrl (ASCII host, percent-escapes) for ``origins``."""
    return url.toEncoded().data().decode("ascii", "replace")


class AuthInterceptor(QWebEngineUrlRequestInterceptor):
    """Sets ``Authorization: <auth_header()>`` on requests to allowed origins, nothing else.

    Keep it alive as long as its profile (``build_profile`` parents it to the profile): Qt
    holds only a guarded pointer, so a garbage-collected interceptor silently stops adding the
    header (older Qt versions crashed instead).
    """

    def __init__(
        self,
        *,
        allowed: AllowedOrigins,
        auth_header: Callable[[], str | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__()
        # PySide6 (seen on 6.11 and 6.12) does not hand this class's C++ object to ``parent`` when it is
        # passed to the constructor: Python would still own it and delete it when collected,
        # and Qt would then silently send requests without the header. setParent() does.
        if parent is not None:
            self.setParent(parent)
        self._allowed = allowed
        self._auth_header = auth_header

    @property
    def allowed(self) -> AllowedOrigins:
        return self._allowed

    def set_policy(self, *, allowed: AllowedOrigins, auth_header: Callable[[], str | None]) -> None:
        """Switch to new origins or a new token source, e.g. when the entry URL changed."""
        self._allowed = allowed
        self._auth_header = auth_header

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = url_text(info.requestUrl())
        if not should_add_auth(url, self._allowed):
            return
        try:
            value = self._auth_header()
        except Exception:  # a failing token source must not break page loading
            logger.exception("auth header source failed; request to %s sent without it", redact_url(url))
            return
        if not value:
            return
        if not _HEADER_VALUE.fullmatch(value):
            logger.error("auth header value has invalid characters; not sent to %s", redact_url(url))
            return
        info.setHttpHeader(AUTH_HEADER, value.encode("ascii"))
