"""The one way the app runs blocking work off the UI thread (Anki's ``operations`` door).

Network calls, file parsing and hashing go through ``Worker.run`` and are awaited from
coroutines on the qasync loop. The executor is ours, not the loop's default one, so that at
quit it can be shut down without waiting on a hung request (testing.md, qasync notes).
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import logging
import threading
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")
THREAD_PREFIX = "techmice-worker"


_in_flight = 0
_in_flight_lock = threading.Lock()


def calls_still_running() -> int:
    """Blocking calls still executing in worker threads (after quit, only hung ones are left).

    Python joins executor threads at exit, so one request stuck in its read timeout would keep
    a closed app alive for minutes; the app checks this before it exits.
    """
    with _in_flight_lock:
        return _in_flight


def _counted(call: Callable[[], T]) -> T:
    global _in_flight
    with _in_flight_lock:
        _in_flight += 1
    try:
        return call()
    finally:
        with _in_flight_lock:
            _in_flight -= 1


class Worker:
    def __init__(self, max_workers: int = 4, *, loop: asyncio.AbstractEventLoop | None = None) -> None:
        # The qasync loop; given explicitly so that Qt slots (which run outside any coroutine)
        # can start tasks without asyncio's deprecated implicit-loop lookup.
        self._loop = loop
        self._executor = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix=THREAD_PREFIX)
        self._tasks: set[asyncio.Task[Any]] = set()

    async def run(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Run ``fn`` in the pool and await its result on the calling loop."""
        loop = asyncio.get_running_loop()
        call = functools.partial(contextvars.copy_context().run, fn, *args, **kwargs)
        return await loop.run_in_executor(self._executor, _counted, call)

    def spawn(self, coro: Coroutine[Any, Any, T], *, name: str = "") -> asyncio.Task[T]:
        """Start a coroutine and keep a strong reference until it ends (qasync issue 159)."""
        loop = self._loop or asyncio.get_running_loop()
        task = loop.create_task(coro)
        if name:
            task.set_name(name)
        self._tasks.add(task)
        task.add_done_callback(self._on_task_done)
        return task

    def _on_task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            exc = task.exception()
            log.error("background task %s failed", task.get_name(), exc_info=(type(exc), exc, exc.__traceback__))

    def shutdown(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        self._executor.shutdown(wait=False, cancel_futures=True)
