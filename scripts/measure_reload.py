"""How long a save takes to show in the live preview (`make serve`).

Starts the command `make serve` runs (read with `make -n serve`, so the figure is the one a
contributor gets) on a free port, waits for the first build, then appends a unique word to a
Markdown page, polls the served page until the word appears, and prints the time from save
to visible: the median of several saves. The page is restored at the end, whatever happens.

    .venv/bin/python scripts/measure_reload.py            # docs/relation-client/ecueils.md, 5 saves
    .venv/bin/python scripts/measure_reload.py --page docs/glossaire.md --saves 3

Not a test: it prints a figure (the machine's load changes it; compare runs made together).
tests/browser/test_serve.py uses its helpers to start and stop the preview.
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_command(port: int, root: Path = ROOT) -> list[str]:
    """The command of `make serve` (its last recipe line), on ``port``, with absolute paths.

    Read with `make -n` (nothing is run): the set-up steps it may list are left out."""
    dry = subprocess.run(
        ["make", "-n", "-s", "--no-print-directory", "serve", f"SERVE_ADDR=127.0.0.1:{port}"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = [line for line in dry.splitlines() if "mkdocs serve" in line]
    if not lines:
        raise RuntimeError(f"`make -n serve` runs no `mkdocs serve`:\n{dry}")
    command = shlex.split(lines[-1])
    if not os.path.isabs(command[0]):
        command[0] = str(root / command[0])
    return command


def start_server(
    project: Path, port: int, log_path: Path, command: list[str] | None = None
) -> subprocess.Popen:
    """Start the preview of ``project`` (a checkout or a copy) in its own process group:
    the command of `make serve`, or ``command``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    log = open(log_path, "w", encoding="utf-8")
    process = subprocess.Popen(
        command or serve_command(port),
        cwd=project,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        # Ctrl-C lets MkDocs clean up; a shell's background job would otherwise pass on
        # an ignored SIGINT.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    process.log = log  # closed by stop_server
    return process


def stop_server(process: subprocess.Popen) -> None:
    """Stop the preview and every process it started (its process group)."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGINT)
            process.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait(timeout=15)
    if getattr(process, "log", None):
        process.log.close()


def fetch(url: str, timeout: float = 5) -> tuple[int, str]:
    """(HTTP status, body) of ``url``; (0, error) when the server does not answer in time."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            return answer.status, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as error:
        return 0, str(error)


def wait_until(condition, timeout: float, interval: float = 0.1, process=None) -> float:
    """Seconds until ``condition()`` is true; raises TimeoutError after ``timeout`` s."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the preview stopped (exit code {process.returncode})")
        if condition():
            return time.monotonic() - start
        time.sleep(interval)
    raise TimeoutError(f"not done after {timeout:.0f} s")


def page_url(base: str, page: Path, docs: Path) -> str:
    """The served address of the Markdown page ``page`` (directory URLs)."""
    rel = page.relative_to(docs).with_suffix("").as_posix()
    if rel == "index":
        return base
    if rel.endswith("/index"):
        return base + rel[: -len("index")]
    return base + rel + "/"


def measure(
    page: Path, saves: int, first_build_timeout: float, timeout: float, template: str | None
) -> list[float]:
    port = free_port()
    command = None
    if template:
        command = shlex.split(template.format(addr=f"127.0.0.1:{port}"))
        command[0] = str(ROOT / command[0]) if not os.path.isabs(command[0]) else command[0]
    base = f"http://127.0.0.1:{port}/"
    url = page_url(base, page, ROOT / "docs")
    log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"measure-reload-{port}.log"
    original = page.read_bytes()
    process = start_server(ROOT, port, log_path, command)
    times = []
    try:
        built = wait_until(lambda: fetch(url)[0] == 200, first_build_timeout, 0.5, process)
        shown = " ".join(command or serve_command(port))
        print(f"first build served after {built:.1f} s ({shown}; log: {log_path})", flush=True)
        for n in range(saves):
            word = f"mesure{uuid.uuid4().hex[:10]}"
            time.sleep(1.0)  # let the previous reload settle
            page.write_bytes(original + f"\n{word}\n".encode())
            saved = time.monotonic()
            wait_until(lambda w=word: w in fetch(url)[1], timeout, 0.05, process)
            times.append(time.monotonic() - saved)
            print(f"save {n + 1}: visible after {times[-1]:.2f} s", flush=True)
    finally:
        page.write_bytes(original)
        stop_server(process)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", default="docs/relation-client/ecueils.md", type=Path)
    parser.add_argument("--saves", type=int, default=5)
    parser.add_argument("--first-build-timeout", type=float, default=600)
    parser.add_argument("--timeout", type=float, default=120, help="per save, in seconds")
    parser.add_argument(
        "--command",
        help="another serve command to time, {addr} for the address, e.g. "
        "'.venv/bin/mkdocs serve --strict --dev-addr {addr}' (the former `make serve`)",
    )
    args = parser.parse_args()
    page = (ROOT / args.page).resolve()
    times = measure(page, args.saves, args.first_build_timeout, args.timeout, args.command)
    print(
        f"save to visible: median {statistics.median(times):.2f} s over {len(times)} saves",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
