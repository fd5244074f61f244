"""The main window: sections for Meetings, Imports and the 会引擎 App, and the session's life.

The window owns the flows that span pages: start-up (silent sign-in from the keychain, else
the login dialog), a sign-in needed in the middle of work (a page emits ``signInRequired``; the
dialog comes up, and after sign-in every page's ``on_signed_in()`` resumes what it had queued,
its form untouched), switching environment and signing out (session, keychain, the web
profile's cookies, then the pages forget the planner's data).

Pages know nothing of each other or of this window: they get the ``AppServices`` and talk back
through the signals of the page interface (``signInRequired``, ``pendingCountChanged``).
"""

from __future__ import annotations

import asyncio
import base64
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QToolButton,
    QWidget,
)

from desktop_app import __version__
from desktop_app.gateway.errors import AuthError, GatewayError, ProtocolError, TransportError
from desktop_app.logging_setup import log_file
from desktop_app.services.context import AppServices
from desktop_app.services.session import SignedIn
from desktop_app.storage import paths
from desktop_app.ui import i18n
from desktop_app.ui.app_page import EngineAppPage
from desktop_app.ui.environment_dialog import environment_label
from desktop_app.ui.imports_page import ImportsPage
from desktop_app.ui.login_dialog import LoginDialog, ask_to_sign_in
from desktop_app.ui.meetings_page import MeetingsPage

log = logging.getLogger(__name__)

SECTIONS = ("meetings", "imports", "app")
WINDOW_SETTING = "window"
ONLINE_CHECK_MS = 60_000


