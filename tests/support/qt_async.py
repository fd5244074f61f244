"""Driving qasync scenarios from tests: run one, poll for a condition, read from a web page.

Polling with ``asyncio.sleep`` keeps the Qt loop turning; ``qtbot.waitSignal`` inside a
coroutine would nest event loops (testing.md).
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable
from typing import Any


def run(qloop: Any, scenario: Callable[[], Awaitable[Any]] | Awaitable[Any], timeout: float = 30.0) -> Any:
    """Run a scenario (a coroutine, or a function returning one) on the qasync loop."""
    awaitable = scenario() if callable(scenario) and not inspect.isawaitable(scenario) else scenario
    return qloop.run_until_complete(asyncio.wait_for(awaitable, timeout))


async def until(condition: Callable[[], object], what: str = "condition", timeout: float = 15.0) -> None:
    """Wait until ``condition()`` is truthy; fail with ``what`` after ``timeout`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"{what} not met within {timeout:.0f} s")
        await asyncio.sleep(0.01)


async def js(page: Any, script: str, timeout: float = 15.0) -> Any:
    """Run ``script`` in a QWebEnginePage and await its result via the callback."""
    box: list[Any] = []
    page.runJavaScript(script, 0, box.append)
    await until(lambda: box, f"result of {script[:40]!r}", timeout)
    return box[0]
