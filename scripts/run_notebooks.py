"""Execute every notebook under notebooks/ and store its outputs in place.

Run it (``make notebooks``) after an intended change to a notebook or to the
package it calls; the tests then compare fresh executions with what this
script stored. Machine noise is removed so that a re-run on another machine
gives the same file: no timing metadata, a fixed kernelspec, cells numbered
in order.

Usage: python scripts/run_notebooks.py [NOTEBOOK ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop metadata that varies from one machine or run to the next."""
    nb.metadata = nbformat.from_dict(
        {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
    )
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    return nb


def execute(path: Path) -> None:
    """Execute ``path`` in its own folder and write it back with its outputs."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    nbformat.write(clean(nb), path)
    print(f"executed {path.relative_to(NOTEBOOKS.parent)}")


def main(argv: list[str]) -> int:
    paths = [Path(p).resolve() for p in argv] or sorted(NOTEBOOKS.glob("*.ipynb"))
    for path in paths:
        execute(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
