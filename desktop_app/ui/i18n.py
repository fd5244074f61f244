"""The app's language: which one to use, and installing the Qt translators for it.

Widgets carry English source strings (``self.tr``); Simplified Chinese comes from
``resources/translations/techmice_zh_CN.qm`` plus Qt's own ``qtbase_zh_CN.qm`` (standard
buttons, the context menus of line edits, date pickers). The choice is read once at start:
widgets are built in that language, and a change made in the Language menu applies at the next
start, which the main window says plainly.

Order of precedence: ``--lang`` on the command line, ``TECHMICE_LANG`` (shared with the CLI),
the ``language`` setting (``"zh"``, ``"en"``, or ``""`` to follow the operating system), then
the operating system's locale.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop_app.services.settings import Settings
from desktop_app.storage import paths

log = logging.getLogger(__name__)

LANGUAGES = ("zh", "en")
SETTING = "language"  # "zh", "en" or "" (follow the operating system)
ENV_LANGUAGE = "TECHMICE_LANG"
APP_CATALOG = "techmice_zh_CN"
QT_CATALOG = "qtbase_zh_CN"


def normalise(value: str | None) -> str:
    """``"zh"`` or ``"en"`` for anything that names a language; ``""`` for nothing usable."""
    text = (value or "").strip().lower()
    if text.startswith("zh"):
        return "zh"
    if text.startswith("en"):
        return "en"
    return ""


def system_language() -> str:
    """The operating system's UI language, reduced to the two this app speaks."""
    locale = QLocale.system()
    if locale.language() == QLocale.Language.Chinese:
        return "zh"
    # Some desktops report only the UI languages list (e.g. zh-Hans-CN on macOS).
    if any(normalise(name) == "zh" for name in locale.uiLanguages()[:1]):
        return "zh"
    return "en"


def choose_language(settings: Settings, override: str | None = None) -> str:
    for candidate in (override, os.environ.get(ENV_LANGUAGE), settings.get(SETTING, "")):
        language = normalise(candidate)
        if language:
            return language
    return system_language()


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load and install the catalogues for ``language``; keep the returned list alive.

    English needs none (it is the source language). A missing catalogue is logged, not fatal:
    the app then shows English, which is better than not starting.
    """
    if language != "zh":
        if QLocale.system().language() != QLocale.Language.English:
            # English chosen on a non-English system: dates and numbers in English too.
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return []
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    catalogues = (
        (APP_CATALOG, str(paths.resource("translations"))),
        (QT_CATALOG, QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    )
    installed = []
    for name, directory in catalogues:
        translator = QTranslator(app)
        if translator.load(name, directory):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("translation catalogue %s not found in %s", name, directory)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
    QLocale.setDefault(QLocale.system())
