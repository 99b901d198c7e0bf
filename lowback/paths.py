"""Where the series' files live, relative to this package in a clone of the repository (which
notebook is which page, and where a page is served: lowback.pages)."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
FIGURES_DIR = REPO_ROOT / "figures"
# Inside the package, so a plain `pip install .` (as on Binder) ships the pre-drawn pictures.
PICTURES_DIR = Path(__file__).resolve().parent / "pictures"
