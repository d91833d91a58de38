"""Fuzz `symbp check` with hostile documents (benchmarks/fuzz_docs.py).

    python benchmarks/fuzz_check.py [--n 10000] [--seed 0] [--jobs 1] [--mem-mb 3072]
                                    [--timeout 60] [--out DIR]

Each document is written to a file and checked by `symbp.cli.main(["check", FILE, ...])`
inside a worker process whose address space is capped (RLIMIT_AS) and that runs many
documents in turn; the parent gives each document `--timeout` seconds and kills and
restarts a worker that does not answer (a hang) or dies.  Counted: exit statuses,
tracebacks (an exception escaping main, or "Traceback" in its output), checker/internal
errors printed as verdicts, memory-cap hits (MemoryError), hangs, worker deaths, the slowest
document and the worker's peak RSS.  PYTHONPATH chooses the symbp under test (default: this
checkout).
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import platform
import random
import resource
import select
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from fuzz_docs import Pick, fuzz_case  # noqa: E402

OK_STATUSES = (0, 1, 2)


# =========================================================================== the worker

def worker_main(mem_mb: int) -> None:
    """Read {"path", "argv"} lines; answer {"rc", "traceback", "out", "maxrss_mb"} lines."""
    reply = os.fdopen(os.dup(1), "w", buffering=1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    cap = mem_mb * 2 ** 20
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    from symbp import cli
    for line in sys.stdin:
        job = json.loads(line)
        out, err, tb, rc = io.StringIO(), io.StringIO(), None, None
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                rc = cli.main(["check", job["path"], *job["argv"]])
        except MemoryError:
            tb = "MemoryError"
        except BaseException:                       # noqa: BLE001 - a traceback is a finding
            tb = traceback.format_exc()[-3000:]
        text = out.getvalue() + err.getvalue()
        if tb is None and "Traceback (most recent call last)" in text:
            tb = text[-3000:]
        reply.write(json.dumps({"rc": rc, "traceback": tb, "out": text[-4000:],
                                "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})
                    + "\n")


class Worker:
    """A capped worker process that checks documents one at a time."""

    def __init__(self, mem_mb: int):
        self.mem_mb, self.proc, self.buffer = mem_mb, None, b""

    def start(self) -> None:
        env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
        env.setdefault("PYTHONPATH", str(ROOT))
        self.proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--worker",
                                      "--mem-mb", str(self.mem_mb)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                                     cwd=tempfile.gettempdir(), start_new_session=True)
        self.buffer = b""

    def stop(self) -> None:
        if self.proc is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
            self.proc = None

    def check(self, path: str, argv: list[str], timeout: float) -> dict:
        """{"status": ok | hang | died, "rc", "traceback", "out", "seconds", "maxrss_mb"}."""
        if self.proc is None or self.proc.poll() is not None:
            self.start()
        start = time.monotonic()
        try:
            self.proc.stdin.write((json.dumps({"path": path, "argv": argv}) + "\n").encode())
            self.proc.stdin.flush()
        except BrokenPipeError:
            self.stop()
            return {"status": "died", "seconds": 0.0}
        fd = self.proc.stdout.fileno()
        while b"\n" not in self.buffer:
            left = timeout - (time.monotonic() - start)
            ready = select.select([fd], [], [], max(left, 0))[0] if left > 0 else []
            if not ready:
                self.stop()
                return {"status": "hang", "seconds": time.monotonic() - start}
            chunk = os.read(fd, 65536)
            if not chunk:
                code = self.proc.poll()
                self.stop()
                return {"status": "died", "seconds": time.monotonic() - start, "rc": code}
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return {"status": "ok", "seconds": time.monotonic() - start, **json.loads(line)}


# =========================================================================== classification

def classify(result: dict) -> list[str]:
    """The findings of one document: traceback, bad-exit, hang, died, memory-cap, checker-error."""
    found = []
    if result["status"] != "ok":
        return [result["status"]]
    tb = result.get("traceback")
    if tb == "MemoryError" or (tb and "MemoryError" in tb) or "MemoryError" in result.get("out", ""):
        found.append("memory-cap")
    elif tb:
        found.append("traceback")
    if tb is None and result["rc"] not in OK_STATUSES:
        found.append("bad-exit")
    out = result.get("out", "").lower()
    if "checker error" in out or "internal error" in out:
        found.append("checker-error")
    return found


def run_cases(cases: list[dict], mem_mb: int, timeout: float, jobs: int = 1) -> list[dict]:
    """Check every case; one record each (case kind, argv, status, rc, findings, seconds)."""
    tmp = Path(tempfile.mkdtemp(prefix="symbp-fuzz-"))
    chunks = [cases[k::jobs] for k in range(jobs)]

    def run_chunk(k: int) -> list[dict]:
        worker, out = Worker(mem_mb), []
        try:
            for i, case in enumerate(chunks[k]):
                path = tmp / f"w{k}-{i}{case['suffix']}"
                path.write_bytes(case["data"])
                result = worker.check(str(path), case["argv"], timeout)
                path.unlink()
                out.append({"kind": case["kind"], "argv": case["argv"], "suffix": case["suffix"],
                            "status": result["status"], "rc": result.get("rc"),
                            "seconds": result["seconds"], "maxrss_mb": result.get("maxrss_mb", 0),
                            "findings": classify(result), "traceback": result.get("traceback"),
                            "out": result.get("out", "")[-600:], "data": case["data"]})
        finally:
            worker.stop()
        return out
    with ThreadPoolExecutor(jobs) as pool:
        records = [r for chunk in pool.map(run_chunk, range(jobs)) for r in chunk]
    with contextlib.suppress(OSError):
        tmp.rmdir()
    return records


def summary(records: list[dict]) -> str:
    findings = Counter(f for r in records for f in r["findings"])
    rcs = Counter(str(r["rc"]) for r in records if r["status"] == "ok")
    kinds = Counter(r["kind"] for r in records)
    slow = max(records, key=lambda r: r["seconds"])
    lines = [f"{len(records)} documents ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))})",
             "", "| count | documents |", "|---|---:|"]
    for name in ("traceback", "hang", "memory-cap", "died", "bad-exit", "checker-error"):
        lines.append(f"| {name} | {findings[name]} |")
    lines += ["", "exit statuses: " + ", ".join(f"{k}: {n}" for k, n in sorted(rcs.items())),
              f"slowest document: {slow['seconds']:.1f} s ({slow['kind']}); "
              f"peak worker RSS: {max(r['maxrss_mb'] for r in records):.0f} MB"]
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--mem-mb", type=int, default=3072, help="address-space cap per worker")
    ap.add_argument("--timeout", type=float, default=60, help="seconds per document")
    ap.add_argument("--out", type=Path, default=None, help="write the failing documents here")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker_main(args.mem_mb)
        return 0
    rng = random.Random(args.seed)
    cases = [fuzz_case(Pick(rng)) for _ in range(args.n)]
    start = time.time()
    records = run_cases(cases, args.mem_mb, args.timeout, args.jobs)
    print(f"symbp from {os.environ.get('PYTHONPATH') or ROOT}; {time.time() - start:.0f} s on "
          f"{platform.node()} ({os.cpu_count()} cores), memory cap {args.mem_mb} MB, "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(summary(records))
    bad = [r for r in records if set(r["findings"]) - {"checker-error"} or "checker-error" in r["findings"]]
    for r in bad[:10]:
        print(f"\n[{', '.join(r['findings'])}] {r['kind']} {r['suffix']} argv={r['argv']} "
              f"{r['seconds']:.1f} s\n  data: {r['data'][:300]!r}\n  {(r['traceback'] or r['out'])[-400:]}")
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for i, r in enumerate(bad):
            (args.out / f"case{i}{r['suffix'] or '.md'}").write_bytes(r["data"])
            (args.out / f"case{i}.json").write_text(json.dumps(
                {k: v for k, v in r.items() if k != "data"}, indent=1, ensure_ascii=False))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
