"""Shared set-up for the pytest-qt GUI tests.

Order matters, so it happens at import time, before pytest-qt creates the QApplication:
- Qt renders offscreen (no display on CI), and Chromium runs without its sandbox because these
  machines test as root. Both are for tests only: the shipped app never sets them.
- ``QtWebEngineWidgets`` is imported before any QApplication exists, as QtWebEngine requires.

Every test writes below its own temporary ``TECHMICE_DATA_DIR``: the autouse ``data_dir``
fixture of ``tests/conftest.py`` sets it, for these tests too (not repeated here, so that
``data_dir`` is always the folder the app really uses).

Tests that load pages in QtWebEngine carry the ``webengine`` mark and run after all others.
Once QtWebEngine has started, the end of a ``QApplication.exec()`` shuts it down, and the next
``exec()`` in the same process segfaults (seen with PySide6 6.11 and 6.12, no qasync needed).
qasync runs its loop with ``exec()``, once per ``run_until_complete``, so a qasync test after a
web test crashes the whole run. The app itself calls ``exec()`` once. A test that needs both
QtWebEngine and a qasync loop must run the loop only once (the ``qloop`` fixture's teardown runs
it again) or run in a subprocess.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

import PySide6.QtWebEngineWidgets  # noqa: F401  (must precede the QApplication)
import pytest

WEBENGINE_MARK = "webengine"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{WEBENGINE_MARK}: loads pages in QtWebEngine; runs after all other tests")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A stable sort: the order within both groups stays as collected.
    items.sort(key=lambda item: item.get_closest_marker(WEBENGINE_MARK) is not None)
