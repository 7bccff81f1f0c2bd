"""Shared fixtures: the project's paths, and the site built once per test run.

``make test`` runs pytest on two processes (pytest-xdist). Each worker has its own
session, so a plain session fixture would build the site once per worker: the
builds go through :func:`run_once`, which lets the first worker build into a
folder shared by the workers of the run and hands the others its result.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MKDOCS = BIN / "mkdocs"

# What a build needs, copied by `project_copy` (node_modules is linked).
PROJECT_PARTS = ["mkdocs.yml", "docs", "notebooks", "snippets", "hooks", "overrides"]


def build_site(project: Path, site_dir: Path, strict: bool = True) -> subprocess.CompletedProcess:
    """Run ``mkdocs build --strict`` (or ``--no-strict``) on ``project`` into ``site_dir``;
    return the process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    mode = "--strict" if strict else "--no-strict"
    return subprocess.run(
        [str(MKDOCS), "build", mode, "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


SKIPPED_IN_DIGEST = {"__pycache__", ".ipynb_checkpoints"}


def inputs_digest(root: Path = ROOT) -> str:
    """A short hash of what a build reads: names, sizes and times of the files
    (caches the build itself writes, such as ``__pycache__``, left out)."""
    digest = hashlib.sha256()
    for part in [*PROJECT_PARTS, "src"]:
        path = root / part
        files = [path] if path.is_file() else sorted(f for f in path.rglob("*") if f.is_file())
        for file in files:
            name = file.relative_to(root).as_posix()
            if SKIPPED_IN_DIGEST & set(file.relative_to(root).parts):
                continue
            stat = file.stat()
            digest.update(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def run_once(folder: Path, produce: Callable[[Path], dict]) -> dict:
    """Run ``produce(folder)`` once for every process or thread that calls this with ``folder``.

    The first caller runs it under a file lock and stores the dict it returns
    (JSON) beside ``folder``; the others wait on the lock and read that record.
    A caller that raises stores nothing: the next one tries again.
    """
    record = folder.with_name(folder.name + ".json")
    with FileLock(folder.with_name(folder.name + ".lock")):
        if record.is_file():
            return json.loads(record.read_text(encoding="utf-8"))
        folder.mkdir(parents=True, exist_ok=True)
        result = produce(folder)
        record.write_text(json.dumps(result), encoding="utf-8")
        return result


def shared_tmp(tmp_path_factory) -> Path:
    """The session's temporary folder or, under xdist, the folder the workers of this
    run share (the parent of each worker's own): where :func:`run_once` keeps what one
    process makes for all."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def shared_build(tmp_path_factory, name: str, strict: bool = True) -> tuple[Path, dict]:
    """Build the real site once per test run, even across pytest-xdist workers; return
    the site's folder and ``{"returncode", "stderr"}`` of the build.

    The site goes to the session's temporary folder or, under xdist, to the folder
    the workers of this run share (the parent of each worker's own), under a name
    keyed by a hash of the inputs; :func:`run_once` makes a single caller build it.
    """
    base = shared_tmp(tmp_path_factory)

    def produce(site: Path) -> dict:
        result = build_site(ROOT, site, strict=strict)
        return {"returncode": result.returncode, "stderr": result.stderr}

    site = base / f"{name}-{inputs_digest()}"
    return site, run_once(site, produce)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once with --strict; fails the tests that need it if the build fails."""
    site_dir, result = shared_build(tmp_path_factory, "site")
    assert result["returncode"] == 0, f"mkdocs build --strict failed:\n{result['stderr']}"
    return site_dir


# --- order and background build ------------------------------------------------

SITE_FIXTURES = {"built_site", "site_dir"}

# Seconds each of the longest tests took (tests/durations.json, measured on the
# 2-core machine): only used to start the long tests first. A test that is not
# listed gets a guess from its kind (below); `make durations` refreshes the file.
DURATIONS_FILE = Path(__file__).with_name("durations.json")
HEAVY = 1.0  # seconds: the tests at least this long are "heavy"


def needs_site(item: pytest.Item) -> bool:
    return bool(SITE_FIXTURES & set(getattr(item, "fixturenames", ())))


def needs_downloads(item: pytest.Item) -> bool:
    return "downloads" in getattr(item, "fixturenames", ())


def expected_duration(item: pytest.Item, known: dict[str, float]) -> float:
    """Seconds ``item`` is expected to take: measured if listed, else guessed from its kind."""
    if item.nodeid in known:
        return known[item.nodeid]
    if "downloads" in getattr(item, "fixturenames", ()):
        return 200.0  # the download build, PDF and zip (shared: the first one waits for it)
    if "project_copy" in getattr(item, "fixturenames", ()):
        return 30.0  # a whole build of a broken copy
    if item.path.suffix == ".ipynb":
        return 20.0  # a notebook executed by pytest-notebook
    if item.get_closest_marker("browser") is not None:
        return 5.0
    if item.get_closest_marker("slow") is not None:
        return 2.0
    return 0.0


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Run the long tests first: those that need no built site, then those that need
    the site or the downloads, then the short ones, each group longest first.

    The site and the downloads are built in the background meanwhile
    (:func:`pytest_collection_finish`): no worker sits waiting for them.
    Under pytest-xdist, handed out one at a time (``--maxschedchunk 1``), the short
    tests at the end even out the workers' finishing times. The order depends only
    on the collected items: every worker computes the same one, as xdist requires.
    """
    known = {}
    if DURATIONS_FILE.is_file():
        known = json.loads(DURATIONS_FILE.read_text(encoding="utf-8"))

    def key(item: pytest.Item) -> tuple[int, float]:
        seconds = expected_duration(item, known)
        if seconds < HEAVY:
            return 2, -seconds
        return (1 if needs_site(item) or needs_downloads(item) else 0), -seconds

    items.sort(key=key)


def pytest_addoption(parser):
    parser.addoption(
        "--store-durations",
        action="store_true",
        help=f"write the durations of the tests of at least {HEAVY:g} s to tests/durations.json",
    )


MEASURED: dict[str, float] = {}


def pytest_runtest_logreport(report):
    MEASURED[report.nodeid] = MEASURED.get(report.nodeid, 0.0) + report.duration


def pytest_sessionfinish(session):
    """With --store-durations, keep the long tests' durations (setup + call + teardown)
    for the next runs' order; under xdist the controller, which gets every report, writes."""
    if not session.config.getoption("store_durations") or hasattr(session.config, "workerinput"):
        return
    durations = {k: round(v, 1) for k, v in sorted(MEASURED.items()) if v >= HEAVY}
    DURATIONS_FILE.write_text(json.dumps(durations, indent=1) + "\n", encoding="utf-8")


PREBUILD: list[threading.Thread] = []


def pytest_collection_finish(session):
    """Start the strict build, and the download build, as soon as the selected tests are
    known to need them, each in a thread of its own, so that they run while the first
    tests run (the fixtures then wait for them through the lock of :func:`run_once`;
    under xdist one worker builds, the other's thread waits on the lock)."""
    if session.config.option.collectonly:
        return
    factory = session.config._tmp_path_factory
    builds = []
    if any(map(needs_site, session.items)):
        builds.append(("site-build", lambda: shared_build(factory, "site")))
    if any(map(needs_downloads, session.items)):
        builds.append(("downloads-build", lambda: shared_downloads(factory)))

    def quietly(build):
        def run():
            try:
                build()
            except Exception:  # the fixture builds again and reports the error
                pass

        return run

    for name, build in builds:
        thread = threading.Thread(target=quietly(build), name=name, daemon=True)
        thread.start()
        PREBUILD.append(thread)


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throw-away copy of the project's site sources, to break on purpose."""
    return copy_project(tmp_path)


def copy_project(folder: Path) -> Path:
    """Copy the project's site sources into ``folder``/project; return that copy."""
    copy = folder / "project"
    copy.mkdir()
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            # Bytecode caches are left out: another build running at the same time
            # (xdist) writes them through temporary files that vanish mid-copy.
            shutil.copytree(
                src, copy / part, symlinks=True, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(src, copy / part)
    (copy / "node_modules").symlink_to(ROOT / "node_modules")
    # The RFM calculator's thresholds, if the real build has already worked them out: the
    # file is keyed by the hash of CDNOW and of the package's source (hooks/rfm_calculator.py),
    # so a copy gets the very numbers it would compute again in a few seconds.
    computed = ROOT / ".cache" / "rfm-calculator.json"
    if computed.is_file():
        (copy / ".cache").mkdir()
        shutil.copy2(computed, copy / ".cache" / computed.name)
    return copy


def shared_downloads(tmp_path_factory) -> dict:
    """The PDF and the offline zip, built once per test run by scripts/build_downloads.py,
    even across pytest-xdist workers (:func:`run_once`, as for the site); return the
    record: the paths of the offline site, the PDF and the zip, and the seconds it took.

    One download build (mkdocs-offline.yml) serves both: its print page is
    printed to PDF, the rest is zipped.
    """
    import time

    build_downloads = _build_downloads_module()
    base = shared_tmp(tmp_path_factory)

    def produce(work: Path) -> dict:
        start = time.monotonic()
        site = build_downloads.build_offline_site(work / "site")
        pdf = build_downloads.print_pdf(site, work / "out" / build_downloads.PDF_NAME)
        archive = build_downloads.make_zip(site, work / "out" / build_downloads.ZIP_NAME)
        return {
            "site": str(site),
            "pdf": str(pdf),
            "zip": str(archive),
            "seconds": time.monotonic() - start,
        }

    return run_once(base / f"downloads-{inputs_digest()}", produce)


def _build_downloads_module():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_downloads
    finally:
        sys.path.pop(0)
    return build_downloads


@pytest.fixture(scope="session")
def downloads(tmp_path_factory):
    """The downloads of :func:`shared_downloads`: ``site``, ``pdf``, ``zip`` (paths),
    ``seconds`` (how long the build took) and ``module`` (scripts/build_downloads.py)."""
    from types import SimpleNamespace

    record = shared_downloads(tmp_path_factory)
    return SimpleNamespace(
        site=Path(record["site"]),
        pdf=Path(record["pdf"]),
        zip=Path(record["zip"]),
        seconds=record["seconds"],
        module=_build_downloads_module(),
    )