class MainWindow(QMainWindow):
    """``quitRequested`` is emitted when the planner closes the window or chooses Quit."""

    quitRequested = Signal()
    signedInChanged = Signal(bool)

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._login_dialog: LoginDialog | None = None
        self._sign_in_waiter: asyncio.Future[bool] | None = None
        self._needs_sign_in = False
        self._online: bool | None = None
        self._checking_online = False
        self._pending: dict[str, int] = {}
        self._last_signed_in: SignedIn | None = None
        self._closing = False
        self.setObjectName("MainWindow")
        self.setWindowTitle(self.tr("TechMICE Desktop"))

        # -- pages --
        self._stack = QStackedWidget(self)
        self._pages: dict[str, Any] = {
            "meetings": MeetingsPage(services, self._stack),
            "imports": ImportsPage(services, self._stack),
            "app": EngineAppPage(services, self._stack),
        }
        for name in SECTIONS:
            page = self._pages[name]
            page.setObjectName(f"{name}_page")
            self._stack.addWidget(page)
            page.signInRequired.connect(self._on_sign_in_required)
            pending = getattr(page, "pendingCountChanged", None)
            if pending is not None:
                pending.connect(lambda count, section=name: self._on_pending_count_changed(section, count))
        app_page: EngineAppPage = self._pages["app"]
        app_page.onlineChanged.connect(self._on_online_changed)
        app_page.statusMessage.connect(self._on_status_message)

        # -- sidebar --
        style = self.style()
        self._sidebar = QListWidget(self)
        self._sidebar.setObjectName("sidebar")
        self._sidebar.setIconSize(QSize(22, 22))
        self._sidebar.setFrameShape(QListWidget.Shape.NoFrame)
        self._sidebar.setMinimumWidth(150)
        self._sidebar.setStyleSheet(
            "#sidebar { background: palette(window); padding-top: 8px; }"
            "#sidebar::item { padding: 10px 12px; border-radius: 6px; margin: 2px 6px; }"
            "#sidebar::item:selected { background: palette(highlight); color: palette(highlighted-text); }"
        )
        section_items = (
            (self.tr("Meetings"), QStyle.StandardPixmap.SP_FileDialogDetailedView),
            (self.tr("Imports"), QStyle.StandardPixmap.SP_ArrowUp),
            (self.tr("会引擎 App"), QStyle.StandardPixmap.SP_ComputerIcon),
        )
        for text, icon in section_items:
            QListWidgetItem(style.standardIcon(icon), text, self._sidebar)
        self._sidebar.currentRowChanged.connect(self._on_sidebar_row_changed)

        self._splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self._splitter.setObjectName("splitter")
        self._splitter.addWidget(self._sidebar)
        self._splitter.addWidget(self._stack)
        self._splitter.setStretchFactor(1, 1)
        self._splitter.setSizes([180, 1000])
        self.setCentralWidget(self._splitter)

        # -- status bar --
        self._environment_label = QLabel(self)
        self._environment_label.setObjectName("status_environment")
        self._user_label = QLabel(self)
        self._user_label.setObjectName("status_user")
        self._online_label = QLabel(self)
        self._online_label.setObjectName("status_online")
        self._pending_label = QLabel(self)
        self._pending_label.setObjectName("status_pending")
        self._sign_in_button = QToolButton(self)
        self._sign_in_button.setObjectName("status_sign_in")
        self._sign_in_button.setText(self.tr("Sign in…"))
        self._sign_in_button.clicked.connect(self._on_sign_in_triggered)
        status = self.statusBar()
        for widget in (
            self._sign_in_button,
            self._environment_label,
            self._user_label,
            self._online_label,
            self._pending_label,
        ):
            widget.setContentsMargins(6, 0, 6, 0)
            status.addPermanentWidget(widget)

        self._build_menus()
        self._online_timer = QTimer(self)
        self._online_timer.setInterval(ONLINE_CHECK_MS)
        self._online_timer.timeout.connect(self._on_online_timer_timeout)
        self._online_timer.start()
        focus_changed = QApplication.instance().focusChanged  # type: ignore[union-attr]
        focus_changed.connect(self._on_focus_changed)

        self._restore_layout()
        self._update_status()

    # -- public ------------------------------------------------------------------------------------

    @property
    def pages(self) -> dict[str, QWidget]:
        return dict(self._pages)

    @property
    def login_dialog(self) -> LoginDialog | None:
        """The login dialog while one is open (tests and the expiry flow use it)."""
        return self._login_dialog

    def current_section(self) -> str:
        return SECTIONS[self._stack.currentIndex()]

    def set_section(self, name: str) -> None:
        self._sidebar.setCurrentRow(SECTIONS.index(name))

    def status_texts(self) -> dict[str, str]:
        return {
            "environment": self._environment_label.text(),
            "user": self._user_label.text(),
            "online": self._online_label.text(),
            "pending": self._pending_label.text(),
        }

    async def start(self, environment: str | None = None) -> bool:
        """Start-up: sign in silently with a remembered session, else ask. True when signed in."""
        already = self._services.session.signed_in
        if already is not None and environment in (None, already.environment):
            self._after_sign_in(already)  # signed in before the window existed
            return True
        settings = self._services.settings
        name = environment or settings.get("last_environment") or "sandbox"
        profile = settings.profile(name)
        if profile is None:
            log.warning("unknown environment %r; starting with the local sandbox", name)
            profile = settings.profile("sandbox")
        assert profile is not None
        self.statusBar().showMessage(self.tr("Signing in…"))
        # Probe the keychain here, in the worker: the login dialog then reads the cached answer.
        await self._services.worker.run(self._services.session.keychain.available)
        error: BaseException | None = None
        signed_in: SignedIn | None = None
        try:
            signed_in = await self._services.worker.run(self._services.session.restore, profile)
        except GatewayError as exc:
            log.info("silent sign-in to %s failed: %s", profile.name, type(exc).__name__)
            error = exc
        except Exception as exc:
            log.exception("silent sign-in to %s failed", profile.name)
            error = exc
        self.statusBar().clearMessage()
        if signed_in is not None:
            self._after_sign_in(signed_in)
            return True
        reason = self.tr("Your remembered sign-in could not be used. Please sign in again.") if error else ""
        return await self.sign_in(environment=profile.name, reason=reason, error=error)

    async def sign_in(
        self, *, environment: str | None = None, reason: str = "", error: BaseException | None = None
    ) -> bool:
        """Show the login dialog (one at a time) and wait for it; True when signed in."""
        if self._sign_in_waiter is not None and not self._sign_in_waiter.done():
            if self._login_dialog is not None:
                self._login_dialog.raise_()
                self._login_dialog.activateWindow()
            return await asyncio.shield(self._sign_in_waiter)
        waiter: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._sign_in_waiter = waiter
        try:
            if environment is None and self._services.session.profile is not None:
                environment = self._services.session.profile.name
            signed_in = await ask_to_sign_in(
                self._services,
                self,
                environment=environment,
                reason=reason,
                error=error,
                on_open=self._on_login_dialog_opened,
            )
            self._login_dialog = None
            if signed_in is not None:
                self._after_sign_in(signed_in)
            else:
                self._update_status()
            waiter.set_result(signed_in is not None)
        finally:
            self._login_dialog = None
            if not waiter.done():
                waiter.set_result(False)
        return waiter.result()

    async def sign_out(self, *, then_sign_in: bool = True) -> None:
        """Sign out: session and keychain, the web profile's cookies, the pages' data; then ask."""
        session = self._services.session
        environment = (
            session.signed_in.environment
            if session.signed_in is not None
            else (session.profile.name if session.profile is not None else None)
        )
        self._flush_pages()  # drafts typed a moment ago belong to the planner signing out
        await self._services.worker.run(session.sign_out)
        app_page: EngineAppPage = self._pages["app"]
        await app_page.forget_browsing_data(environment)
        for page in self._pages.values():
            page.on_signed_out()
        self._last_signed_in = None
        self._needs_sign_in = False
        self._online = None
        self._update_status()
        self.signedInChanged.emit(False)
        log.info("signed out of %s", environment)
        if then_sign_in:
            await self.sign_in(environment=environment)

    def shutdown(self) -> None:
        """Before the app quits: keep the layout, let pages save, tear the web view down."""
        self._online_timer.stop()
        self._save_layout()
        self._flush_pages()
        self._pages["app"].shutdown()

    def _flush_pages(self) -> None:
        for page in self._pages.values():
            # Pages that store typing after a short delay (the meeting form) save it now.
            flush = getattr(page, "flush_draft_now", None)
            if callable(flush):
                try:
                    flush()
                except Exception:
                    log.exception("page %s failed to save its draft", page.objectName())

    # -- Qt ------------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_layout()
        event.accept()
        if not self._closing:
            self._closing = True
            self.quitRequested.emit()

    # -- menus ---------------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        menu_bar = self.menuBar()

        file_menu = menu_bar.addMenu(self.tr("&File"))
        self._sign_in_action = self._action(file_menu, self.tr("Sign in…"), self._on_sign_in_triggered)
        self._switch_action = self._action(
            file_menu, self.tr("Switch environment…"), self._on_switch_environment_triggered
        )
        self._sign_out_action = self._action(file_menu, self.tr("Sign out"), self._on_sign_out_triggered)
        file_menu.addSeparator()
        self._quit_action = self._action(file_menu, self.tr("Quit"), self._on_quit_triggered, "Ctrl+Q")
        self._quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        view_menu = menu_bar.addMenu(self.tr("&View"))
        self._section_actions = []
        for index, text in enumerate((self.tr("Meetings"), self.tr("Imports"), self.tr("会引擎 App"))):
            action = self._action(
                view_menu, text, lambda _=False, row=index: self._sidebar.setCurrentRow(row), f"Ctrl+{index + 1}"
            )
            self._section_actions.append(action)
        view_menu.addSeparator()
        self._reload_action = self._action(view_menu, self.tr("Reload app"), self._on_reload_triggered, "F5")

        language_menu = menu_bar.addMenu(self.tr("&Language"))
        self._language_group = QActionGroup(self)
        self._language_group.setExclusive(True)
        current = i18n.normalise(self._services.settings.get(i18n.SETTING, ""))
        # Each language is named in itself, so it can be found whatever the current language.
        for code, text in (("zh", "中文"), ("en", "English"), ("", self.tr("Follow system"))):
            action = language_menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(code == current)
            action.setData(code)
            self._language_group.addAction(action)
        self._language_group.triggered.connect(self._on_language_triggered)

        help_menu = menu_bar.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("Open log folder"), self._on_open_log_folder_triggered)
        about = self._action(help_menu, self.tr("About TechMICE Desktop"), self._on_about_triggered)
        about.setMenuRole(QAction.MenuRole.AboutRole)

    def _action(self, menu: Any, text: str, slot: Callable[..., object], shortcut: str = "") -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        self.addAction(action)  # shortcuts work while the menu bar is hidden (macOS full screen)
        return action

    # -- slots: navigation -----------------------------------------------------------------------

    def _on_sidebar_row_changed(self, row: int) -> None:
        if 0 <= row < len(SECTIONS):
            self._stack.setCurrentIndex(row)
            self._update_reload_action()

    def _on_reload_triggered(self) -> None:
        if self.current_section() == "app":
            self._pages["app"].reload()

    def _on_focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        self._update_reload_action(now)

    def _update_reload_action(self, focus: QWidget | None = None) -> None:
        # The app view has its own Reload (F5) while it has focus; two live F5 shortcuts would
        # be ambiguous and neither would fire. This one serves the rest of the App section.
        focus = focus or QApplication.focusWidget()
        view = self._pages["app"].view
        inside_view = view is not None and focus is not None and (focus is view or view.isAncestorOf(focus))
        self._reload_action.setEnabled(self.current_section() == "app" and not inside_view)

    # -- slots: session --------------------------------------------------------------------------

    def _on_sign_in_triggered(self) -> None:
        self._services.worker.spawn(self.sign_in(), name="sign-in dialog")

    def _on_switch_environment_triggered(self) -> None:
        self._services.worker.spawn(self.sign_out(then_sign_in=True), name="switch environment")

    def _on_sign_out_triggered(self) -> None:
        self._services.worker.spawn(self.sign_out(then_sign_in=True), name="sign out")

    def _on_quit_triggered(self) -> None:
        self.close()

    def _on_sign_in_required(self) -> None:
        """A page's call was refused for authentication: ask, keep the work, resume after."""
        if self._services.session.signed_in is None and self._last_signed_in is None:
            return  # signed out on purpose: the pages show their signed-out state
        self._needs_sign_in = True
        self._update_status()
        self._services.worker.spawn(
            self.sign_in(reason=self.tr("Your session has expired. Sign in again to continue: your work is kept.")),
            name="sign in again",
        )

    def _on_login_dialog_opened(self, dialog: LoginDialog) -> None:
        self._login_dialog = dialog

    def _after_sign_in(self, signed_in: SignedIn) -> None:
        previous = self._last_signed_in
        if previous is not None and (previous.environment, previous.user_name) != (
            signed_in.environment,
            signed_in.user_name,
        ):
            # Another planner or environment: work queued for the previous one must not
            # continue under this one's name.
            for page in self._pages.values():
                page.on_signed_out()
        self._last_signed_in = signed_in
        self._needs_sign_in = False
        self._online = True
        self._update_status()
        for page in self._pages.values():
            page.on_signed_in()
        self.signedInChanged.emit(True)

    # -- slots: status ---------------------------------------------------------------------------

    def _on_pending_count_changed(self, section: str, count: int) -> None:
        self._pending[section] = max(0, int(count))
        self._update_status()

    def _on_online_changed(self, online: bool) -> None:
        self._set_online(online)

    def _set_online(self, online: bool) -> None:
        was_offline = self._online is False
        self._online = online
        self._update_status()
        if online and was_offline:
            # Back online: pages with an outbox send it now instead of at their next retry.
            for page in self._pages.values():
                retry = getattr(page, "retry_queued", None)
                if callable(retry):
                    retry()

    def _on_status_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    def _on_online_timer_timeout(self) -> None:
        if self._services.session.signed_in is not None and not self._checking_online:
            self._checking_online = True
            self._services.worker.spawn(self._check_online(), name="online check")

    async def _check_online(self) -> None:
        """A light call to the gateway, so the status bar's online/offline is current."""
        online: bool | None = True
        try:
            client = self._services.session.require_client()
            await self._services.worker.run(client.get_entry)
        except AuthError:
            online = None
            self._needs_sign_in = True  # said in the status bar; the dialog waits for real work
        except (TransportError, ProtocolError):
            online = False
        except GatewayError:
            online = True  # it answered, if unhappily
        finally:
            self._checking_online = False
        if online is None:
            self._update_status()
        else:
            self._set_online(online)

    def _update_status(self) -> None:
        session = self._services.session
        signed_in = session.signed_in
        profile = session.profile
        if profile is not None:
            label = environment_label(profile)
            self._environment_label.setText(self.tr("Environment: {name}").format(name=label))
            self.setWindowTitle(self.tr("TechMICE Desktop — {environment}").format(environment=label))
        else:
            self._environment_label.setText(self.tr("Environment: —"))
            self.setWindowTitle(self.tr("TechMICE Desktop"))
        if signed_in is None:
            self._user_label.setText(self.tr("Not signed in"))
        elif self._needs_sign_in:
            self._user_label.setText(self.tr("{user}: sign-in needed").format(user=signed_in.user_name))
        else:
            self._user_label.setText(self.tr("Signed in as {user}").format(user=signed_in.user_name))
        if signed_in is None or self._online is None:
            self._online_label.setText("")
        elif self._online:
            self._online_label.setText(self.tr("● Online"))
            self._online_label.setStyleSheet("color: #1a7f37;")
        else:
            self._online_label.setText(self.tr("● Offline"))
            self._online_label.setStyleSheet("color: #b42318;")
        pending = sum(self._pending.values())
        self._pending_label.setText(self.tr("Pending: {count}").format(count=pending))
        self._pending_label.setToolTip(self.tr("Meetings and files waiting to be sent to the gateway"))
        signed = signed_in is not None
        self._sign_in_button.setVisible(not signed or self._needs_sign_in)
        self._sign_in_action.setEnabled(not signed or self._needs_sign_in)
        self._sign_out_action.setEnabled(signed)
        self._switch_action.setEnabled(True)

    # -- slots: language, help -------------------------------------------------------------------

    def _on_language_triggered(self, action: QAction) -> None:
        code = str(action.data() or "")
        self._services.settings.set(i18n.SETTING, code)
        effective = code or i18n.system_language()
        if effective == self._services.language:
            return
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Language"),
            self.tr("The new language applies the next time TechMICE Desktop starts."),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _on_open_log_folder_triggered(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.log_dir())))

    def _on_about_triggered(self) -> None:
        text = self.tr(
            "<h3>TechMICE Desktop {version}</h3>"
            "<p>The planner's desktop for the 会引擎 (Meeting Engine) gateway: meetings, imports "
            "and the 会引擎 app in one window.</p>"
            "<p>Data folder: {data}<br>Log file: {log}</p>"
        ).format(version=__version__, data=paths.data_dir(), log=log_file())
        box = QMessageBox(QMessageBox.Icon.NoIcon, self.tr("About TechMICE Desktop"), text, parent=self)
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # -- layout memory ---------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        stored = self._services.settings.get(WINDOW_SETTING)
        section = 0
        if isinstance(stored, dict):
            for key, restore in (
                ("geometry", self.restoreGeometry),
                ("state", self.restoreState),
                ("splitter", self._splitter.restoreState),
            ):
                value = stored.get(key)
                if isinstance(value, str):
                    try:
                        restore(QByteArray(base64.b64decode(value)))
                    except ValueError:
                        log.info("ignoring a damaged window %s setting", key)
            section = stored.get("section", 0) if isinstance(stored.get("section"), int) else 0
        else:
            self.resize(1180, 760)
        self._sidebar.setCurrentRow(section if 0 <= section < len(SECTIONS) else 0)

    def _save_layout(self) -> None:
        def encode(data: QByteArray) -> str:
            return base64.b64encode(bytes(data.data())).decode("ascii")

        self._services.settings.set(
            WINDOW_SETTING,
            {
                "geometry": encode(self.saveGeometry()),
                "state": encode(self.saveState()),
                "splitter": encode(self._splitter.saveState()),
                "section": self._stack.currentIndex(),
            },
        )
