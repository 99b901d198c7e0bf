"""Where the series' files live, relative to this package in a clone of the repository."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
FIGURES_DIR = REPO_ROOT / "figures"
LANDING_NOTEBOOK = "00_start_here.ipynb"
