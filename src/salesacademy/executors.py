"""Where grading and report jobs run: worker processes of this machine, or a Dask cluster.

An executor is a context manager that gives a `Fanout`: a function that runs
``task(item)`` for every item elsewhere and yields ``(item, result)`` as each
finishes, in the order they finish. The caller only receives results, so
whatever it writes with them (the gradebook, above all) it writes alone,
wherever the tasks ran. An item whose worker died or whose result was lost
gets ``lost(item, error)`` instead of a result, and the batch goes on.

- `local`: spawned worker processes of this machine, one task at a time each.
- `dask`: the workers of a Dask distributed cluster. A worker process keeps
  its module state between tasks, as a local worker does, so the grader's
  warm kernel template is started once per worker, not once per task. The
  workers must see the course instance and its content at the same paths as
  this machine (shared storage) and reach the gradebook.

Dask is imported only when the `dask` executor is chosen.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from .errors import AcademyError

Item = TypeVar("Item")
Outcome = TypeVar("Outcome")
#: ``fanout(task, items, lost)``: ``(item, task(item))`` pairs as they finish, ``lost(item, error)`` for a lost one.
Fanout = Callable[[Callable[[Any], Any], Sequence[Any], Callable[[Any, Exception], Any]], Iterator[tuple[Any, Any]]]

LOCAL, DASK = "local", "dask"
NAMES = (LOCAL, DASK)
DEFAULT = LOCAL
#: Tasks a local worker has queued for it at any time: enough that it never waits for the next.
IN_FLIGHT_PER_WORKER = 4
#: A batch up to this size is run in the caller's own process when no number of workers is asked for
#: (`grade.grade`): worker processes would cost more to start than they save.
SMALL_BATCH = 40
#: The same for reports (`report.report`): a report takes a quarter of a second, a worker process about a second to start.
SMALL_REPORT_BATCH = 10
#: Seconds to wait for the scheduler to answer and for a worker to be there.
CONNECT_TIMEOUT_S = 10


def chosen(name: str, *, workers: int, scheduler: str | None, inline: bool = False,
           start: Callable[..., None] | None = None, start_args: tuple = ()) -> contextlib.AbstractContextManager[Fanout]:
    """The executor `name` (``local`` or ``dask``), checked now, connected when entered.

    Args:
        workers: Worker processes of the local executor.
        scheduler: Address of the Dask scheduler, e.g. ``tcp://10.0.0.5:8786``; only with ``dask``.
        inline: Local executor only: with one worker, run the tasks in this process.
        start: Local executor only: the workers start when it is entered, and each first runs
            ``start(*start_args)`` (loading what its tasks need), while the caller prepares their work.

    Raises:
        AcademyError: an unknown executor, or a scheduler given to the local
            executor or missing for the Dask one.
    """
    check(name, scheduler)
    return local(workers, inline=inline, start=start, start_args=start_args) if name == LOCAL else dask(scheduler)


def check(name: str, scheduler: str | None) -> None:
    """Refuse an unknown executor, a scheduler given to the local one, or none given to Dask's.

    Raises:
        AcademyError: with the one-line reason.
    """
    if name == LOCAL and scheduler is not None:
        raise AcademyError("--scheduler is for --executor dask; leave it out to use this machine's own workers")
    if name == DASK and not scheduler:
        raise AcademyError("--executor dask needs the scheduler's address: --scheduler tcp://HOST:8786")
    if name not in (LOCAL, DASK):
        raise AcademyError(f"unknown executor {name!r}; use one of: {', '.join(NAMES)}")


@contextlib.contextmanager
def local(count: int, *, inline: bool = False, start: Callable[..., None] | None = None,
          start_args: tuple = ()) -> Iterator[Fanout]:
    """Up to `count` worker processes of this machine, started for each fan-out and stopped after it.

    With `start`, all `count` are started on entry instead, each running ``start(*start_args)``
    before its first task, and serve every fan-out until exit: they load what
    they need while the caller is still preparing their work. With `inline` and
    one worker, this process runs ``start(*start_args)`` on entry, and then the tasks.
    """
    here = inline and count == 1
    early = _pool(count, start, start_args) if start is not None and not here else None
    if start is not None and here:
        start(*start_args)

    def fanout(task: Callable[[Item], Outcome], items: Sequence[Item],
               lost: Callable[[Item, Exception], Outcome]) -> Iterator[tuple[Item, Outcome]]:
        if not items:
            return
        size = min(count, len(items))
        if inline and size == 1:
            for item in items:
                yield item, task(item)
            return
        from collections import deque
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        pool = early or _pool(size)
        waiting = deque(items)
        running: dict = {}  # future -> item; a few per worker, so memory does not grow with the batch
        try:
            while waiting or running:
                while waiting and len(running) < IN_FLIGHT_PER_WORKER * size:
                    item = waiting.popleft()
                    try:
                        running[pool.submit(task, item)] = item
                    except BrokenProcessPool as error:  # a worker died: this pool runs nothing more
                        yield item, lost(item, error)
                if running:
                    done, _ = wait(running, return_when=FIRST_COMPLETED)
                    for future in done:
                        item = running.pop(future)
                        yield item, _outcome(future, item, lost)
        finally:
            if pool is not early:
                pool.shutdown(cancel_futures=True)  # the caller stopped early: queued tasks are dropped
            else:
                for future in running:
                    future.cancel()

    try:
        yield fanout
    finally:
        if early is not None:
            early.shutdown(cancel_futures=True)


def _pool(size: int, start: Callable[..., None] | None = None, start_args: tuple = ()):
    """`size` spawned worker processes; with `start`, all of them running now, each having begun with ``start(*start_args)``."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn: workers must not inherit this process's threads, database handles or kernel template
    pool = ProcessPoolExecutor(size, mp_context=multiprocessing.get_context("spawn"), initializer=start, initargs=start_args)
    if start is not None:
        for _ in range(size):  # spawned workers are otherwise started one by one, as tasks arrive
            pool.submit(_started)
    return pool


