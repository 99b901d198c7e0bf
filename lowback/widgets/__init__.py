"""ipywidgets views over the pure modules: they ask lowback's rules and show the answer."""

from lowback.widgets.quiz import ScreeningQuiz

__all__ = ["ScreeningQuiz"]
