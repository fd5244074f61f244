"""Adding or changing an environment profile, and the planner's name for each environment.

User-defined environments (contract-notes §8) carry the rules the published contract leaves
open: host, ent_id, client_id, signature scheme, import field name, allowed host suffixes and
timeouts. Validation is the profile's own (``GatewayProfile.problems``), shown inline.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gateway.profile import PRODUCTION, SANDBOX, TEST, GatewayProfile
from desktop_app.gateway.signing import SCHEMES
from desktop_app.ui.error_box import ERROR_STYLE


def environment_label(profile: GatewayProfile) -> str:
    """The planner's name for an environment (user-defined ones keep the name they were given)."""
    labels = {
        SANDBOX: QCoreApplication.translate("Environments", "Local sandbox"),
        TEST: QCoreApplication.translate("Environments", "Test"),
        PRODUCTION: QCoreApplication.translate("Environments", "Production"),
    }
    if profile.kind in labels and profile.name == profile.kind:
        return labels[profile.kind]
    return profile.name


class EnvironmentDialog(QDialog):
    """Add a user-defined environment, or change the address and rules of an existing one.

    Built-in environments keep their name and kind; what is entered for them is stored as an
    override in the settings (``Settings.save_profile``), which is how the production address
    is filled in once it is published.
    """

    def __init__(
        self, parent: QWidget | None = None, *, profile: GatewayProfile | None = None, language: str = "zh"
    ) -> None:
        super().__init__(parent)
        self._original = profile
        self._language = language
        self.setWindowTitle(self.tr("Edit environment") if profile else self.tr("Add environment"))
        self.profile: GatewayProfile | None = None

        self._name = QLineEdit(self)
        self._base_url = QLineEdit(self)
        self._base_url.setPlaceholderText("https://gateway.example.com")
        self._ent_id = QLineEdit(self)
        self._client_id = QLineEdit(self)
        self._scheme = QComboBox(self)
        self._scheme.addItems(list(SCHEMES))
        self._import_field = QLineEdit(self)
        self._suffixes = QLineEdit(self)
        self._suffixes.setPlaceholderText(".example.com, .example.cn")
        self._problem = QLabel(self)
        self._problem.setWordWrap(True)
        self._problem.setStyleSheet(ERROR_STYLE)
        self._problem.hide()

        for widget, name in (
            (self._name, "name"),
            (self._base_url, "base_url"),
            (self._ent_id, "ent_id"),
            (self._client_id, "client_id"),
            (self._scheme, "scheme"),
            (self._import_field, "import_field"),
            (self._suffixes, "host_suffixes"),
        ):
            widget.setObjectName(name)

        source = profile or GatewayProfile(name="")
        self._name.setText(source.name)
        self._name.setReadOnly(profile is not None)  # renaming would orphan remembered fields
        self._base_url.setText(source.base_url)
        self._ent_id.setText(source.ent_id)
        self._client_id.setText(source.client_id)
        self._scheme.setCurrentText(source.scheme)
        self._import_field.setText(source.import_field)
        self._suffixes.setText(", ".join(source.allowed_host_suffixes))

        form = QFormLayout()
        form.addRow(self.tr("Name"), self._name)
        form.addRow(self.tr("Gateway address"), self._base_url)
        form.addRow(self.tr("Enterprise ID (ent_id)"), self._ent_id)
        form.addRow(self.tr("Client ID"), self._client_id)
        form.addRow(self.tr("Signature scheme"), self._scheme)
        form.addRow(self.tr("Import field name"), self._import_field)
        form.addRow(self.tr("Allowed host suffixes"), self._suffixes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self._save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self._save_button.setObjectName("save")
        buttons.accepted.connect(self._on_save_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def _on_save_clicked(self) -> None:
        name = self._name.text().strip()
        suffixes = tuple(
            s if s.startswith(".") else f".{s}" for s in (p.strip() for p in self._suffixes.text().split(",")) if s
        )
        base = self._original or GatewayProfile(name=name, kind="custom")
        candidate = replace(
            base,
            name=name,
            base_url=self._base_url.text().strip().rstrip("/"),
            ent_id=self._ent_id.text().strip(),
            client_id=self._client_id.text().strip(),
            scheme=self._scheme.currentText(),
            import_field=self._import_field.text().strip(),
            allowed_host_suffixes=suffixes,
        )
        if not name:
            self._show_problem(self.tr("Give the environment a name."))
            return
        if candidate.is_sandbox:
            # The sandbox's address is chosen at start (a free port); only the other fields apply.
            candidate = replace(candidate, base_url=self._original.base_url if self._original else "")
        problems = [text.in_language(self._language) for text in candidate.problem_texts()]
        if problems:
            self._show_problem(self.tr("This environment cannot be used yet:") + " " + "; ".join(problems))
            return
        self.profile = candidate
        self.accept()

    def _show_problem(self, text: str) -> None:
        self._problem.setText(text)
        self._problem.show()
