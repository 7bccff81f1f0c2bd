"""Shared fixtures: the project's paths, and the site built once per session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MKDOCS = BIN / "mkdocs"

# What a build needs, copied by `project_copy` (node_modules is linked).
PROJECT_PARTS = ["mkdocs.yml", "docs", "notebooks", "snippets", "hooks", "overrides"]


def build_site(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """Run ``mkdocs build --strict`` on ``project`` into ``site_dir``; return the process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    return subprocess.run(
        [str(MKDOCS), "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once with --strict; fails the tests that need it if the build fails."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, site_dir)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return site_dir


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throw-away copy of the project's site sources, to break on purpose."""
    copy = tmp_path / "project"
    copy.mkdir()
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, copy / part, symlinks=True)
        else:
            shutil.copy2(src, copy / part)
    (copy / "node_modules").symlink_to(ROOT / "node_modules")
    return copy


@pytest.fixture(scope="session")
def downloads(tmp_path_factory):
    """The PDF and the offline zip, built once per session by scripts/build_downloads.py.

    One download build (mkdocs-offline.yml) serves both: its print page is
    printed to PDF, the rest is zipped. ``seconds`` is how long it all took.
    """
    import time
    from types import SimpleNamespace

    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_downloads
    finally:
        sys.path.pop(0)
    work = tmp_path_factory.mktemp("downloads")
    start = time.monotonic()
    site = build_downloads.build_offline_site(work / "site")
    pdf = build_downloads.print_pdf(site, work / "out" / build_downloads.PDF_NAME)
    archive = build_downloads.make_zip(site, work / "out" / build_downloads.ZIP_NAME)
    return SimpleNamespace(
        site=site, pdf=pdf, zip=archive, seconds=time.monotonic() - start, module=build_downloads
    )
