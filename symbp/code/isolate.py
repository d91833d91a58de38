"""Running the user's code on purpose, but apart: a forked child per check.

The user's file is imported (:func:`load`, through importlib, never the eval/exec
builtins) in a child process with an address-space cap (``RLIMIT_AS``) and a wall-clock
limit; what the code prints goes to /dev/null, so it never corrupts ``--json``.  The child
sends its result back as JSON through a pipe.  A child that runs out of time or memory,
or dies, becomes an ``error`` result with that reason; the parent carries on.

Example::

    >>> ok, value = isolated(lambda: 1 + 1, time_limit=5)
    >>> ok, value
    (True, 2)
"""
from __future__ import annotations

import importlib.util
import json
import os
import resource
import select
import signal
import sys
import time
from pathlib import Path

DEFAULT_TIME_LIMIT = 60.0          # seconds per checked pair
DEFAULT_MEMORY_MIB = 4096          # address space the child may add to what it inherits


class LoadError(Exception):
    """The user's file does not import (one line: what and where)."""


def load(path: str):
    """Import the file at ``path`` as a fresh module; raise LoadError with one line."""
    file = Path(path)
    if not file.is_file():
        raise LoadError(f"{path}: no such file")
    folder = str(file.resolve().parent)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    spec = importlib.util.spec_from_file_location(f"symbp_user_{file.stem}", file)
    if spec is None or spec.loader is None:
        raise LoadError(f"{path}: not a Python file")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except SyntaxError as err:
        raise LoadError(f"{path} does not import: SyntaxError: {err.msg} "
                        f"(line {err.lineno})") from None
    except ImportError as err:
        raise LoadError(f"{path} does not import: {type(err).__name__}: {err}") from None
    except BaseException as err:  # the user's top-level code may raise anything
        raise LoadError(f"{path} does not import: {type(err).__name__}: {err}") from None
    return module


def _vm_bytes() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _child(work, memory_mib: int, write_fd: int) -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    torch = sys.modules.get("torch")
    if torch is not None:       # OpenMP's pool does not survive fork: run torch on one thread
        torch.set_num_threads(1)
    try:
        cap = _vm_bytes() + memory_mib * 2 ** 20
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    except (ValueError, OSError):
        pass
    try:
        payload = {"ok": True, "value": work()}
    except MemoryError:
        payload = {"ok": False, "reason": f"memory cap of {memory_mib} MiB exceeded"}
    except LoadError as err:
        payload = {"ok": False, "reason": str(err)}
    except BaseException as err:  # report anything the check itself raised
        payload = {"ok": False, "reason": f"{type(err).__name__}: {err}"}
    try:
        data = json.dumps(payload, default=str).encode()
    except (TypeError, ValueError) as err:
        data = json.dumps({"ok": False, "reason": f"unreportable result: {err}"}).encode()
    view = memoryview(data)
    while view:
        written = os.write(write_fd, view)
        view = view[written:]
    os.close(write_fd)


def isolated(work, time_limit: float = DEFAULT_TIME_LIMIT,
             memory_mib: int = DEFAULT_MEMORY_MIB) -> tuple[bool, object]:
    """Run ``work()`` in a forked child: (True, its JSON-able value) or (False, reason)."""
    sys.stdout.flush()
    sys.stderr.flush()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:                                     # child
        os.close(read_fd)
        try:
            _child(work, memory_mib, write_fd)
        finally:
            os._exit(0)
    os.close(write_fd)
    chunks, deadline, timed_out = [], time.monotonic() + time_limit, False
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            timed_out = True
            break
        ready, _, _ = select.select([read_fd], [], [], left)
        if not ready:
            continue
        chunk = os.read(read_fd, 1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read_fd)
    if timed_out:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    if timed_out:
        return False, f"time limit of {time_limit:g} s exceeded"
    if not chunks:
        if os.WIFSIGNALED(status):
            return False, (f"the check died with signal {os.WTERMSIG(status)} "
                           f"(memory cap {memory_mib} MiB?)")
        return False, "the check ended without a result"
    try:
        payload = json.loads(b"".join(chunks))
    except ValueError:
        return False, "the check's result was cut short (memory cap?)"
    if payload.get("ok"):
        return True, payload["value"]
    return False, payload.get("reason", "unknown failure")
