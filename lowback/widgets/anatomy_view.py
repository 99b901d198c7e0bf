"""Views for the anatomy notebook: figures with switchable layers, and the knowledge check.

The pictures and the feedback live in lowback.drawing.pictures and lowback.knowledge; these
views only ask them and show the answer. A figure with all its layers is a pre-drawn file:
Matplotlib is imported only when a reader unticks a layer.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from lowback.drawing.catalogue import (
    FIGURE_LAYERS,
    FIGURE_NAMES,
    FIGURE_TITLES,
    LAYER_TITLES,
    figure_description,
)
from lowback.drawing.pictures import figure_html
from lowback.knowledge import KNOWLEDGE_CHECK, feedback
from lowback.pages import ANATOMY
from lowback.widgets.failsafe import FailSafe
from lowback.widgets.placeholder import Placeholder, ShownWhenRun
from lowback.widgets.style import series_style, stacked
from lowback.widgets.view_helper import ViewHelper


class AnatomyExplorer(ShownWhenRun, widgets.VBox):
    """A figure of the series, with a checkbox for each layer it draws; unticking redraws it,
    and ticking every layer again brings back the pre-drawn picture. Choosing another drawing
    shows it with its own default layers (FIGURE_LAYERS: all it draws), and only the boxes of
    the layers it draws: nothing carries over from the last drawing."""

    def __init__(self, figure: str = "gluteus_medius_posterior") -> None:
        self.figure_choice = stacked(
            widgets.Dropdown(
                options=[(FIGURE_TITLES[name], name) for name in FIGURE_NAMES],
                value=figure,
                description="Drawing",
            )
        )
        self.layer_boxes = {
            layer: widgets.Checkbox(value=True, description=title, indent=False)
            for layer, title in LAYER_TITLES.items()
        }
        self.picture = widgets.HTML()
        self._choosing = False
        layer_group = widgets.VBox(
            [widgets.HTML("<strong>Layers shown</strong>"), *self.layer_boxes.values()]
        )
        self.failsafe = FailSafe("anatomy explorer")
        super().__init__(
            children=[
                series_style(),
                ViewHelper(),
                self.failsafe.notice,
                self.figure_choice,
                layer_group,
                self.picture,
            ]
        )
        self.add_class("lowback-view")
        self.figure_choice.observe(self.failsafe(self._on_figure), names="value")
        for box in self.layer_boxes.values():
            box.observe(self.failsafe(self._redraw), names="value")
        self._on_figure()

    def placeholder(self) -> Placeholder:
        return Placeholder("Anatomy explorer", "switch its layers", ANATOMY)

    def layers(self) -> tuple[str, ...]:
        """The layers ticked, among those the chosen figure draws."""
        drawn = FIGURE_LAYERS[self.figure_choice.value]
        return tuple(layer for layer in drawn if self.layer_boxes[layer].value)

    def description(self) -> str:
        """The picture in words as it is drawn now, with only the layers ticked: its alt text
        and its caption."""
        return figure_description(self.figure_choice.value, self.layers())

    def _on_figure(self, _change: dict | None = None) -> None:
        drawn = FIGURE_LAYERS[self.figure_choice.value]
        # One redraw for the new drawing, not one per box set back.
        self._choosing = True
        try:
            with self.hold_sync():
                for layer, box in self.layer_boxes.items():
                    box.value = layer in drawn
                    # A layer this drawing lacks is not offered at all (a ticked box greyed
                    # out said "shown" of something not there).
                    box.layout.display = None if layer in drawn else "none"
        finally:
            self._choosing = False
        self._redraw()

    def _redraw(self, _change: dict | None = None) -> None:
        if self._choosing:
            return
        self.picture.value = figure_html(self.figure_choice.value, self.layers())


class KnowledgeCheck(ShownWhenRun, widgets.VBox):
    """Short questions; choosing any option shows why it is right or not."""

    def __init__(self) -> None:
        self.choices: dict[str, widgets.RadioButtons] = {}
        self.replies: dict[str, widgets.HTML] = {}
        self.failsafe = FailSafe("knowledge check")
        children = [series_style(), ViewHelper(), self.failsafe.notice]
        for check in KNOWLEDGE_CHECK:
            choice = stacked(
                widgets.RadioButtons(
                    options=[(option.label, option.value) for option in check.options],
                    value=None,
                    description=check.text,
                )
            )
            reply = widgets.HTML()
            choice.observe(self.failsafe(self._reply_to(check.id)), names="value")
            self.choices[check.id] = choice
            self.replies[check.id] = reply
            children += [choice, reply]
        super().__init__(children=children)
        self.add_class("lowback-view")

    def placeholder(self) -> Placeholder:
        return Placeholder("Knowledge check", "try it", ANATOMY)

    def _reply_to(self, question_id: str):
        def reply(change: dict) -> None:
            if change["new"] is None:
                self.replies[question_id].value = ""
                return
            option = feedback(question_id, change["new"])
            verdict = "correct" if option.correct else "try_again"
            self.replies[question_id].value = (
                f'<div class="lowback-panel lowback-panel--{verdict}" role="status">'
                f"{escape(option.feedback)}</div>"
            )

        return reply
