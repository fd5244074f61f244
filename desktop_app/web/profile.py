"""The one factory for the app view's web profile (qutebrowser ``webenginesettings.py``).

Why one place: the profile decides where cookies and cache live, whether they persist, which
requests get the token and what happens to downloads. Scattered, those choices drift apart.

- Persistent on purpose, one per environment: the 会引擎 H5 micro-sites share cookies across
  the gateway's parent domain (contract-notes §7), and sandbox cookies must never reach
  production. Storage and cache live under ``paths.web_profile_dir(name)``, so
  ``TECHMICE_DATA_DIR`` moves them too.
- The auth interceptor and the download refusal are attached here, and the interceptor is a Qt
  child of the profile: Qt keeps only a guarded pointer to it, so if Python collected it the
  token would silently stop reaching the H5 app (a crash in older Qt versions).
- Downloads are refused with a log line: the H5 app has no download flow on the desktop yet, and
  a silent file written somewhere is worse than none. ``AppView`` tells the planner.
- Permissions are not stored (``AskEveryTime``), so ``page.PERMISSION_POLICY`` stays the only
  source of truth instead of a decision remembered on disk.

Tear pages down before their profile (``AppView.close_profile``), or Qt warns "Release of
profile requested but WebEnginePage still not deleted" and may keep the profile alive.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWebEngineCore import QWebEngineDownloadRequest, QWebEngineProfile, QWebEngineSettings

from desktop_app.storage import paths
from desktop_app.web.interceptor import AuthInterceptor, url_text
from desktop_app.web.origins import AllowedOrigins, redact_url

logger = logging.getLogger(__name__)

_INTERCEPTOR_NAME = "techmice-auth-interceptor"
_Attr = QWebEngineSettings.WebAttribute
# Page defaults for everything the profile shows. The view renders its own error page.
_SETTINGS: dict[QWebEngineSettings.WebAttribute, bool] = {
    _Attr.NavigateOnDropEnabled: False,  # a file dropped on the view must not replace the app
    _Attr.ErrorPageEnabled: False,
    _Attr.LocalContentCanAccessFileUrls: False,
    _Attr.LocalContentCanAccessRemoteUrls: False,
    _Attr.AllowRunningInsecureContent: False,
    _Attr.PluginsEnabled: False,
    _Attr.FullScreenSupportEnabled: False,
    _Attr.ScreenCaptureEnabled: False,
    _Attr.AllowWindowActivationFromJavaScript: False,
}


def profile_storage_name(environment_name: str) -> str:
    """Chromium's name for the environment's profile; unique per environment."""
    return f"techmice-{paths.web_profile_dir(environment_name).name}"


def build_profile(
    environment_name: str,
    *,
    allowed: AllowedOrigins,
    auth_header: Callable[[], str | None],
    parent: QObject | None,
) -> QWebEngineProfile:
    """A persistent profile for ``environment_name`` with the auth interceptor attached.

    ``auth_header`` is called on the GUI thread for each request to an allowed origin and must
    return quickly: the full header value (e.g. ``"Bearer …"``) or ``None`` for no header.
    Build at most one profile per environment at a time: two live profiles on one storage
    folder fight over Chromium's files.
    """
    storage = paths.web_profile_dir(environment_name)
    storage.mkdir(parents=True, exist_ok=True)
    cache = storage / "cache"
    profile = _create_persistent_profile(profile_storage_name(environment_name), storage, cache, parent)
    if profile.isOffTheRecord():  # an empty name would silently give a throw-away profile
        raise RuntimeError("web profile for environment is not persistent")

    settings = profile.settings()
    for attribute, enabled in _SETTINGS.items():
        settings.setAttribute(attribute, enabled)

    interceptor = AuthInterceptor(allowed=allowed, auth_header=auth_header, parent=profile)
    interceptor.setObjectName(_INTERCEPTOR_NAME)
    profile.setUrlRequestInterceptor(interceptor)
    profile.downloadRequested.connect(_refuse_download)
    logger.info("web profile for %r at %s", environment_name, storage)
    return profile


def update_policy(
    profile: QWebEngineProfile, *, allowed: AllowedOrigins, auth_header: Callable[[], str | None]
) -> None:
    """Point an existing profile's interceptor at new origins or a new token source."""
    _interceptor_of(profile).set_policy(allowed=allowed, auth_header=auth_header)


def clear_browsing_data(profile: QWebEngineProfile) -> None:
    """Forget cookies, the HTTP cache and visited links (sign-out).

    Both deletions run asynchronously in Chromium (``clearHttpCacheCompleted`` reports the
    cache). Local storage and IndexedDB have no Qt API and are not cleared here.
    """
    profile.cookieStore().deleteAllCookies()
    profile.clearHttpCache()
    profile.clearAllVisitedLinks()
    logger.info("cleared cookies and HTTP cache of web profile %s", profile.storageName())


def _create_persistent_profile(name: str, storage: Path, cache: Path, parent: QObject | None) -> QWebEngineProfile:
    # Qt 6.9+ wants storage paths fixed before the profile exists (QWebEngineProfileBuilder).
    try:
        from PySide6.QtWebEngineCore import QWebEngineProfileBuilder
    except ImportError:  # Qt 6.8: the pre-6.9 setters (not exercised by our tests)
        profile = QWebEngineProfile(name, parent)
        profile.setPersistentStoragePath(str(storage))
        profile.setCachePath(str(cache))
        profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.DiskHttpCache)
        profile.setPersistentCookiesPolicy(QWebEngineProfile.PersistentCookiesPolicy.ForcePersistentCookies)
        profile.setPersistentPermissionsPolicy(QWebEngineProfile.PersistentPermissionsPolicy.AskEveryTime)
        return profile
    builder = QWebEngineProfileBuilder()
    builder.setPersistentStoragePath(str(storage))
    builder.setCachePath(str(cache))
    builder.setHttpCacheType(QWebEngineProfile.HttpCacheType.DiskHttpCache)
    builder.setPersistentCookiesPolicy(QWebEngineProfile.PersistentCookiesPolicy.ForcePersistentCookies)
    builder.setPersistentPermissionsPolicy(QWebEngineProfile.PersistentPermissionsPolicy.AskEveryTime)
    return builder.createProfile(name, parent)


def _interceptor_of(profile: QWebEngineProfile) -> AuthInterceptor:
    interceptor = profile.findChild(AuthInterceptor, _INTERCEPTOR_NAME)
    if interceptor is None:
        raise LookupError("profile was not built by build_profile()")
    return interceptor


def _refuse_download(download: QWebEngineDownloadRequest) -> None:
    logger.info(
        "download refused: %s (%s, %s)",
        redact_url(url_text(download.url())),
        download.suggestedFileName(),
        download.mimeType(),
    )
    download.cancel()
