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
        if cell.cell_type == "code":
            cell.outputs = coalesced(cell.outputs)
    return nb


def coalesced(outputs: list) -> list:
    """Merge consecutive stream outputs of the same stream into one.

    The kernel flushes printed text in batches whose boundaries depend on
    timing, so one run may store two "stdout" outputs where another stores
    one. pytest-notebook merges them before comparing (its coalesce_streams
    post-processor); the stored notebook is merged the same way.
    """
    merged: list = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (
            output.get("output_type") == "stream"
            and previous is not None
            and previous.get("output_type") == "stream"
            and previous.get("name") == output.get("name")
        ):
            previous["text"] = "".join(previous["text"]) + "".join(output["text"])
        else:
            merged.append(output)
    return merged


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
