"""A figure's words follow the layers drawn: the anatomy explorer's caption and alt text never
describe a layer the reader switched off (lowback.drawing.catalogue.figure_description)."""

from __future__ import annotations

import re
from html import escape
from itertools import combinations

import pytest

from lowback.drawing.catalogue import (
    ALT_TEXT,
    FIGURE_DESCRIPTIONS,
    FIGURE_LAYERS,
    FIGURE_NAMES,
    LAYERS,
    figure_description,
)
from lowback.drawing.pictures import figure_html
from lowback.widgets import AnatomyExplorer

# Words that say a layer is drawn: each must appear exactly when its layer is shown.
SAYS_DRAWN = {
    "bones": re.compile(r"\bbones\b[^;:]*\bdrawn\b"),
    "gluteus_maximus": re.compile(r"see-through"),
    "gluteus_medius": re.compile(r"fan-shaped|fibres converge|trigger points shown|drawn strong"),
    "landmarks": re.compile(r"\bmarked\b"),
    "thumb_spot": re.compile(r"thumb-sized spot"),
}


def every_combination() -> list[tuple[str, tuple[str, ...]]]:
    return [
        (name, shown)
        for name in FIGURE_NAMES
        for size in range(len(FIGURE_LAYERS[name]) + 1)
        for shown in combinations(FIGURE_LAYERS[name], size)
    ]


COMBINATIONS = every_combination()


def ids(case: tuple[str, tuple[str, ...]]) -> str:
    name, shown = case
    return f"{name}[{'+'.join(shown) or 'nothing'}]"


@pytest.mark.parametrize("case", COMBINATIONS, ids=[ids(c) for c in COMBINATIONS])
def test_the_words_describe_each_layer_shown_and_no_layer_switched_off(case):
    name, shown = case
    text = figure_description(name, shown)
    for layer in FIGURE_LAYERS[name]:
        clause = FIGURE_DESCRIPTIONS[name].layers[layer]
        said = SAYS_DRAWN[layer].search(text) is not None
        assert said == (layer in shown), f"{layer} {'missing' if layer in shown else 'told'}"
        assert (clause in text) == (layer in shown), layer


@pytest.mark.parametrize("case", COMBINATIONS, ids=[ids(c) for c in COMBINATIONS])
def test_the_words_are_one_sentence_that_starts_with_what_the_figure_shows(case):
    name, shown = case
    text = figure_description(name, shown)
    assert text.startswith(FIGURE_DESCRIPTIONS[name].shows)
    assert text.endswith(".") and text.count(". ") == 0, text
    assert "  " not in text and ";;" not in text and ": ;" not in text


@pytest.mark.parametrize("name", FIGURE_NAMES)
def test_every_layer_a_figure_draws_has_its_words_and_no_other(name):
    assert set(FIGURE_DESCRIPTIONS[name].layers) == set(FIGURE_LAYERS[name])
    # The parts are joined with a colon and semicolons: none may carry its own.
    for part in (FIGURE_DESCRIPTIONS[name].shows, *FIGURE_DESCRIPTIONS[name].layers.values()):
        assert not re.search(r"[:;.]", part), part


@pytest.mark.parametrize("name", FIGURE_NAMES)
def test_the_whole_figure_is_described_by_its_alt_text(name):
    assert figure_description(name) == ALT_TEXT[name]
    assert figure_description(name, reversed(FIGURE_LAYERS[name])) == ALT_TEXT[name]
    # Layers a figure does not draw change nothing.
    assert figure_description(name, LAYERS) == ALT_TEXT[name]


def test_gluteus_maximus_switched_off_is_no_longer_drawn_see_through():
    without = figure_description(
        "gluteus_medius_posterior", ("bones", "gluteus_medius", "landmarks", "thumb_spot")
    )
    assert "see-through" not in without
    assert "see-through" in ALT_TEXT["gluteus_medius_posterior"]


def test_a_figure_with_nothing_switched_on_says_only_its_title_is_drawn():
    assert "only the title is drawn" in figure_description("posterior_pelvis", ())
    # A body and the pain zones are drawn whatever is switched on.
    assert (
        figure_description("referred_pain", ()) == FIGURE_DESCRIPTIONS["referred_pain"].shows + "."
    )


def test_an_unknown_figure_or_layer_is_refused_by_name():
    with pytest.raises(ValueError, match="'pelvis' is not a figure"):
        figure_description("pelvis")
    with pytest.raises(ValueError, match="unknown layer"):
        figure_description("referred_pain", ("skin",))


def test_the_pictures_alt_text_and_caption_follow_the_layers():
    shown = ("bones", "gluteus_medius", "landmarks", "thumb_spot")
    page = figure_html("gluteus_medius_posterior", shown)
    words = figure_description("gluteus_medius_posterior", shown)
    assert f'alt="{escape(words, quote=True)}"' in page
    assert f"</strong> {escape(words)}</figcaption>" in page
    assert "see-through" not in page


def test_the_explorer_says_what_it_shows_once_a_layer_is_switched_off():
    explorer = AnatomyExplorer("gluteus_medius_posterior")
    assert explorer.description() == ALT_TEXT["gluteus_medius_posterior"]
    explorer.layer_boxes["gluteus_maximus"].value = False
    words = explorer.description()
    assert words == figure_description(
        "gluteus_medius_posterior", ("bones", "gluteus_medius", "landmarks", "thumb_spot")
    )
    assert f'alt="{escape(words, quote=True)}"' in explorer.picture.value
    assert "see-through" not in explorer.picture.value
    explorer.figure_choice.value = "posterior_pelvis"  # a figure without gluteus maximus
    assert explorer.description() == ALT_TEXT["posterior_pelvis"]
