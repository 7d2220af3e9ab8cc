"""Run a user's model code where it can be abandoned: in a fresh child process.

A user's file can loop forever in its module body, ``__init__`` or ``forward``. A thread cannot
be stopped, and a signal handler never runs while C code holds the interpreter, so loading and
tracing a user model happens in a spawned child that is killed on a timeout, on Ctrl-C or when
the app's Cancel is pressed. The child sends back plain data (a ``NetGraph``, a list of names)
and nothing of the user's own classes, so the caller never imports the user's file.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from errors import Interrupted, NetAtlasError

T = TypeVar("T")
POLL_S = 0.05  # how often the parent looks at the clock, the cancel flag and the child
ORPHAN_POLL_S = 0.5  # how often the child checks that its parent is still there


class UserCodeTimeout(NetAtlasError):
    """A user's model code ran past the time it was given."""


def _watch_parent(parent: int) -> None:
    """End the child when the parent is gone (killed), so a looping child is never left."""
    while os.getppid() == parent:
        time.sleep(ORPHAN_POLL_S)
    os._exit(1)


def _child(conn: Any, parent: int, fn: Callable[..., Any], args: tuple) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    sys.stdout.flush()
    os.dup2(2, 1)  # what the user's code prints goes to stderr: stdout is the command's own
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    try:
        result = ("ok", fn(*args))
    except Exception as exc:
        result = ("error", exc)
    except BaseException as exc:  # SystemExit from the user's code must not end the caller
        result = ("error", NetAtlasError(f"the model's code raised {type(exc).__name__}"))
    try:
        conn.send(result)
    except Exception as exc:  # an exception that does not pickle: send its words instead
        conn.send(("error", NetAtlasError(f"{type(exc).__name__}: {exc}".splitlines()[0])))
    conn.close()


def run_isolated(
    fn: Callable[..., T],
    *args: Any,
    what: str,
    timeout: float | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> T:
    """``fn(*args)`` in a spawned child; its result or its exception, re-raised here.

    ``what`` names the work in messages ("loading net.py:Net"). Raises
    :class:`UserCodeTimeout` after ``timeout`` seconds, :class:`Interrupted` on Ctrl-C or when
    ``cancelled()`` turns true; the child is killed in every case.
    """
    context = multiprocessing.get_context("spawn")  # no copy of the caller's threads or Qt
    receive, send = context.Pipe(duplex=False)
    child = context.Process(
        target=_child, args=(send, os.getpid(), fn, args), name="netatlas-user-code", daemon=True
    )
    title = what[:1].upper() + what[1:]
    deadline = None if timeout is None else time.monotonic() + timeout
    child.start()
    send.close()
    try:
        while not receive.poll(POLL_S):
            if not child.is_alive() and not receive.poll():
                raise NetAtlasError(
                    f"{title} ended its process (exit code {child.exitcode}) before finishing."
                )
            if cancelled is not None and cancelled():
                raise Interrupted(f"Stopped {what}.")
            if deadline is not None and time.monotonic() > deadline:
                raise UserCodeTimeout(
                    f"{title} did not finish within {timeout:g} s (an endless loop in the "
                    "file, __init__ or forward?); fix the code or give a longer --timeout."
                )
        status, value = receive.recv()
    except KeyboardInterrupt:
        raise Interrupted(f"Stopped {what} (Ctrl-C).") from None
    except EOFError:
        raise NetAtlasError(f"{title} ended its process before finishing.") from None
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join()
    if status == "error":
        raise value
    return value
