"""Guards against the PySide6 6.12.0 reference-count bug on Python 3.11.

There, every void call and every Signal.emit(True) dropped one reference to None/True, and
the app aborted with "none_dealloc" after a few thousand calls. Run in a subprocess so that a
bad wheel fails this test instead of killing the whole test session.
"""

import subprocess
import sys

PROBE = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

class Emitter(QObject):
    fired = Signal(bool)

app = QApplication([])
widget, emitter = QWidget(), Emitter()
none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
for _ in range(2000):
    widget.update()
    widget.setEnabled(True)
    emitter.fired.emit(True)
print(sys.getrefcount(None) - none_before, sys.getrefcount(True) - true_before)
"""


def test_void_calls_and_emits_keep_none_and_true_alive() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr[-500:]
    none_delta, true_delta = (int(x) for x in result.stdout.split())
    # A healthy binding leaves both counts where they were (give or take a few references).
    assert abs(none_delta) < 100 and abs(true_delta) < 100, (none_delta, true_delta)
