"""The notebook regression check fails when a notebook raises or a printed number changes.

The real notebooks are checked by pytest-notebook itself (``nb_test_files`` in
pyproject.toml collects every ``notebooks/*.ipynb``). These tests feed the same
checker, with the same settings, two broken notebooks and expect it to fail.
"""

from __future__ import annotations

import tomllib

import nbformat
import pytest
from conftest import ROOT
from pytest_notebook.nb_regression import NBRegressionError, NBRegressionFixture

pytestmark = pytest.mark.slow


def regression_fixture() -> NBRegressionFixture:
    """The checker configured exactly as in pyproject.toml."""
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    return NBRegressionFixture(
        exec_timeout=int(settings["nb_exec_timeout"]),
        diff_ignore=tuple(settings["nb_diff_ignore"]),
    )


def write_notebook(path, *sources, outputs=None):
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
    }
    nb.cells = [nbformat.v4.new_code_cell(src, outputs=outputs or []) for src in sources]
    nbformat.write(nb, path)
    return path


def test_notebooks_are_collected_by_glob():
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    assert settings["nb_test_files"] is True
    assert "notebooks" in settings["testpaths"]
    assert list((ROOT / "notebooks").glob("*.ipynb"))


def test_a_notebook_that_raises_fails(tmp_path):
    path = write_notebook(tmp_path / "raises.ipynb", "raise ValueError('boom')")
    with pytest.raises(Exception, match="boom"):
        regression_fixture().check(str(path))


def test_a_changed_number_fails(tmp_path):
    committed = nbformat.v4.new_output(
        "execute_result", data={"text/plain": "42"}, execution_count=1
    )
    path = write_notebook(tmp_path / "changed.ipynb", "6 * 7", outputs=[committed])
    regression_fixture().check(str(path))  # the stored output matches: passes
    committed["data"]["text/plain"] = "43"
    write_notebook(path, "6 * 7", outputs=[committed])
    with pytest.raises(NBRegressionError, match="43"):
        regression_fixture().check(str(path))
