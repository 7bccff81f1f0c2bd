"""Publish the real CDNOW transaction log beside the synthetic data.

The CDNOW log (Fader & Hardie) ships inside the ``lifetimes`` wheel pinned in
requirements.lock; it is not copied into the repository. This hook adds it to
the site as ``notebooks/data/CDNOW_master.txt`` so that readers can download
it from the data page, and so that links to it are checked like any other.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

SITE_PATH = "notebooks/data/CDNOW_master.txt"


def cdnow_path() -> Path:
    """Where the ``lifetimes`` distribution keeps the CDNOW log."""
    try:
        path = Path(distribution("lifetimes").locate_file("lifetimes/datasets/CDNOW_master.txt"))
    except PackageNotFoundError as error:
        raise PluginError("the `lifetimes` package is missing: run `make setup`") from error
    if not path.is_file():
        raise PluginError(f"{path} is missing from the lifetimes package")
    return path


def on_files(files, config):
    files.append(File.generated(config, SITE_PATH, abs_src_path=str(cdnow_path())))
    return files
