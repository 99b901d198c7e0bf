"""Whose settings a link carries: a physiotherapist's, signed, or anyone's.

Pure: standard library only. Anyone can write a link to the routine page with any settings and
any note, so a link on its own speaks for nobody: "Your physiotherapist says: stop taking your
medication" showed in the page's green panel and printed under "Note from your physiotherapist"
(issue 26, item 5). A deployment that puts the clinicians' page behind its own login may set a
secret key (LOWBACK_LINK_KEY, read by the views); links made there carry `sig`, an HMAC-SHA256
over `to_query` of the prescription, truncated to 16 bytes, base64url (22 characters). Only a
link whose signature checks, read unedited, is the physiotherapist's; without a key (`make
serve`'s default) no link is.

Three states, the same words on the page, in its banner and in the handout (`ORIGIN_WORDS`):
- `physio`: a signed link, unedited: "From your physiotherapist";
- `link`: an unsigned (or wrongly signed) link, unedited: "The plan in the link you opened";
- `own`: the reader changed something, or there was no link: "Your settings".
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal
from urllib.parse import urljoin

from lowback.pages import ROUTINE
from lowback.prescription import (
    MAX_QUERY_CHARS,
    Prescription,
    SettingError,
    check_base_url,
    from_query,
    to_query,
)

__all__ = [
    "MIN_KEY_BYTES",
    "ORIGIN_WORDS",
    "SIG_CHARS",
    "LinkReading",
    "Origin",
    "OriginWords",
    "link_signature",
    "read_link",
    "signed_query",
    "signed_routine_link",
]

Origin = Literal["physio", "link", "own"]
SIG_CHARS = 22  # 16 bytes, base64url without padding
#: A key shorter than this is no key: it could be guessed.
MIN_KEY_BYTES = 16


@dataclass(frozen=True)
class OriginWords:
    banner: str  # what the page's banner and the handout's heading say
    note: str  # what the note is called


ORIGIN_WORDS: Mapping[str, OriginWords] = MappingProxyType(
    {
        "physio": OriginWords("From your physiotherapist", "Note from your physiotherapist"),
        "link": OriginWords("The plan in the link you opened", "Note in the link"),
        "own": OriginWords("Your settings", "Note"),
    }
)


@dataclass(frozen=True)
class LinkReading:
    prescription: Prescription
    origin: Origin


def _key(key: bytes | str | None) -> bytes | None:
    if isinstance(key, str):
        key = key.encode("utf-8")
    if not isinstance(key, bytes) or len(key) < MIN_KEY_BYTES:
        return None
    return key


def link_signature(p: Prescription, key: bytes | str) -> str:
    """The `sig` of a link to `p` under `key`; ValueError for a key too short to be one."""
    secret = _key(key)
    if secret is None:
        raise ValueError(f"a link key needs at least {MIN_KEY_BYTES} bytes")
    digest = hmac.new(secret, to_query(p).encode("utf-8"), hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def signed_query(p: Prescription, key: bytes | str | None) -> str:
    """The query of a link to `p`, signed when there is a key (`sig` last), plain otherwise."""
    query = to_query(p)
    if _key(key) is None:
        return query
    sig = f"sig={link_signature(p, key)}"  # type: ignore[arg-type]
    return f"{query}&{sig}" if query else sig


def read_link(query: str, key: bytes | str | None) -> LinkReading:
    """The prescription a link carries, and whether it is the physiotherapist's: `physio` only
    for a signature that checks under `key`; a missing, wrong or unkeyed one is `link`. Raises
    SettingError as `from_query` does (a `sig` given twice included)."""
    if not isinstance(query, str):
        raise SettingError("link", "cannot be read: it is not text")
    if len(query) > MAX_QUERY_CHARS:
        from_query(query)  # refused there, with its message
    parts = [part for part in query.removeprefix("?").split("&") if part]
    sigs = [part.partition("=")[2] for part in parts if part.partition("=")[0] == "sig"]
    if len(sigs) > 1:
        raise SettingError("sig", "is given more than once in the link")
    rest = "&".join(part for part in parts if part.partition("=")[0] != "sig")
    prescription = from_query(rest)
    secret = _key(key)
    signed = (
        secret is not None
        and len(sigs) == 1
        and len(sigs[0]) == SIG_CHARS
        and hmac.compare_digest(sigs[0], link_signature(prescription, secret))
    )
    return LinkReading(prescription, "physio" if signed else "link")


def signed_routine_link(
    p: Prescription, base_url: str | None = None, key: bytes | str | None = None
) -> str:
    """lowback.prescription.routine_link, signed when there is a key."""
    query = signed_query(p, key)
    page = ROUTINE + (f"?{query}" if query else "")
    return page if base_url is None else urljoin(check_base_url(base_url), page)
