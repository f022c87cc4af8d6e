"""Worker processes that read, extract and analyse one document at a time, ended from outside when a
document passes its time or memory limit.

A limit raised inside the reading process (SIGALRM) can land in a finaliser, be swallowed there, and
let an over-long document load; and a page-tree cycle or a decompression bomb can hang or fill memory
where no Python code runs. Here the parent waits for each result with a deadline and watches the
worker's resident memory; a worker past either limit is killed (SIGKILL), the document is refused,
and the next one gets a new worker. The worker also caps its own address space (RLIMIT_AS) at its size
after start-up plus the memory limit, so an allocation too fast for the parent's polling fails inside
it (a MemoryError) rather than taking the machine's memory.

Before a worker is killed at the time limit it is asked (SIGUSR1, faulthandler) for the Python stack
it was in, which `--debug` shows in the form of a traceback.

Unix only (forkserver start method, /proc or RLIMIT_AS for memory); elsewhere the workers are started
with `spawn` and only the time limit holds.
"""
from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.connection
import os
import re
import signal
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

_NOTHING = object()
POLL_SECONDS = 0.02  # how often the parent looks at each busy worker's memory and clock
STACK_WAIT_SECONDS = 0.5
STARTUP_SECONDS = 60  # how long a worker past its time limit is given to write its stack


@dataclass(frozen=True)
class Stopped:
    """A task whose worker was ended: `limit` is 'time', 'memory' or 'crash'; `detail` the stack it was
    in (time limit) or how the process ended."""

    limit: str
    detail: str


@dataclass(frozen=True)
class Limits:
    """Seconds and bytes one task may take; 0 for no limit."""

    seconds: float = 0
    memory: int = 0


# The modules every document needs, imported once in the fork server rather than in each worker. What
# needs the SudachiPy dictionary is made by each worker's warm-up, after it has loaded its own.
PRELOAD = ["keikaku.ingest", "extractors", "pipeline.analysis", "pipeline.topic_mapping", "sudachipy", "yaml"]


def _context():
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


def _virtual_size() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            match = re.search(r"^VmSize:\s+(\d+) kB", f.read(), re.M)
    except OSError:
        return None
    return int(match.group(1)) * 1024 if match else None


def _serve(conn, stack_file: str, memory: int, warm: Callable[[], None] | None) -> None:
    """The worker's loop: receive (function, argument), send back function(argument), until the parent
    closes the pipe."""
    import faulthandler

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _die_with_parent()
    stack = open(stack_file, "w", encoding="utf-8")
    if hasattr(signal, "SIGUSR1"):
        faulthandler.register(signal.SIGUSR1, file=stack, all_threads=False)
    if warm is not None:
        warm()
    gc.freeze()  # what start-up and warm-up made lives as long as the worker: no collection looks at it again
    size = _virtual_size()
    if memory and size:
        import resource

        limit = size + memory
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        conn.send("ready")
        while True:
            function, argument = conn.recv()
            _send(conn, function(argument))
    except (EOFError, OSError):  # the parent has gone
        return


def _send(conn, result) -> None:
    """Send a result back; a result that cannot be sent (no memory left to pickle it, not picklable)
    becomes a Stopped, so that the worker neither dies with a traceback nor leaves the parent waiting."""
    try:
        conn.send(result)
    except (EOFError, OSError):
        raise
    except MemoryError:  # the pickled copy is gone by now
        conn.send(Stopped("memory", "no memory left to send the result back"))
    except Exception as e:
        conn.send(Stopped("crash", f"the worker could not send its result back ({type(e).__name__}: {e})"))