def _started() -> None:
    """The task that makes a pool start a worker ahead of the real tasks."""


@contextlib.contextmanager
def dask(address: str) -> Iterator[Fanout]:
    """The Dask cluster whose scheduler is at `address`, connected on entry and released on exit.

    Raises:
        AcademyError: no scheduler answers at `address` within `CONNECT_TIMEOUT_S`, or it has no worker.
    """
    from distributed import as_completed

    client = _connect(address)

    def fanout(task: Callable[[Item], Outcome], items: Sequence[Item],
               lost: Callable[[Item, Exception], Outcome]) -> Iterator[tuple[Item, Outcome]]:
        futures = client.map(functools.partial(_one_at_a_time, task), items, pure=False)
        by_key = {future.key: item for future, item in zip(futures, items)}
        for future in as_completed(futures, loop=client.loop):  # this client's: it is not the default one
            item = by_key[future.key]
            yield item, _outcome(future, item, lost)

    try:
        yield fanout
    finally:
        client.close()


def _outcome(future, item: Item, lost: Callable[[Item, Exception], Outcome]) -> Outcome:
    """The result of a finished `future`, or what `lost` makes of its error."""
    try:
        return future.result()
    except Exception as error:  # the worker died, or the result could not come back
        return lost(item, error)


def _connect(address: str):
    """A client of the scheduler at `address`, with at least one worker.

    The server is asked who it is first, under a time limit of its own: the
    client waits for ever on a server that accepts connections and never
    answers, and fails with a baffling error on one that speaks another
    protocol or is a worker rather than the scheduler.
    """
    import asyncio
    import concurrent.futures

    from distributed import Client, Security
    from distributed.comm import connect

    async def identity() -> dict:
        # TLS settings, if any, come from Dask's configuration, as the client's do
        comm = await connect(address, timeout=CONNECT_TIMEOUT_S, **Security().get_connection_args("client"))
        try:
            await comm.write({"op": "identity", "reply": True})
            return await comm.read()
        finally:
            await comm.close()

    problem = f"cannot use the Dask scheduler at {address}"
    try:
        # on a thread of its own: this one may already run an event loop (Playwright's, printing report PDFs)
        with concurrent.futures.ThreadPoolExecutor(1) as thread:
            server = thread.submit(asyncio.run, asyncio.wait_for(identity(), CONNECT_TIMEOUT_S)).result()
    except (ValueError, TypeError) as error:  # an address Dask cannot use: unknown scheme, no port, TLS without its settings
        raise AcademyError(f"{problem}: {error}") from None
    except (OSError, asyncio.TimeoutError):
        raise AcademyError(f"{problem}: no answer within {CONNECT_TIMEOUT_S} s; is the scheduler running and reachable?") from None
    except Exception:  # something answered, and it does not speak Dask's protocol
        raise AcademyError(f"{problem}: the server there is not a Dask scheduler") from None
    kind = server.get("type") if isinstance(server, dict) else None
    if kind != "Scheduler":
        raise AcademyError(f"{problem}: the server there is a Dask {kind or 'server'}, not the scheduler")
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
    except Exception as error:  # it said it is a scheduler, and then did not behave as one
        raise AcademyError(f"{problem}: {type(error).__name__}: {error}".splitlines()[0]) from None
    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT_S)
    except (TimeoutError, asyncio.TimeoutError):
        client.close()
        raise AcademyError(f"{problem}: no worker joined it within {CONNECT_TIMEOUT_S} s; start workers with "
                           f"'dask worker {address} --nthreads 1'") from None
    return client


_alone = threading.Lock()


def _one_at_a_time(task: Callable[[Item], Outcome], item: Item) -> Outcome:
    """Run `task(item)` on a Dask worker, never beside another task of this process.

    The grader and the report renderer keep per-process state (a warm kernel
    template, an open gradebook) that two threads must not share; a worker
    started with several threads therefore runs their tasks one at a time.
    """
    with _alone:
        return task(item)
