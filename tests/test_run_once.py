"""The site is built once per test run, even when pytest-xdist runs the tests on
several processes: :func:`conftest.run_once` lets one caller build and hands the
others its result. Checked here with processes that race for it."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

from conftest import inputs_digest, run_once


def slow_produce(folder: Path) -> dict:
    """Stands for a build: takes a while, leaves a trace of each run."""
    with (folder.parent / "runs.log").open("a", encoding="utf-8") as log:
        log.write("run\n")
    time.sleep(0.5)
    (folder / "index.html").write_text("<p>ok</p>", encoding="utf-8")
    return {"returncode": 0, "stderr": ""}


def call(folder: str, queue) -> None:
    queue.put(run_once(Path(folder), slow_produce))


def test_racing_processes_run_the_build_once_and_share_its_result(tmp_path):
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    folder = tmp_path / "site"
    workers = [context.Process(target=call, args=(str(folder), queue)) for _ in range(3)]
    for worker in workers:
        worker.start()
    results = [queue.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    assert (tmp_path / "runs.log").read_text(encoding="utf-8") == "run\n"
    assert results == [{"returncode": 0, "stderr": ""}] * 3
    assert (folder / "index.html").is_file()


def test_a_failed_producer_leaves_no_record(tmp_path):
    def broken(folder: Path) -> dict:
        raise RuntimeError("build crashed")

    folder = tmp_path / "site"
    try:
        run_once(folder, broken)
    except RuntimeError:
        pass
    assert run_once(folder, slow_produce) == {"returncode": 0, "stderr": ""}


def test_the_digest_follows_the_sources_not_the_caches(tmp_path):
    for part in ("docs", "hooks"):
        (tmp_path / part).mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text("# Accueil\n", encoding="utf-8")
    before = inputs_digest(tmp_path)
    (tmp_path / "hooks" / "__pycache__").mkdir()
    (tmp_path / "hooks" / "__pycache__" / "maths.pyc").write_bytes(b"\0")
    assert inputs_digest(tmp_path) == before
    (tmp_path / "docs" / "index.md").write_text("# Accueil modifié\n", encoding="utf-8")
    assert inputs_digest(tmp_path) != before
