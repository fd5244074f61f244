"""The one background door: results come back to the loop, failures are logged, hung calls are counted."""

import asyncio
import threading

from desktop_app.services import background


def test_run_returns_result_and_counts_calls_in_flight() -> None:
    release = threading.Event()
    started = threading.Event()

    def blocking() -> str:
        started.set()
        release.wait(5)
        return "done"

    async def scenario() -> str:
        worker = background.Worker()
        task = asyncio.ensure_future(worker.run(blocking))
        await asyncio.get_running_loop().run_in_executor(None, started.wait, 5)
        assert background.calls_still_running() == 1
        release.set()
        result = await task
        worker.shutdown()
        return result

    assert asyncio.run(scenario()) == "done"
    assert background.calls_still_running() == 0


def test_spawned_task_failure_is_logged_not_lost(caplog: object) -> None:
    async def boom() -> None:
        raise ValueError("broken")

    async def scenario() -> None:
        worker = background.Worker(loop=asyncio.get_running_loop())
        task = worker.spawn(boom(), name="boom")
        await asyncio.gather(task, return_exceptions=True)
        await asyncio.sleep(0)
        worker.shutdown()

    asyncio.run(scenario())
    assert any("boom" in r.getMessage() for r in caplog.records)  # type: ignore[attr-defined]
