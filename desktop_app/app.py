"""``techmice``: start the planner's desktop app.

Bootstrap only, in this order: arguments, logging (windowed builds have no stderr, so the log
file is where support looks), the QApplication with the attributes QtWebEngine and high-DPI
screens need before it exists, translations, then the qasync loop that every network call is
awaited on (run once: see ``main``). Services are built inside the loop (the worker is bound
to it) and handed to the main window explicitly.

Quitting goes through one path: the window asks (``quitRequested``), the main coroutine ends,
and its ``finally`` saves the layout, lets the pages save, tears down the web view before its
profile, closes the services and stops the embedded sandbox. Unexpected exceptions anywhere
(a Qt slot, an asyncio task) are logged with their traceback and shown to the planner as a
short note pointing at the log: never as a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import faulthandler
import gc
import logging
import os
import sys
from collections.abc import Awaitable, Callable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QMessageLogContext, QObject, Qt, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_app import __version__, logging_setup
from desktop_app.gateway.errors import GatewayError
from desktop_app.services import background
from desktop_app.services.settings import Settings

if TYPE_CHECKING:
    from desktop_app.services.context import AppServices
    from desktop_app.ui.main_window import MainWindow

    Driver = Callable[[MainWindow, AppServices], Awaitable[object]]

log = logging.getLogger("techmice.app")

APP_NAME = "TechMICE Desktop"
ORGANIZATION = "TechMICE"


def parse_args(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """Our options, and the rest for Qt (``-platform``, ``-style`` ...)."""
    parser = argparse.ArgumentParser(prog="techmice", description="TechMICE Desktop, the planner's 会引擎 client.")
    parser.add_argument("--env", metavar="NAME", help="environment to sign in to (sandbox, test, production, ...)")
    parser.add_argument("--lang", choices=("zh", "en"), help="user interface language (default: setting, then OS)")
    parser.add_argument("--verbose", action="store_true", help="debug logging, also to stderr")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser.parse_known_args(list(argv))


def create_application(qt_args: Sequence[str] = ()) -> QApplication:
    """The QApplication, with what must be decided before it exists."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # QtWebEngine shares OpenGL contexts with the widgets; this must precede the QApplication
    # because the web view is created late (first opening of the App section).
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    # Fractional scaling (125 %, 150 %) as the OS asks, instead of rounding to whole factors.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication([sys.argv[0] if sys.argv else "techmice", *qt_args])
    QGuiApplication.setDesktopFileName("techmice")
    # Quitting is decided by the main coroutine (so cleanup runs inside the loop), not by Qt.
    app.setQuitOnLastWindowClosed(False)
    return app


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _on_qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    logging.getLogger(f"qt.{context.category or 'default'}").log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


class MainThreadGarbageCollector(QObject):
    """Runs Python's cycle collector on the GUI thread only.

    Left automatic, the collector runs in whichever thread happens to allocate: a worker or
    a sandbox thread. A Qt object caught in a reference cycle would then be destroyed off
    the GUI thread, which Qt forbids (warnings at best, crashes at worst). So automatic
    collection is off and this timer collects, generation by generation, on the GUI thread.
    """

    def __init__(self, parent: QObject | None = None, *, interval_ms: int = 1000) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        count0, count1, count2 = gc.get_count()
        if count0 > self._threshold[0]:
            gc.collect(0)
            if count1 > self._threshold[1]:
                gc.collect(1)
                if count2 > self._threshold[2]:
                    gc.collect(2)

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()


class ErrorReporter:
    """Logs unexpected exceptions and tells the planner in a short, non-blocking note.

    One note at a time: a failure repeating in a timer must not bury the window in boxes.
    """

    def __init__(self) -> None:
        self.parent: QWidget | None = None
        self.language = "zh"
        self.enabled = True  # off while quitting: log only, no windows
        self._box: QMessageBox | None = None

    def excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.error("unhandled exception", exc_info=(exc_type, exc, tb))
        self.notify(exc)

    def loop_exception(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        message = context.get("message", "asyncio error")
        if isinstance(exc, BaseException):
            log.error("asyncio: %s", message, exc_info=(type(exc), exc, exc.__traceback__))
        else:
            log.error("asyncio: %s (%s)", message, {k: repr(v) for k, v in context.items() if k != "message"})
        if isinstance(exc, Exception):
            self.notify(exc)

    def notify(self, exc: BaseException | None = None) -> None:
        if not self.enabled or QApplication.instance() is None:
            return
        if self._box is not None:
            return
        if isinstance(exc, GatewayError):
            text = exc.user_message(self.language)
        else:
            text = QCoreApplication.translate(
                "App",
                "Something unexpected went wrong. Your work is kept where possible. "
                "If it happens again, send the log file to support:\n{log}",
            ).format(log=logging_setup.log_file())
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("App", "TechMICE Desktop"),
            text,
            QMessageBox.StandardButton.Ok,
            self.parent,
        )
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._on_box_finished)
        self._box = box
        box.show()

    def _on_box_finished(self, _result: int) -> None:
        self._box = None


