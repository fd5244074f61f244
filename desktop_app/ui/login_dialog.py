"""The sign-in dialog: environment, the four fields of the token call, "remember me".

It is what a new planner meets first, so it explains itself: the sandbox's demo tenant is
offered as a hint with a one-click fill, a missing keychain is said out loud instead of a
"remember me" that silently does nothing, and every failure is shown inline in the planner's
language with the support details one click away. An error never clears what was typed.

The token call runs in the worker. Cancel abandons an attempt: a request in flight cannot be
interrupted, so its late result is ignored, and the next attempt waits for it to end first so
two sign-ins never race on the one ``Session``. Coroutines open this dialog with ``open()``
and await ``finished`` (``ask_to_sign_in``): never ``exec()`` (testing.md).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gateway.errors import GatewayError
from desktop_app.gateway.profile import SANDBOX, GatewayProfile, base_url_problem
from desktop_app.gateway.tokens import Credentials
from desktop_app.logging_setup import redact
from desktop_app.sandbox.tenant import DemoTenant
from desktop_app.services.context import AppServices
from desktop_app.services.session import SignedIn
from desktop_app.ui.environment_dialog import EnvironmentDialog, environment_label
from desktop_app.ui.error_box import ErrorBox

log = logging.getLogger(__name__)

# The embedded sandbox's demo tenant (contract-notes §9), from the one place that defines it.
DEMO = DemoTenant()
_DEMO_USER_NAMES = sorted(DEMO.employees)
DEMO_USER_NAME = _DEMO_USER_NAMES[0]
DEMO_USERS = f"{_DEMO_USER_NAMES[0]}–{_DEMO_USER_NAMES[-1]}"


HINT_STYLE = "background: #eef5ff; border: 1px solid #c7dcff; border-radius: 4px;"
NOTE_STYLE = "color: palette(mid);"


class LoginDialog(QDialog):
    """Sign in to one environment. ``signed_in`` holds the result once the dialog is accepted.

    ``reason`` is shown above the fields (e.g. "Your session has expired"); ``error`` is a
    failure that happened before the dialog opened (a failed silent sign-in), shown inline.
    """

    signedIn = Signal(object)  # SignedIn

    def __init__(
        self,
        services: AppServices,
        parent: QWidget | None = None,
        *,
        environment: str | None = None,
        reason: str = "",
        error: BaseException | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.signed_in: SignedIn | None = None
        self._attempt = 0  # bumped by every start and every cancel: stale results compare unequal
        self._busy = False
        self._last_task: asyncio.Task[None] | None = None
        self._secret_from_keychain = False
        self._keychain_generation = 0
        self._keychain_task: object | None = None
        # Cached after the first probe, which the main window runs in the worker at start-up.
        self._keychain_available = services.session.keychain.available()

        self.setWindowTitle(self.tr("Sign in to 会引擎"))
        self.setObjectName("LoginDialog")

        title = QLabel(self.tr("Sign in to 会引擎"), self)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self._reason = QLabel(self)
        self._reason.setObjectName("reason")
        self._reason.setWordWrap(True)
        self._reason.setStyleSheet(HINT_STYLE + " padding: 6px;")
        self._reason.setVisible(bool(reason))
        self._reason.setText(reason)

        # -- environment --
        self._environment = QComboBox(self)
        self._environment.setObjectName("environment")
        self._environment.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._environment_menu = QMenu(self)
        self._add_environment_action = self._environment_menu.addAction(self.tr("Add environment…"))
        self._add_environment_action.triggered.connect(self._on_add_environment_triggered)
        self._edit_environment_action = self._environment_menu.addAction(self.tr("Edit this environment…"))
        self._edit_environment_action.triggered.connect(self._on_edit_environment_triggered)
        self._remove_environment_action = self._environment_menu.addAction(self.tr("Remove this environment"))
        self._remove_environment_action.triggered.connect(self._on_remove_environment_triggered)
        self._environment_button = QToolButton(self)
        self._environment_button.setText(self.tr("Environments…"))
        self._environment_button.setToolTip(self.tr("Add or edit environments"))
        self._environment_button.setMenu(self._environment_menu)
        self._environment_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

        # -- fields --
        self._ent_id = QLineEdit(self)
        self._ent_id.setObjectName("ent_id")
        self._user_name = QLineEdit(self)
        self._user_name.setObjectName("user_name")
        self._user_name.setPlaceholderText(self.tr("Your employee number"))
        self._client_id = QLineEdit(self)
        self._client_id.setObjectName("client_id")
        self._client_secret = QLineEdit(self)
        self._client_secret.setObjectName("client_secret")
        self._client_secret.setEchoMode(QLineEdit.EchoMode.Password)
        self._client_secret.textEdited.connect(self._on_secret_edited)
        self._show_secret = QToolButton(self)
        self._show_secret.setObjectName("show_secret")
        self._show_secret.setText(self.tr("Show"))
        self._show_secret.setCheckable(True)
        self._show_secret.toggled.connect(self._on_show_secret_toggled)
        secret_row = QHBoxLayout()
        secret_row.setContentsMargins(0, 0, 0, 0)
        secret_row.addWidget(self._client_secret, 1)
        secret_row.addWidget(self._show_secret)
        environment_row = QHBoxLayout()
        environment_row.setContentsMargins(0, 0, 0, 0)
        environment_row.addWidget(self._environment, 1)
        environment_row.addWidget(self._environment_button)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Environment"), environment_row)
        form.addRow(self.tr("Enterprise ID (ent_id)"), self._ent_id)
        form.addRow(self.tr("Employee no. (员工号)"), self._user_name)
        form.addRow(self.tr("Client ID"), self._client_id)
        form.addRow(self.tr("Client secret"), secret_row)

        # -- sandbox hint --
        self._hint = QFrame(self)
        self._hint.setObjectName("demo_hint")
        self._hint.setStyleSheet("#demo_hint {" + HINT_STYLE + "}")
        hint_text = QLabel(
            self.tr(
                "The local sandbox is a practice gateway on this computer. Sign in with its demo tenant: "
                "enterprise {ent_id}, client {client_id}, secret {secret}, employee no. {users}."
            ).format(ent_id=DEMO.ent_id, client_id=DEMO.client_id, secret=DEMO.client_secret, users=DEMO_USERS),
            self._hint,
        )
        hint_text.setWordWrap(True)
        hint_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._fill_demo = QPushButton(self.tr("Fill demo values"), self._hint)
        self._fill_demo.setObjectName("fill_demo")
        self._fill_demo.clicked.connect(self._on_fill_demo_clicked)
        hint_layout = QHBoxLayout(self._hint)
        hint_layout.addWidget(hint_text, 1)
        hint_layout.addWidget(self._fill_demo, 0, Qt.AlignmentFlag.AlignVCenter)

        # -- remember me --
        self._remember = QCheckBox(self.tr("Remember me on this computer"), self)
        self._remember.setObjectName("remember")
        self._remember_note = QLabel(self)
        self._remember_note.setObjectName("remember_note")
        self._remember_note.setWordWrap(True)
        self._remember_note.setStyleSheet(NOTE_STYLE)
        if self._keychain_available:
            self._remember_note.setText(self.tr("Your client secret is kept in the system keychain, never in a file."))
        else:
            self._remember.setEnabled(False)
            self._remember_note.setText(self.tr("No system keychain found: nothing will be remembered."))

        # -- error and details --
        self._error_box = ErrorBox(self)
        self._error_box.setObjectName("error_box")
        self._error_box.detailsToggled.connect(self._on_error_box_details_toggled)

        # -- busy --
        self._progress = QProgressBar(self)
        self._progress.setObjectName("progress")
        self._progress.setRange(0, 0)  # indeterminate: the token call reports no progress
        self._progress.setMaximumHeight(6)
        self._progress.setTextVisible(False)
        self._busy_label = QLabel(self.tr("Signing in…"), self)
        self._busy_label.setObjectName("busy_label")
        busy_row = QHBoxLayout()
        busy_row.addWidget(self._busy_label)
        busy_row.addWidget(self._progress, 1)
        self._progress.hide()
        self._busy_label.hide()

        self._buttons = QDialogButtonBox(self)
        self._sign_in_button = self._buttons.addButton(self.tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self._sign_in_button.setObjectName("sign_in")
        self._sign_in_button.setDefault(True)
        self._cancel_button = self._buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self._cancel_button.setObjectName("cancel")
        self._sign_in_button.clicked.connect(self._on_sign_in_clicked)
        self._cancel_button.clicked.connect(self._on_cancel_clicked)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(self._reason)
        layout.addLayout(form)
        layout.addWidget(self._hint)
        layout.addWidget(self._remember)
        layout.addWidget(self._remember_note)
        layout.addWidget(self._error_box)
        layout.addLayout(busy_row)
        layout.addStretch(1)
        layout.addWidget(self._buttons)
        self.setMinimumWidth(520)

        self._fill_environments(environment or services.settings.get("last_environment") or SANDBOX)
        self._environment.currentIndexChanged.connect(self._on_environment_changed)
        if error is not None:
            self.show_error(error)

    # -- public ----------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._busy

    def profile(self) -> GatewayProfile | None:
        name = self._environment.currentData()
        return self._services.settings.profile(name) if name else None

    def show_error(self, error: BaseException) -> None:
        """Show a failure inline; the fields keep what was typed."""
        language = self._services.language
        if isinstance(error, GatewayError):
            message = error.user_message(language)
            detail = error.detail or str(error)
        else:
            message = self.tr("Something went wrong while signing in. The details below help support.")
            detail = f"{type(error).__name__}: {error}"
        self._show_error_text(message, self._support_details(type(error).__name__, detail))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_height()

    def reject(self) -> None:
        # Escape, the window's close button and Cancel all land here. While a sign-in is
        # running they abandon it and keep the dialog; otherwise they close it.
        if self._busy:
            self._abandon()
            return
        super().reject()

    # -- environments ----------------------------------------------------------------------------

    def _fill_environments(self, selected: str) -> None:
        self._environment.blockSignals(True)
        self._environment.clear()
        for profile in self._services.settings.profiles():
            self._environment.addItem(environment_label(profile), profile.name)
        index = self._environment.findData(selected)
        self._environment.setCurrentIndex(max(index, 0))
        self._environment.blockSignals(False)
        self._load_environment()

    def _on_environment_changed(self, _index: int) -> None:
        self._hide_error()
        self._load_environment()

    def _load_environment(self) -> None:
        """Prefill from what was remembered for this environment and the profile's defaults."""
        profile = self.profile()
        if profile is None:
            return
        fields = self._services.settings.remembered_fields(profile.name)
        self._ent_id.setText(fields.get("ent_id") or profile.ent_id)
        self._user_name.setText(fields.get("user_name", ""))
        self._client_id.setText(fields.get("client_id") or profile.client_id)
        self._client_secret.clear()
        self._secret_from_keychain = False
        remembered = bool(fields.get("remember")) and self._keychain_available
        self._keychain_generation += 1
        if remembered:
            # Off the UI thread: a keychain may wait for the planner to unlock it.
            self._keychain_task = self._services.worker.spawn(
                self._fill_secret_from_keychain(profile.name, self._keychain_generation), name="login: keychain"
            )
        self._remember.setChecked(remembered)
        self._update_secret_toggle()
        self._hint.setVisible(profile.is_sandbox)
        self._edit_environment_action.setEnabled(True)
        self._remove_environment_action.setEnabled(profile.kind == "custom")
        first_empty = next((w for w in self._field_widgets() if not w.text()), self._client_secret)
        first_empty.setFocus()

    async def _fill_secret_from_keychain(self, environment: str, generation: int) -> None:
        stored = await self._services.worker.run(self._services.session.keychain.load, environment)
        # The planner may have switched environment or started typing meanwhile: theirs wins.
        if stored is None or generation != self._keychain_generation or self._client_secret.text():
            return
        self._client_secret.setText(stored.client_secret)
        self._secret_from_keychain = True
        self._update_secret_toggle()

    def _field_widgets(self) -> tuple[QLineEdit, ...]:
        return (self._ent_id, self._user_name, self._client_id, self._client_secret)

    def _on_add_environment_triggered(self) -> None:
        self._open_environment_editor(None)

    def _on_edit_environment_triggered(self) -> None:
        self._open_environment_editor(self.profile())

    def _open_environment_editor(self, profile: GatewayProfile | None) -> None:
        editor = EnvironmentDialog(self, profile=profile, language=self._services.language)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.accepted.connect(lambda: self._on_environment_saved(editor.profile))
        editor.open()

    def _on_environment_saved(self, profile: GatewayProfile | None) -> None:
        if profile is None:
            return
        self._services.settings.save_profile(profile)
        log.info("environment %r saved", profile.name)
        self._fill_environments(profile.name)

    def _on_remove_environment_triggered(self) -> None:
        profile = self.profile()
        if profile is None or profile.kind != "custom":
            return
        self._services.settings.remove_profile(profile.name)
        self._fill_environments(SANDBOX)

    # -- fields ------------------------------------------------------------------------------------

    def _on_fill_demo_clicked(self) -> None:
        self._ent_id.setText(DEMO.ent_id)
        self._client_id.setText(DEMO.client_id)
        self._client_secret.setText(DEMO.client_secret)
        self._secret_from_keychain = False
        self._update_secret_toggle()
        if not self._user_name.text().strip():
            self._user_name.setText(DEMO_USER_NAME)
        self._sign_in_button.setFocus()

    def _on_secret_edited(self, _text: str) -> None:
        self._secret_from_keychain = False
        self._update_secret_toggle()

    def _update_secret_toggle(self) -> None:
        # A secret read from the keychain is not revealed: whoever sits at an unlocked
        # computer should not read it off the screen. Typed ones can be checked.
        self._show_secret.setEnabled(not self._secret_from_keychain and not self._busy)
        if self._secret_from_keychain:
            self._show_secret.setChecked(False)

    def _on_show_secret_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self._client_secret.setEchoMode(mode)
        self._show_secret.setText(self.tr("Hide") if shown else self.tr("Show"))

    def _on_error_box_details_toggled(self, _shown: bool) -> None:
        self._fit_height()

    def _fit_height(self) -> None:
        # Wrapped labels (the hint, errors) need fewer lines at the dialog's real width than
        # at its size hint's; a top-level window does not follow height-for-width by itself,
        # so fit it, or an empty band opens above the buttons.
        layout = self.layout()
        layout.activate()
        height = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else -1
        if height <= 0:
            height = self.sizeHint().height()
        self.resize(self.width(), max(height, self.minimumSizeHint().height()))

    # -- signing in --------------------------------------------------------------------------------

    def _on_sign_in_clicked(self) -> None:
        if self._busy:
            return
        profile = self.profile()
        if profile is None:
            return
        credentials = Credentials(
            ent_id=self._ent_id.text().strip(),
            user_name=self._user_name.text().strip(),
            client_id=self._client_id.text().strip(),
            client_secret=self._client_secret.text(),
        )
        missing = credentials.missing()
        if missing:
            names = {
                "ent_id": self.tr("Enterprise ID"),
                "user_name": self.tr("Employee no."),
                "client_id": self.tr("Client ID"),
                "client_secret": self.tr("Client secret"),
            }
            listed = ", ".join(names[m] for m in missing)
            self._show_error_text(self.tr("Please fill in: {fields}.").format(fields=listed))
            widgets = dict(zip(names, self._field_widgets(), strict=True))
            widgets[missing[0]].setFocus()
            return
        if not profile.is_sandbox and base_url_problem(profile.base_url):
            self._show_error_text(
                self.tr(
                    "This environment has no usable gateway address yet. "
                    "Enter it with “Environments…” → “Edit this environment…”."
                ),
                self._support_details("ProfileProblem", "; ".join(profile.problems())),
            )
            return
        self._attempt += 1
        self._set_busy(True)
        self._hide_error()
        previous = self._last_task
        self._last_task = self._services.worker.spawn(
            self._sign_in(self._attempt, previous, profile, credentials, self._remember.isChecked()),
            name="sign-in",
        )

    async def _sign_in(
        self,
        attempt: int,
        previous: asyncio.Task[None] | None,
        profile: GatewayProfile,
        credentials: Credentials,
        remember: bool,
    ) -> None:
        if previous is not None and not previous.done():
            # An abandoned attempt is still talking to the gateway: let it end, so its late
            # result cannot overwrite this one in the shared session.
            await asyncio.wait({previous})
        session = self._services.session
        try:
            signed_in = await self._services.worker.run(session.sign_in, profile, credentials, remember=remember)
        except Exception as exc:
            if isinstance(exc, GatewayError):
                log.info("sign-in to %s failed: %s", profile.name, type(exc).__name__)
            else:
                log.exception("unexpected failure while signing in to %s", profile.name)
            if attempt == self._attempt and shiboken6.isValid(self):
                self._set_busy(False)
                self.show_error(exc)
            return
        if attempt != self._attempt or not shiboken6.isValid(self):  # abandoned, or the dialog is gone
            log.info("abandoned sign-in to %s finished; result ignored", profile.name)
            return
        self._set_busy(False)
        self.signed_in = signed_in
        self.signedIn.emit(signed_in)
        self.accept()

    def _on_cancel_clicked(self) -> None:
        self.reject()

    def _abandon(self) -> None:
        self._attempt += 1
        self._set_busy(False)
        self._show_error_text(self.tr("Sign-in cancelled."))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (*self._field_widgets(), self._environment, self._environment_button, self._fill_demo):
            widget.setEnabled(not busy)
        self._remember.setEnabled(not busy and self._keychain_available)
        self._sign_in_button.setEnabled(not busy)
        self._progress.setVisible(busy)
        self._busy_label.setVisible(busy)
        self._update_secret_toggle()

    # -- errors ---------------------------------------------------------------------------------------

    def _support_details(self, kind: str, detail: str) -> str:
        session_profile = self._services.session.profile
        profile = self.profile()
        address = ""
        if session_profile is not None and profile is not None and session_profile.name == profile.name:
            address = session_profile.base_url
        elif profile is not None:
            address = profile.base_url
        lines = [
            f"{self.tr('Environment')}: {profile.name if profile else '?'}",
            f"{self.tr('Gateway address')}: {address or '—'}",
            f"{self.tr('Error')}: {kind}",
            redact(detail),
        ]
        # The secret never reaches this text: redact() scrubs every secret the session has
        # seen, and the typed one is removed explicitly in case it never reached the session.
        secret = self._client_secret.text()
        text = "\n".join(lines)
        return text.replace(secret, "***") if len(secret) >= 4 else text

    def _show_error_text(self, message: str, details: str = "") -> None:
        self._error_box.show_error(message, details)
        if self.isVisible():
            self._fit_height()

    def _hide_error(self) -> None:
        self._error_box.clear()

    @property
    def error_text(self) -> str:
        """The inline error as shown ("" when none is showing)."""
        return self._error_box.message


async def ask_to_sign_in(
    services: AppServices,
    parent: QWidget | None = None,
    *,
    environment: str | None = None,
    reason: str = "",
    error: BaseException | None = None,
    on_open: Callable[[LoginDialog], object] | None = None,
) -> SignedIn | None:
    """Open the dialog window-modally and wait for it to close: the signed-in result or None.

    ``open()`` and a future instead of ``exec()``: a nested event loop inside a coroutine
    breaks qasync (testing.md). ``on_open(dialog)`` lets callers and tests reach the dialog.
    """
    dialog = LoginDialog(services, parent, environment=environment, reason=reason, error=error)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    done: asyncio.Future[SignedIn | None] = asyncio.get_running_loop().create_future()

    def on_finished(result: int) -> None:
        # Read the result now: the dialog deletes itself once closed.
        if not done.done():
            done.set_result(dialog.signed_in if result == QDialog.DialogCode.Accepted else None)

    dialog.finished.connect(on_finished)
    dialog.open()
    if on_open is not None:
        on_open(dialog)
    return await done
