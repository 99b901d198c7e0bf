"""lowback.signed_link: only a link signed with the deployment's key speaks as the
physiotherapist (issue 26, item 5)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lowback.prescription import Prescription, SettingError
from lowback.signed_link import (
    MIN_KEY_BYTES,
    ORIGIN_WORDS,
    SIG_CHARS,
    link_signature,
    read_link,
    signed_query,
    signed_routine_link,
)

KEY = b"k" * MIN_KEY_BYTES
OTHER_KEY = b"o" * MIN_KEY_BYTES


def test_a_signed_link_read_with_its_key_is_the_physiotherapists():
    p = Prescription(side="left", reps=12, note="After your walk")
    query = signed_query(p, KEY)
    assert query.endswith("&sig=" + link_signature(p, KEY)) and len(link_signature(p, KEY)) == 22
    assert read_link(query, KEY).origin == "physio"
    assert read_link("?" + query, KEY).prescription == p


def test_without_a_key_no_link_is_the_physiotherapists_whatever_it_carries():
    p = Prescription(reps=12)
    assert signed_query(p, None) == "reps=12"
    assert read_link(signed_query(p, KEY), None).origin == "link"
    assert read_link(signed_query(p, KEY), OTHER_KEY).origin == "link"
    assert read_link(signed_query(p, KEY), b"short").origin == "link"  # too short to be a key


def test_a_key_too_short_to_be_one_signs_nothing():
    assert signed_query(Prescription(reps=3), b"x" * (MIN_KEY_BYTES - 1)) == "reps=3"
    with pytest.raises(ValueError, match="at least"):
        link_signature(Prescription(), b"short")


def test_tracking_parameters_an_app_adds_keep_the_signature_good():
    query = signed_query(Prescription(reps=12), KEY) + "&fbclid=IwAR0&utm_source=chat"
    assert read_link(query, KEY).origin == "physio"


def test_a_signature_given_twice_is_refused_by_name():
    query = signed_query(Prescription(reps=12), KEY)
    with pytest.raises(SettingError, match="sig"):
        read_link(query + "&sig=" + "A" * SIG_CHARS, KEY)


def test_the_default_plan_can_be_signed_too():
    query = signed_query(Prescription(), KEY)
    assert query.startswith("sig=") and read_link(query, KEY).origin == "physio"
    assert signed_routine_link(Prescription(), "https://c.example/voila/render/", KEY).startswith(
        "https://c.example/voila/render/03_routine_timer.ipynb?sig="
    )


def test_the_three_origins_have_their_words():
    assert ORIGIN_WORDS["physio"].banner == "From your physiotherapist"
    assert ORIGIN_WORDS["link"].banner == "The plan in the link you opened"
    assert ORIGIN_WORDS["own"].banner == "Your settings"
    assert "physiotherapist" not in ORIGIN_WORDS["link"].note + ORIGIN_WORDS["own"].note


@settings(max_examples=100)
@given(
    reps=st.integers(1, 30),
    note=st.text(alphabet="abc XYZ.,!", max_size=40),
    other_reps=st.integers(1, 30),
)
def test_no_change_to_a_signed_link_keeps_it_the_physiotherapists(reps, note, other_reps):
    p = Prescription(reps=reps, note=note.strip())
    query = signed_query(p, KEY)
    changed = Prescription(reps=other_reps, note=p.note)
    sig = query.rsplit("sig=", 1)[1]
    forged = (
        signed_query(changed, None) + ("&" if signed_query(changed, None) else "") + "sig=" + sig
    )
    expected = "physio" if changed == p else "link"
    assert read_link(forged, KEY).origin == expected


@pytest.mark.parametrize(
    "forged",
    [
        {"by": "Dr Someone Else"},
        {"contact": "call 0900 000 000"},
        {"region": "us"},
        {"weeks": 26},
        {"lowering": "tip"},
        {"final_hold_max_s": 120},
    ],
)
def test_the_signature_covers_the_plan_the_name_the_contact_and_the_region(forged):
    """Issue 23: whoever edits a signed link's name, contact line, region or plan makes it only
    "the plan in the link you opened"."""
    p = Prescription(reps=12, by="Jane Smith", contact="020 7946 0000", region="uk", weeks=6)
    sig = signed_query(p, KEY).rsplit("sig=", 1)[1]
    changed = Prescription(**{**p.__dict__, **forged})
    assert read_link(signed_query(p, KEY), KEY).origin == "physio"
    assert read_link(f"{signed_query(changed, None)}&sig={sig}", KEY).origin == "link"