def _die_with_parent() -> None:
    """Linux: SIGKILL this worker when the process that started it ends (the fork server, which ends
    with the ingest), so that a worker stuck in a hostile file does not outlive a killed ingest."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _resident(pid: int) -> int | None:
    """Resident memory of a process in bytes (Linux /proc), or None."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _as_traceback(dump: str) -> str:
    """faulthandler's stack (most recent call first) in the order and form of a Python traceback."""
    frames = re.findall(r'File "(.*)", line (\d+) in (.*)', dump)
    lines = ["Traceback (most recent call last):"]
    lines += [f'  File "{path}", line {line}, in {name}' for path, line, name in reversed(frames)]
    return "\n".join(lines)


class _Worker:
    def __init__(self, context, limits: Limits, warm):
        fd, self.stack_file = tempfile.mkstemp(prefix="keikaku-worker-", suffix=".txt")
        os.close(fd)
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, self.stack_file, limits.memory, warm),
                                       daemon=True)
        try:
            self.process.start()
        except RuntimeError:  # multiprocessing refuses: a script calls ingest() as it is imported
            child.close()
            os.unlink(self.stack_file)
            raise OSError("a worker process could not be started: the script that calls Keikaku is run again in "
                          "each worker process; call it from under `if __name__ == \"__main__\":`") from None
        child.close()
        try:
            # The clock of a task starts when the worker is ready: its start-up is not the document's time.
            try:
                ready = self.conn.poll(STARTUP_SECONDS) and self.conn.recv() == "ready"
            except EOFError:
                ready = False
            if not ready:
                self.process.kill()
                raise OSError(f"a worker process did not start (exit code {self.process.exitcode})")
            # Both hold the file open now: its name can go, and nothing is left behind if both are killed.
            self.stack = open(self.stack_file, encoding="utf-8", errors="replace")
        finally:
            os.unlink(self.stack_file)
        self.limits = limits
        self.index: int | None = None  # of the task it is working on
        self.started = 0.0
        self.peak = 0

    def give(self, index: int, function, argument) -> None:
        self.index, self.started = index, time.monotonic()
        self.conn.send((function, argument))

    def check(self) -> tuple[bool, Any]:
        """(True, result or Stopped) when the task is over, else (False, None)."""
        if self.conn.poll():
            try:
                return True, self.conn.recv()
            except (EOFError, OSError):
                pass
        if not self.process.is_alive() or self.conn.closed:
            self.process.join(1)
            code = self.process.exitcode
            how = f"signal {signal.Signals(-code).name}" if code and code < 0 else f"exit code {code}"
            return True, Stopped("crash", f"the worker process ended unexpectedly ({how})")
        resident = _resident(self.process.pid)
        if resident:
            self.peak = max(self.peak, resident)
        if self.limits.memory and resident and resident > self.limits.memory:
            self.kill()
            return True, Stopped("memory", f"resident memory {resident / 1e6:.0f} MB")
        if self.limits.seconds and time.monotonic() - self.started > self.limits.seconds:
            return True, Stopped("time", self._stack_then_kill())
        return False, None

    def _stack_then_kill(self) -> str:
        dump = ""
        if hasattr(signal, "SIGUSR1"):
            try:
                os.kill(self.process.pid, signal.SIGUSR1)
            except OSError:
                pass
            deadline = time.monotonic() + STACK_WAIT_SECONDS
            while time.monotonic() < deadline:  # written from the signal handler, at once
                time.sleep(POLL_SECONDS / 4)
                self.stack.seek(0)
                now = self.stack.read()
                if now and now == dump:
                    break
                dump = now
        self.kill()
        return _as_traceback(dump)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.close()

    def close(self) -> None:
        self.conn.close()
        if self.process.is_alive():
            self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.stack.close()

    @property
    def alive(self) -> bool:
        return not self.conn.closed and self.process.is_alive()


