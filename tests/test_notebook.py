"""The example notebook runs from top to bottom without an error."""

from __future__ import annotations

import sys
from pathlib import Path

import jupyter_client.kernelspec as jupyter_client_kernelspec
import nbclient
import nbformat
import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NOTEBOOK = EXAMPLES / "territory.ipynb"


def _ensure_python3_kernel() -> None:
    """Make the ``python3`` kernel run this interpreter, installing its spec into the venv if needed."""
    try:
        spec = jupyter_client_kernelspec.KernelSpecManager().get_kernel_spec("python3")
    except jupyter_client_kernelspec.NoSuchKernel:
        spec = None
    if spec is None or Path(spec.argv[0]).resolve() != Path(sys.executable).resolve():
        from ipykernel import kernelspec

        kernelspec.install(prefix=sys.prefix)


def test_notebook_is_stored_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert notebook.nbformat == 4
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == []
            assert cell.execution_count is None


def test_notebook_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MPLBACKEND", "Agg")
    _ensure_python3_kernel()
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(EXAMPLES)}},
    )
    client.execute()  # raises CellExecutionError naming the cell when one fails
    errors = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "error"
    ]
    assert errors == []
    # the rich displays reached the notebook (with Agg, figures are drawn but not shown)
    kinds = {
        key for cell in notebook.cells for o in cell.get("outputs", []) for key in o.get("data", {})
    }
    assert "text/html" in kinds
