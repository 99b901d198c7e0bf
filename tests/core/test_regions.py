"""Where to go for help, by region (DESIGN.md, "Regions"): the emergency number, the words for the
emergency department, a non-emergency line where one exists, and the list of common numbers
where the region is not known."""

from __future__ import annotations

import pytest

import lowback.regions as regions_module
from lowback.regions import COMMON_NUMBERS, REGION_IDS, REGIONS, Region, region

# (id, emergency number, department, a word of the non-emergency line or "", tel: numbers)
DESIGN_REGIONS = [
    ("uk", "999", "A&E", "111", ("999",)),
    ("ie", "112 or 999", "the emergency department", "", ("112", "999")),
    ("eu", "112", "the emergency department", "", ("112",)),
    ("us", "911", "the emergency room", "", ("911",)),
    ("ca", "911", "the emergency department", "", ("911",)),
    ("au", "000", "the emergency department", "healthdirect", ("000",)),
    ("nz", "111", "the emergency department", "Healthline", ("111",)),
]
UNKNOWN = [None, "other", "mars", "UK", "", " uk", 123, ["uk"]]


def test_the_regions_are_the_ones_the_design_names_in_its_order():
    assert REGION_IDS == ("uk", "ie", "eu", "us", "ca", "au", "nz", "other")
    assert tuple(REGIONS) == REGION_IDS
    for region_id, place in REGIONS.items():
        assert isinstance(place, Region)
        assert place.id == region_id
        assert place.name.strip()


def test_the_common_numbers_are_999_112_911_000_and_111():
    assert COMMON_NUMBERS == ("999", "112", "911", "000", "111")


@pytest.mark.parametrize(("region_id", "number", "department", "line", "tel"), DESIGN_REGIONS)
def test_each_region_has_its_emergency_number_and_department_words(
    region_id, number, department, line, tel
):
    place = region(region_id)
    assert place.emergency_number == number
    assert place.department == department
    assert place.call == f"Call {number}"
    assert place.go_now == f"Call {number} or go to {department} now"
    assert place.tel_numbers == tel


@pytest.mark.parametrize(("region_id", "number", "department", "line", "tel"), DESIGN_REGIONS)
def test_a_non_emergency_line_is_offered_where_one_exists_and_a_gp_or_urgent_care_elsewhere(
    region_id, number, department, line, tel
):
    place = region(region_id)
    assert place.same_day.startswith("See a doctor today")
    if line:
        assert line in place.non_emergency
        assert line in place.same_day
        assert place.non_emergency_tel
    else:
        assert place.non_emergency == "" and place.non_emergency_tel == ""
        assert "GP" in place.same_day and "urgent care service" in place.same_day


@pytest.mark.parametrize(
    ("region_id", "tel"), [("uk", "111"), ("au", "1800022222"), ("nz", "0800611116")]
)
def test_each_non_emergency_line_has_a_number_a_phone_can_dial(region_id, tel):
    place = region(region_id)
    assert place.non_emergency_tel == tel
    spaced = place.non_emergency.replace(" ", "")
    assert tel in spaced


@pytest.mark.parametrize("region_id", REGION_IDS)
def test_every_number_offered_for_a_tap_to_call_link_is_digits_only(region_id):
    place = region(region_id)
    assert place.tel_numbers
    for number in (*place.tel_numbers, place.non_emergency_tel):
        assert number == "" or number.isdigit(), number
    assert place.non_emergency_tel == "" or place.non_emergency


@pytest.mark.parametrize("unknown", UNKNOWN)
def test_other_an_unknown_region_or_none_is_the_list_of_common_numbers(unknown):
    place = region(unknown)  # type: ignore[arg-type]
    assert place is REGIONS["other"]
    assert place.emergency_number == ""
    assert place.tel_numbers == COMMON_NUMBERS
    assert place.call == "Call your local emergency number (999, 112, 911, 000, 111)"
    assert place.go_now.startswith("Call your local emergency number (999, 112, 911, 000, 111)")
    assert "the nearest emergency department" in place.go_now
    assert place.same_day.startswith("See a doctor today")


@pytest.mark.parametrize("region_id", REGION_IDS)
def test_no_region_says_a_bare_emergency_services(region_id):
    place = region(region_id)
    for words in (place.call, place.go_now, place.same_day):
        assert "emergency services" not in words.lower()


def test_the_regions_cannot_be_changed_by_a_notebook():
    with pytest.raises(TypeError):
        REGIONS["uk"] = REGIONS["us"]  # type: ignore[index]
    with pytest.raises(AttributeError):
        REGIONS["uk"].emergency_number = "112"  # type: ignore[misc]


@pytest.mark.parametrize(
    "source",
    [
        "UK: NHS",
        "Ireland:",
        "European Union:",
        "United States: 911.gov",
        "Canada:",
        "Australia: Triple Zero (000)",
        "New Zealand: 111",
    ],
)
def test_each_regions_numbers_name_the_government_or_health_service_source_checked(source):
    assert source in regions_module.__doc__
