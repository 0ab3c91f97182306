"""Termination signals (SIGINT, SIGTERM, SIGHUP) as one exception that cannot be lost.

Python turns only Ctrl-C (SIGINT) into an exception; a batch scheduler's SIGTERM or a
closed terminal's SIGHUP would end the process at once, leaving a half-built output folder
and worker processes behind. ``install`` makes all three raise ``Interrupted`` (a
``KeyboardInterrupt``, so every ``except KeyboardInterrupt`` and ``finally`` cleans up).

An exception raised by a signal handler is printed and dropped when the signal lands
inside a finaliser or a garbage-collector callback ("Exception ignored in ..."), which is
how an early Ctrl-C could be ignored. So the handler also records the signal, and the
long loops call ``check`` at each step: a swallowed signal is raised again there.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

SIGNALS = tuple(s for s in (signal.SIGINT, getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None)

_pending: int | None = None


class Interrupted(KeyboardInterrupt):
    """A termination signal arrived; ``signum`` says which (exit status 128 + signum)."""

    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(signal.Signals(signum).name)


def _handler(signum: int, frame) -> None:
    global _pending
    _pending = signum
    raise Interrupted(signum)


def install() -> None:
    """Make SIGINT, SIGTERM and SIGHUP raise ``Interrupted`` in this process (main thread
    only; elsewhere a no-op). Clears a signal recorded by an earlier run in this process."""
    global _pending
    _pending = None
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in SIGNALS:
        signal.signal(signum, _handler)


def pending() -> int | None:
    return _pending


def check() -> None:
    """Raise ``Interrupted`` again if a signal arrived whose exception was swallowed."""
    if _pending is not None:
        raise Interrupted(_pending)


@contextmanager
def deferred() -> Iterator[None]:
    """Hold termination signals back for a short critical section (the renames that swap
    an output folder in, the clean-up after a failure); they are delivered, and raise, as
    it ends. SIGKILL cannot be held back: ``output_folder`` recovers from it on the next run."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