class WorkerPool:
    """`jobs` worker processes for tasks run under `limits`; `warm` runs once in each new worker."""

    def __init__(self, jobs: int, limits: Limits, warm: Callable[[], None] | None = None):
        self.jobs, self.limits, self.warm = jobs, limits, warm
        self.workers: list[_Worker] = []
        self.peak = 0  # the largest resident memory seen of a worker, bytes
        self._context = _context()
        self._starting: threading.Thread | None = None
        self._started: _Worker | OSError | None = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def start(self) -> None:
        """Start the first worker now, in the background (a thread waits for it: the fork server loads
        PRELOAD first), so that it boots while the caller does other work; the first task waits for it."""
        if not self.workers and self._starting is None:
            self._starting = threading.Thread(target=self._start_first, name="keikaku-worker-start", daemon=True)
            self._starting.start()

    def _start_first(self) -> None:
        try:
            self._started = _Worker(self._context, self.limits, self.warm)
        except OSError as e:
            self._started = e

    def _join_start(self) -> None:
        """The worker `start` began, among the workers once it is ready; OSError when it could not start."""
        if self._starting is None:
            return
        self._starting.join()
        started, self._starting, self._started = self._started, None, None
        if isinstance(started, OSError):
            raise started
        if started is None:  # the thread ended without a worker or an error (it cannot, but a None must not be kept)
            raise OSError("a worker process did not start")
        self.workers.append(started)

    def close(self) -> None:
        try:
            self._join_start()
        except OSError:
            pass  # said when it was needed
        for worker in self.workers:
            self.peak = max(self.peak, worker.peak)
            worker.close()
        self.workers = []

    def map(self, function: Callable, arguments: Iterable, ahead: int | None = None,
            runs: Callable[[Any], bool] = lambda argument: True) -> Iterator[Any]:
        """(argument, function(argument)) for each argument, in order, each run in a worker: its result,
        or a Stopped; an argument for which `runs` is false is given back in its turn with None, run
        nowhere.
        At most `ahead` arguments (2 × jobs by default; 1: the next argument is only taken once the last
        result is given back) are taken before their results are given back."""
        ahead = ahead or 2 * self.jobs
        pending = iter(arguments)
        done: dict[int, Any] = {}
        given_out: dict[int, Any] = {}
        taken = given = 0
        exhausted = False
        upcoming = _NOTHING  # the next argument, taken from `pending` but not yet given out
        while True:
            while not exhausted and taken < given + ahead:
                if upcoming is _NOTHING:
                    try:
                        upcoming = next(pending)
                    except StopIteration:
                        exhausted = True
                        break
                if not runs(upcoming):
                    done[taken] = None
                else:
                    worker = self._free_worker()
                    if worker is None:
                        break
                    worker.give(taken, function, upcoming)
                given_out[taken], upcoming = upcoming, _NOTHING
                taken += 1
            if given in done:
                yield given_out.pop(given), done.pop(given)
                given += 1
                continue
            if exhausted and given == taken:
                return
            busy = [w for w in self.workers if w.index is not None]
            multiprocessing.connection.wait([w.conn for w in busy] + [w.process.sentinel for w in busy],
                                            timeout=POLL_SECONDS)
            for worker in busy:
                over, result = worker.check()
                if over:
                    done[worker.index] = result
                    worker.index = None
                    self.peak = max(self.peak, worker.peak)

    def _free_worker(self) -> _Worker | None:
        """An idle worker (a new one in place of one that was ended), a new worker while there are fewer
        than `jobs`, or None when all are busy."""
        self._join_start()
        idle = next((w for w in self.workers if w.index is None), None)
        if idle is not None:
            return self._ready(idle)
        if len(self.workers) < self.jobs:
            self.workers.append(_Worker(self._context, self.limits, self.warm))
            return self.workers[-1]
        return None

    def _ready(self, worker: _Worker) -> _Worker:
        """The worker, or a new one in its place when it was ended."""
        if worker.alive:
            return worker
        self.peak = max(self.peak, worker.peak)
        worker.close()
        fresh = _Worker(self._context, self.limits, self.warm)
        self.workers[self.workers.index(worker)] = fresh
        return fresh


__all__ = ["Limits", "Stopped", "WorkerPool"]
