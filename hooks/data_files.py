"""Publish the real CDNOW transaction logs beside the synthetic data.

The CDNOW log (Fader & Hardie) and its 1/10th sample ship inside the
``lifetimes`` wheel pinned in requirements.lock; they are not copied into the
repository. This hook adds them to the site as ``notebooks/data/CDNOW_master.txt``
and ``notebooks/data/CDNOW_sample.txt`` so that readers can download them from
the data page, and so that links to them are checked like any other.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

SITE_PATH = "notebooks/data/CDNOW_master.txt"
SAMPLE_SITE_PATH = "notebooks/data/CDNOW_sample.txt"


def cdnow_path(name: str = "CDNOW_master.txt") -> Path:
    """Where the ``lifetimes`` distribution keeps the CDNOW file ``name``."""
    try:
        path = Path(distribution("lifetimes").locate_file(f"lifetimes/datasets/{name}"))
    except PackageNotFoundError as error:
        raise PluginError("the `lifetimes` package is missing: run `make setup`") from error
    if not path.is_file():
        raise PluginError(f"{path} is missing from the lifetimes package")
    return path


def on_files(files, config):
    files.append(File.generated(config, SITE_PATH, abs_src_path=str(cdnow_path())))
    sample = str(cdnow_path("CDNOW_sample.txt"))
    files.append(File.generated(config, SAMPLE_SITE_PATH, abs_src_path=sample))
    return files
