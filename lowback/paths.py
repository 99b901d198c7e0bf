"""Where the series' files live, relative to this package in a clone of the repository."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
FIGURES_DIR = REPO_ROOT / "figures"
LANDING_NOTEBOOK = "00_start_here.ipynb"
# Inside the package, so a plain `pip install .` (as on Binder) ships the pre-drawn pictures.
PICTURES_DIR = Path(__file__).resolve().parent / "pictures"
# Set by the series' server (lowback.site.serve) for its kernels: the address, ending in "/",
# under which it serves PICTURES_DIR with a year-long cache (lowback.drawing.pictures links to it).
PICTURES_URL_ENV = "LOWBACK_PICTURES_URL"
# The same for the routine's cue tones (lowback.sound.cue_wav), served as <kind>.wav.
SOUNDS_URL_ENV = "LOWBACK_SOUNDS_URL"
