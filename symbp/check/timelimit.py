"""Running one equation's check under a hard time limit, without letting a failure escape.

:func:`run_limited` uses SIGALRM in the main thread (``setitimer``; the alarm raises
:class:`_Timeout`, a BaseException that ``except Exception`` in SymPy cannot eat) and a
forked worker elsewhere.  A witness disagreement (:class:`symbp.witness.WitnessError`) is
an internal error and always escapes; any other exception becomes a one-line reason.
"""
from __future__ import annotations

import multiprocessing
import signal
import sys
import threading

from .. import witness
from .notation import shorten

#: the longest time limit (a day): beyond it the interval timer overflows
MAX_TIME_LIMIT = 86_400.0


class _Timeout(BaseException):
    """Raised by the alarm; a BaseException, so ``except Exception`` in SymPy cannot eat it."""


def run_limited(fn, seconds: float | None):
    """fn() under a hard time limit (SIGALRM in the main thread, else a forked worker).

    Returns fn's result, or a one-line reason (str) when it ran out of time or failed.
    """
    try:
        if not seconds or not seconds > 0:          # None, 0 (and nan): no limit
            return fn()
        seconds = min(seconds, MAX_TIME_LIMIT)
        if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
            return _with_alarm(fn, seconds)
        return _with_fork(fn, seconds)
    except _Timeout:
        return f"time limit ({seconds:g} s) reached"
    except witness.WitnessError:          # an internal error: never a verdict
        raise
    except Exception as err:              # a checker bug must not become a traceback
        return f"checker error ({type(err).__name__}: {shorten(str(err), 120)})"


def _with_alarm(fn, seconds: float):
    """fn() with the alarm armed.  An alarm that lands inside a finalizer (``__del__``, a
    weakref callback) cannot propagate: Python hands it to ``sys.unraisablehook``, which
    would print "Exception ignored in ..." with a traceback.  While armed, that hook drops
    our own timeout silently (the timer fires again every 0.05 s, so the limit still stops
    the work) and passes anything else on."""
    armed = [True]
    previous_hook = sys.unraisablehook

    def on_alarm(signum, frame):
        if armed[0]:
            raise _Timeout

    def drop_timeouts(unraisable):
        if not isinstance(unraisable.exc_value, _Timeout):
            previous_hook(unraisable)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    sys.unraisablehook = drop_timeouts
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)       # fires again until disarmed
    try:
        return fn()
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        sys.unraisablehook = previous_hook


def _with_fork(fn, seconds: float):
    ctx = multiprocessing.get_context("fork")
    reader, writer = ctx.Pipe(duplex=False)

    def child():
        try:
            writer.send(("ok", fn()))
        except witness.WitnessError as err:
            writer.send(("witness", str(err)))
        except BaseException as err:
            writer.send(("error", f"{type(err).__name__}: {err}"))

    worker = ctx.Process(target=child, daemon=True)
    worker.start()
    writer.close()
    try:
        if not reader.poll(seconds):
            raise _Timeout
        status, value = reader.recv()
    except EOFError:
        raise RuntimeError("the worker process died") from None
    finally:
        if worker.is_alive():
            worker.terminate()
        worker.join(1)
    if status == "witness":
        raise witness.WitnessError(value)
    if status != "ok":
        raise RuntimeError(value)
    return value


def reader_failure(err: Exception) -> str:
    """The reason an index-reader exception gives: its own message where it is one of the reader's
    refusals (IndexError_, OutOfRange, ValueError), else a fault of symbp's, named as such instead
    of a Python message such as "'NoneType' object has no attribute 'size'".

    >>> reader_failure(AttributeError("'NoneType' object has no attribute 'size'"))
    'not read: the index reader failed on this claim (AttributeError), a fault of symbp, not of the document'
    """
    if isinstance(err, (AttributeError, TypeError, KeyError)):
        return f"not read: the index reader failed on this claim ({type(err).__name__}), a fault of symbp, not of the document"
    return str(err)
