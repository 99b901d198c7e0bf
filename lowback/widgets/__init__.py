"""ipywidgets views over the pure modules: they ask lowback's rules and show the answer.

Each view is imported on first use, so the quiz page does not pay for Matplotlib.
"""

from __future__ import annotations

import importlib

from lowback.widgets import control_comm

_HOMES = {
    "AnatomyExplorer": "anatomy_view",
    "KnowledgeCheck": "anatomy_view",
    "PrescriptionBuilder": "prescription_view",
    "PsisQuestion": "psis_view",
    "RoutineTimer": "timer_view",
    "ScreeningQuiz": "quiz",
}
__all__ = sorted(_HOMES)

# In a kernel, the page's request for every widget's state is answered by the series' handler
# (leaner for the light front end of `make serve`).
control_comm.install()


def __getattr__(name: str) -> object:
    if name not in _HOMES:
        raise AttributeError(f"module 'lowback.widgets' has no attribute {name!r}")
    return getattr(importlib.import_module(f"lowback.widgets.{_HOMES[name]}"), name)
