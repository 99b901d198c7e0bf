"""Where to go for help, by region: the emergency number, the words for the emergency
department, and a non-emergency line where one exists.

Pure data (standard library only). A region only changes the wording of advice, never an outcome.
An unknown region, `other` or None says "your local emergency number" and lists the common ones,
so nobody is given a number that does not work where they are.

Sources (government or health-service pages; checked 2026-12-07 against the services' own
published numbers):
- UK: NHS, "When to call 999" and "When to use 111" (nhs.uk).
- Ireland: Government of Ireland / HSE, "Emergency services: 112 or 999" (gov.ie, hse.ie).
- European Union: European Commission, "112: the single European emergency number".
- United States: 911.gov, "Frequently asked questions".
- Canada: Canadian Radio-television and Telecommunications Commission (CRTC), "9-1-1 service".
- Australia: Triple Zero (000), triplezero.gov.au; healthdirect, 1800 022 222 (healthdirect.gov.au).
- New Zealand: 111, Te Whatu Ora (health.govt.nz); Healthline, 0800 611 116.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["COMMON_NUMBERS", "REGIONS", "REGION_IDS", "Region", "region"]


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    #: The number to call, as a person dials it ("999"); empty for `other`.
    emergency_number: str
    #: What the emergency department is called there, with its article ("A&E").
    department: str
    #: A non-emergency health line, in words ("call 111"), or "" where there is none.
    non_emergency: str = ""
    #: Its number for a tel: link ("111"), or "".
    non_emergency_tel: str = ""

    @property
    def call(self) -> str:
        """ "Call 999", or "Call your local emergency number (999, 112, ...)"."""
        if self.emergency_number:
            return f"Call {self.emergency_number}"
        return f"Call your local emergency number ({', '.join(COMMON_NUMBERS)})"

    @property
    def go_now(self) -> str:
        """ "Call 999 or go to A&E now"."""
        return f"{self.call} or go to {self.department} now"

    @property
    def same_day(self) -> str:
        """Where to go today when it is not an emergency."""
        if self.non_emergency:
            return f"See a doctor today (phone your GP surgery, or {self.non_emergency})"
        return "See a doctor today (phone your GP surgery or an urgent care service)"

    @property
    def tel_numbers(self) -> tuple[str, ...]:
        """The emergency numbers a tap-to-call link may offer."""
        if self.emergency_number:
            return tuple(n.strip() for n in self.emergency_number.split(" or "))
        return COMMON_NUMBERS


#: Offered where the region is not known: the reader picks the one that works where they are.
COMMON_NUMBERS: tuple[str, ...] = ("999", "112", "911", "000", "111")

_REGIONS = (
    Region("uk", "United Kingdom", "999", "A&E", "call NHS 111", "111"),
    Region("ie", "Ireland", "112 or 999", "the emergency department"),
    Region("eu", "European Union", "112", "the emergency department"),
    Region("us", "United States", "911", "the emergency room"),
    Region("ca", "Canada", "911", "the emergency department"),
    Region(
        "au",
        "Australia",
        "000",
        "the emergency department",
        "call healthdirect on 1800 022 222",
        "1800022222",
    ),
    Region(
        "nz",
        "New Zealand",
        "111",
        "the emergency department",
        "call Healthline on 0800 611 116",
        "0800611116",
    ),
    Region("other", "Somewhere else", "", "the nearest emergency department"),
)
REGIONS: Mapping[str, Region] = MappingProxyType({r.id: r for r in _REGIONS})
REGION_IDS: tuple[str, ...] = tuple(r.id for r in _REGIONS)


def region(region_id: str | None) -> Region:
    """The region with this id; `other` for None or an id nobody knows (never an error: a
    link's region is hostile input, and the advice must still be given)."""
    if isinstance(region_id, str) and region_id in REGIONS:
        return REGIONS[region_id]
    return REGIONS["other"]
