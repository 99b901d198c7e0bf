"""What one client (one address) may take of the public server (issue 26, item 2).

Taking pages and keeping their websockets open, one client held 89 kernels in 33 s, after which
every page with code answered "busy" for as long as it stayed: connected kernels are never
culled. `ClientLedger` keeps, per client address:

- how many kernels its pages hold (`max_kernels_per_client`): a page beyond that is refused
  (429), so one client can never take every kernel, and a reader elsewhere is still served;
- how fast it asks for pages with code: a token bucket of `pages_per_minute`, with a burst of
  as many, then 429;
- when each kernel last heard from its page (`heard_from`): a page that stays connected but
  sends nothing for `connected_idle_timeout` is let go (`silent_kernels`), and the page tells
  its reader to reload, as for any kernel that ends.

Pure bookkeeping (standard library only), with time passed in, so every rule is tested without
a server. The address is Tornado's `remote_ip`: the peer, or behind a proxy on this machine the
proxy's X-Real-IP (trusted only there, since the server then listens on loopback alone).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

__all__ = ["ClientLedger", "Refusal"]

#: Most addresses the rate limit remembers; the longest quiet ones are forgotten first, so a
#: flood of addresses cannot grow the ledger without bound.
MAX_CLIENTS_REMEMBERED = 10_000


@dataclass(frozen=True)
class Refusal:
    """Why a client's page was refused, in words for the page and the log."""

    reason: str
    retry_after_s: int


@dataclass
class _Bucket:
    tokens: float
    at: float


@dataclass
class ClientLedger:
    max_kernels_per_client: int = 12
    pages_per_minute: float = 30.0
    connected_idle_timeout: float = 1800.0
    _buckets: dict[str, _Bucket] = field(default_factory=dict)
    _client_of: dict[str, str] = field(default_factory=dict)
    _kernels: Counter[str] = field(default_factory=Counter)
    _claims: Counter[str] = field(default_factory=Counter)
    _heard_at: dict[str, float] = field(default_factory=dict)

    # -- asking for a page ------------------------------------------------------------------

    def ask_for_page(self, client: str, now: float) -> Refusal | None:
        """A page with code asked for by `client`: None if it may have one (its claim is then
        counted until `attribute` or `release`), else why not."""
        if not client:
            return None
        if self.pages_per_minute > 0:
            bucket = self._bucket(client, now)
            if bucket.tokens < 1:
                wait = (1 - bucket.tokens) * 60 / self.pages_per_minute
                return Refusal("too many pages asked for in a minute", max(1, int(wait) + 1))
        held = self._kernels[client] + self._claims[client]
        if self.max_kernels_per_client > 0 and held >= self.max_kernels_per_client:
            return Refusal(f"{held} pages already open from this address", 60)
        if self.pages_per_minute > 0:
            self._buckets[client].tokens -= 1
        self._claims[client] += 1
        return None

    def release(self, client: str) -> None:
        """The page request ended without a kernel being attributed to it."""
        if client and self._claims[client] > 0:
            self._claims[client] -= 1
            if not self._claims[client]:
                del self._claims[client]

    def attribute(self, kernel_id: str, client: str, now: float) -> None:
        """The kernel a client's page request was given (its claim becomes the kernel)."""
        if not client or kernel_id in self._client_of:
            return
        self.release(client)
        self._client_of[kernel_id] = client
        self._kernels[client] += 1
        self._heard_at[kernel_id] = now

    def forget(self, kernel_id: str) -> None:
        """The kernel ended."""
        self._heard_at.pop(kernel_id, None)
        client = self._client_of.pop(kernel_id, None)
        if client is not None:
            self._kernels[client] -= 1
            if self._kernels[client] <= 0:
                del self._kernels[client]

    def kernels_of(self, client: str) -> int:
        return self._kernels[client]

    # -- a page that stays connected and says nothing -----------------------------------------

    def heard_from(self, kernel_id: str, now: float) -> None:
        """The kernel's page sent a message."""
        if kernel_id in self._heard_at:
            self._heard_at[kernel_id] = now

    def silent_kernels(self, connected: set[str], now: float) -> dict[str, str]:
        """Connected kernels whose page has sent nothing for `connected_idle_timeout`, each with
        the reason in words for the log."""
        if self.connected_idle_timeout <= 0:
            return {}
        return {
            kernel_id: f"its page sent nothing for {int(now - heard)} s"
            for kernel_id, heard in self._heard_at.items()
            if kernel_id in connected and now - heard > self.connected_idle_timeout
        }

    # -- the rate ---------------------------------------------------------------------------

    def _bucket(self, client: str, now: float) -> _Bucket:
        burst = self.pages_per_minute
        bucket = self._buckets.pop(client, None)
        if bucket is None:
            bucket = _Bucket(burst, now)
        else:
            bucket.tokens = min(burst, bucket.tokens + (now - bucket.at) * burst / 60)
            bucket.at = now
        self._buckets[client] = bucket  # the most recently heard, last
        while len(self._buckets) > MAX_CLIENTS_REMEMBERED:
            del self._buckets[next(iter(self._buckets))]
        return bucket