async def run(
    args: argparse.Namespace,
    settings: Settings,
    language: str,
    reporter: ErrorReporter,
    *,
    driver: Driver | None = None,
) -> int:
    """The app's life inside the qasync loop."""
    import shiboken6

    from desktop_app.services.background import Worker
    from desktop_app.services.context import AppServices
    from desktop_app.services.session import Session, stop_embedded_sandbox
    from desktop_app.storage.database import Database
    from desktop_app.ui.main_window import MainWindow

    loop = asyncio.get_running_loop()
    services = AppServices(
        settings=settings,
        session=Session(settings),
        db=Database(),
        worker=Worker(loop=loop),
        language=language,
    )
    window = MainWindow(services)
    reporter.parent = window
    quit_requested: asyncio.Future[None] = loop.create_future()
    done = False

    def request_quit() -> None:
        if not quit_requested.done():
            quit_requested.set_result(None)

    def shut_down() -> None:
        # Idempotent: runs at the end of this coroutine, or from aboutToQuit when something
        # ended Qt's loop directly (app.quit()) and this coroutine will never resume.
        nonlocal done
        if done:
            return
        done = True
        log.info("quitting")
        reporter.enabled = False
        try:
            window.shutdown()  # layout, drafts, web view before its profile
        except Exception:
            log.exception("window shutdown failed")
        services.close()
        stop_embedded_sandbox()
        shiboken6.delete(window)

    window.quitRequested.connect(request_quit)
    app = QApplication.instance()
    assert app is not None
    app.aboutToQuit.connect(shut_down)
    window.show()
    services.worker.spawn(window.start(args.env), name="start-up")
    if driver is not None:
        services.worker.spawn(driver(window, services), name="driver")
    log.info("TechMICE Desktop %s started (language %s)", __version__, language)
    try:
        await quit_requested
    finally:
        shut_down()
        # Let the tasks cancelled by services.close() unwind within this one run of the loop.
        pending = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.wait(pending, timeout=2)
    return 0


_crash_file: Any = None


def _enable_crash_file() -> None:
    """A native crash (Qt, QtWebEngine) leaves its Python stacks in logs/crash.log: windowed
    builds have no stderr, and a segfault never reaches the logging module."""
    global _crash_file
    if _crash_file is None:
        try:
            _crash_file = (logging_setup.log_file().parent / "crash.log").open("a", encoding="utf-8")
        except OSError as exc:
            log.warning("no crash file: %s", exc)
            return
        faulthandler.enable(_crash_file, all_threads=True)


def main(argv: Sequence[str] | None = None, *, driver: Driver | None = None) -> int:
    """Run the app. ``driver(window, services)``, if given, is started beside the start-up:
    scripted runs (``scripts/screenshots.py``) click through the real app with it."""
    args, qt_args = parse_args(sys.argv[1:] if argv is None else argv)
    logging_setup.configure(verbose=args.verbose, console=args.verbose)
    _enable_crash_file()
    qInstallMessageHandler(_on_qt_message)
    reporter = ErrorReporter()
    sys.excepthook = reporter.excepthook

    import qasync

    from desktop_app.ui import i18n

    app = create_application(qt_args)
    settings = Settings()
    language = i18n.choose_language(settings, args.lang)
    reporter.language = language
    translators = i18n.install_translators(app, language)
    collector = MainThreadGarbageCollector(app)
    # One run of the loop, not qasync.run(): asyncio.run() runs the loop twice more after the
    # main coroutine (async generators, default executor), and each run is an app.exec() that
    # ends with aboutToQuit. With Qt 6.12, QtWebEngine crashes (segfault) on a second
    # aboutToQuit once the web view has been used; one run emits it exactly once.
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    loop.set_exception_handler(reporter.loop_exception)
    code = 0
    try:
        code = loop.run_until_complete(run(args, settings, language, reporter, driver=driver))
    except RuntimeError as exc:
        # Qt's loop was ended from outside the main coroutine (app.quit() by the OS session);
        # shut_down() ran from aboutToQuit.
        log.info("event loop ended early: %s", exc)
    finally:
        reporter.enabled = False
        loop.close()
        asyncio.set_event_loop(None)
        collector.stop()
        i18n.remove_translators(app, translators)
        log.info("bye")
    _exit_without_waiting_for_hung_calls(code)
    return code


def _exit_without_waiting_for_hung_calls(code: int) -> None:
    """Everything is saved by now (SQLite commits per write); a request still waiting for its
    read timeout must not keep a closed window's process alive for minutes."""
    hung = background.calls_still_running()
    if hung:
        log.warning("exiting with %d background call(s) still waiting on the network", hung)
        logging.shutdown()
        os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
