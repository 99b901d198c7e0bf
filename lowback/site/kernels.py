"""How many kernels the public server runs, and when it lets one go.

Every visitor to a page with code gets their own kernel (about 55 MB). jupyter_server frees an
unused kernel only after `cull_idle_timeout` of silence, so on its own one client could fill the
machine with page requests it never reads, and a kernel that keeps talking (a timer ticking in a
closed tab) is never silent. `SeriesKernelManager` adds, for `make serve`:

- a cap: `max_kernels` kernels at most (by default as many as half the machine's memory
  holds, 8 to 100), waiting ones in Voila's pool included; a page request beyond it is told to
  come back in a minute, and no kernel is started for it;
- a queue: at most `max_starting` pages with code are prepared at once (`StartGate`), so a
  burst of requests cannot starve everything else of CPU;
- kernels whose page never connects: a kernel handed to a page that has not connected within
  `page_connect_timeout` seconds (the visitor hung up, or was never a browser) is shut down;
- kernels whose page has gone: a kernel with no page connected for `cull_idle_timeout` is shut
  down even if it is still sending messages; an idle one is left to jupyter_server's culler, as
  before. A page that stays connected is never cut off (`cull_connected` stays false).

Kernels waiting in Voila's pool count towards the cap but are never culled: nobody is meant to
connect to them until they are handed over.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections import deque
from collections.abc import Callable
from contextvars import ContextVar
from functools import partial

from jupyter_core.utils import ensure_async
from jupyter_server._tz import utcnow
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado.ioloop import PeriodicCallback
from traitlets import Float, Int, default
from voila.utils import ENV_VARIABLE

from lowback.site.clients import ClientLedger
from lowback.site.kernel_ids import worker_kernel_id

#: What Voila copies from the page request into a kernel's environment: the Host header
#: (SERVER_NAME, SERVER_PORT, VOILA_APP_PORT, the whole request URL), the query and the
#: path. A pooled kernel even gets the previous visitor's request. Any of it can be forged by
#: whoever asks for a page, so no kernel gets any of it (the public address comes from the
#: configuration, LOWBACK_PUBLIC_URL, and views read the page's address from the reader's own
#: browser). Voila's own settings, from its configuration, are the only ones kept.
SERVER_ENV = frozenset({"VOILA_PREHEAT", "VOILA_KERNEL_ID", "VOILA_BASE_URL", "VOILA_SERVER_URL"})
REQUEST_ENV = frozenset(str(name.value) for name in ENV_VARIABLE) - SERVER_ENV


def without_request_env(env: dict[str, str] | None) -> dict[str, str] | None:
    """A kernel's environment with nothing taken from a request (REQUEST_ENV, HTTP_*)."""
    if env is None:
        return None
    return {
        key: value
        for key, value in env.items()
        if key not in REQUEST_ENV and not key.startswith("HTTP_")
    }


#: What a kernel may say while its page is away that is kept for the page's return.
MAX_BUFFERED_BYTES = 1024 * 1024
KERNEL_MB = 60  # a visitor's kernel: 40-46 MB unique, about 55 MB resident (make bench)
MIN_CAP, MAX_CAP = 8, 100


def default_kernel_cap(memory_bytes: int | None = None) -> int:
    """How many kernels half of this machine's memory holds, from MIN_CAP to MAX_CAP."""
    if memory_bytes is None:
        try:
            memory_bytes = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
        except (ValueError, OSError, AttributeError):  # not a POSIX system: a modest machine
            memory_bytes = 4 * 2**30
    return max(MIN_CAP, min(MAX_CAP, memory_bytes // 2 // (KERNEL_MB * 2**20)))


class StartGate:
    """At most `limit` pages being prepared at once; the others wait their turn, for at most
    `wait_s` seconds and no more than `max_waiting` of them.

    Preparing a page with code costs a kernel start and a notebook run: two or three seconds of
    CPU each. Forty at once left this 2-core machine unable to answer even the root address for
    over ten seconds; taken a few at a time, the same forty are served sooner, and everything
    else keeps answering.
    """

    def __init__(self, limit: int, wait_s: float, max_waiting: int) -> None:
        self.limit = limit
        self.wait_s = wait_s
        self.max_waiting = max_waiting
        self.inside = 0
        self._waiting: deque[asyncio.Future[None]] = deque()

    async def enter(self) -> bool:
        """True once it is this page's turn; False if it waited too long or too many wait."""
        if self.limit <= 0 or (self.inside < self.limit and not self._waiting):
            self.inside += 1
            return True
        if len(self._waiting) >= self.max_waiting:
            return False
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append(turn)
        try:
            await asyncio.wait_for(asyncio.shield(turn), self.wait_s)
        except TimeoutError:
            self._give_up(turn)
            return False
        except asyncio.CancelledError:
            self._give_up(turn)
            raise
        return True

    def _give_up(self, turn: asyncio.Future[None]) -> None:
        if turn.done():  # its turn came just as the wait ended: pass it on
            self.leave()
        else:
            self._waiting.remove(turn)

    def leave(self) -> None:
        while self._waiting:
            turn = self._waiting.popleft()
            if not turn.done():
                turn.set_result(None)  # the place goes straight to the next in line
                return
        self.inside -= 1


class KernelClaim:
    """A page request's place under the cap, held from the request until its kernel is known to
    the manager (or the request ends without one)."""

    def __init__(self, manager: SeriesKernelManager) -> None:
        self._manager = manager
        self.settled = False

    def release(self) -> None:
        if not self.settled:
            self.settled = True
            self._manager._reserved -= 1


# The claim of the page request being served: the code that starts or hands over its kernel
# runs in the request's own task (and tasks started from it inherit the claim, already settled).
_current_claim: ContextVar[KernelClaim | None] = ContextVar("lowback_kernel_claim", default=None)


def _settle_current_claim() -> None:
    claim = _current_claim.get()
    if claim is not None:
        claim.release()


class PageRequest:
    """One client's request for a page with code: refused (`refusal`), or counted for that
    client until its kernel is known (`attribute`) or the request ends (`end`)."""

    def __init__(self, ledger: ClientLedger, client: str) -> None:
        self.ledger = ledger
        self.client = client
        self.refusal = ledger.ask_for_page(client, time.monotonic())
        self.attributed = self.refusal is not None

    def attribute(self, kernel_id: str) -> None:
        if not self.attributed:
            self.attributed = True
            self.ledger.attribute(kernel_id, self.client, time.monotonic())

    def end(self) -> None:
        if not self.attributed:
            self.attributed = True
            self.ledger.release(self.client)


# The page request being served, for the kernel it is given (as the claim above).
_current_page: ContextVar[PageRequest | None] = ContextVar("lowback_page_request", default=None)


def _attribute_to_current_page(kernel_id: str) -> None:
    page = _current_page.get()
    if page is not None:
        page.attribute(kernel_id)


class SeriesKernelManager(AsyncMappingKernelManager):
    """jupyter_server's kernel manager with a cap, and an end for kernels nobody uses."""

    max_kernels = Int(
        config=True,
        help="Most kernels running at once, pooled ones included (each takes about 55 MB). "
        "Beyond it a page with code answers 503, 'try again in a minute'. 0: no cap. "
        "Default: as many as half the machine's memory holds, from 8 to 100.",
    )
    page_connect_timeout = Float(
        60.0,
        config=True,
        help="Seconds a page has to connect to the kernel it was given before it is shut down.",
    )
    max_starting = Int(
        4,
        config=True,
        help="Most pages with code prepared at once (each starts and runs a kernel); others "
        "wait their turn (0: no limit).",
    )
    start_wait_s = Float(
        120.0,
        config=True,
        help="Longest a page request waits for its turn before it is told to come back later.",
    )
    max_waiting = Int(
        200, config=True, help="Most page requests waiting their turn at once; others: 503."
    )
    max_kernels_per_client = Int(
        12,
        config=True,
        help="Most kernels the pages of one client address hold at once; its next page with "
        "code answers 429 (0: no limit). A reader clicking through the series holds 4.",
    )
    pages_per_minute = Float(
        30.0,
        config=True,
        help="Pages with code one client address may ask for in a minute, in a burst of as many "
        "(0: no limit); beyond it, 429.",
    )
    connected_idle_timeout = Float(
        1800.0,
        config=True,
        help="Seconds a connected page may send nothing before its kernel is let go (the page "
        "then tells its reader to reload). 0: never.",
    )
    worker = Int(
        -1,
        config=True,
        help="This process's number among several behind nginx (0 to 255): each kernel id "
        "starts with it in two hex digits, so nginx knows where the kernel lives "
        "(deploy/nginx/lowback-scaled.conf). -1: plain ids.",
    )
    guard_interval = Float(
        0.0,
        config=True,
        help="Seconds between checks for kernels nobody uses (0: cull_interval, at most 10).",
    )

    @default("max_kernels")
    def _default_max_kernels(self) -> int:
        return default_kernel_cap()

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._reserved = 0
        self._given_at: dict[str, float] = {}  # handed to a page, or started for one
        self._connected_ever: set[str] = set()
        self._unconnected_since: dict[str, float] = {}
        self._guard: PeriodicCallback | None = None
        self._on_end: dict[str, set[Callable[[], None]]] = {}
        self._starved_pools: set[str | None] = set()
        self.start_gate = StartGate(self.max_starting, self.start_wait_s, self.max_waiting)
        self.clients = ClientLedger(
            self.max_kernels_per_client, self.pages_per_minute, self.connected_idle_timeout
        )

    def ask_for_page(self, client: str) -> PageRequest:
        """A client asks for a page with code: refused, or counted for it (PageRequest)."""
        page = PageRequest(self.clients, client)
        if page.refusal is None:
            _current_page.set(page)
        else:
            self.log.warning("Refused a page to a client: %s.", page.refusal.reason)
        return page

    def heard_from(self, kernel_id: str) -> None:
        """The kernel's page sent a message (lowback.site.kernel_socket)."""
        self.clients.heard_from(kernel_id, time.monotonic())

    def new_kernel_id(self, **kwargs) -> str:
        if self.worker >= 0:
            return worker_kernel_id(self.worker)
        return super().new_kernel_id(**kwargs)

    # -- the cap ----------------------------------------------------------------------------

    def live_kernel_count(self) -> int:
        """Kernels running or starting, pooled ones and those about to start included."""
        known = set(self._kernels) | set(self._pending_kernels)
        waiting = sum(
            1 for pool in getattr(self, "_pools", {}).values() for task in pool if not task.done()
        )
        return len(known) + waiting + self._reserved

    def at_cap(self) -> bool:
        return self.max_kernels > 0 and self.live_kernel_count() >= self.max_kernels

    def claim_kernel(self) -> KernelClaim | None:
        """A place for a page request about to be given a kernel; None, at the cap.

        Counted at once, before anything is awaited, so the cap holds however many requests
        arrive together. The claim is settled when the request's kernel starts or is handed
        over from the pool, and so is counted by the manager itself; the request releases it
        anyway when it ends.
        """
        if self.at_cap():
            return None
        self._reserved += 1
        claim = KernelClaim(self)
        _current_claim.set(claim)
        return claim

    # -- Voila's pool (when kernels are preheated) -----------------------------------------

    def attach_to_pool(self) -> None:
        """Wrap Voila's pool: a kernel taken from it is handed over (`hand_over`), and the pool
        is refilled only when there is room under the cap, else later, when there is."""
        take = getattr(self, "get_rendered_notebook", None)
        fill = getattr(self, "fill_if_needed", None)
        if take is None or fill is None:
            return

        async def take_and_hand_over(*args, **kwargs):
            kwargs["extra_kernel_env_variables"] = {}  # the request's own: never to a kernel
            render_task, rendered_cache, kernel_id = await take(*args, **kwargs)
            self.hand_over(kernel_id)
            return render_task, rendered_cache, kernel_id

        def fill_if_room(*args, **kwargs):
            kwargs["extra_kernel_env_variables"] = {}
            _settle_current_claim()  # the kernel just taken from the pool counts as running
            if self.at_cap():
                self._starved_pools.add(kwargs.get("notebook_name"))
                return
            fill(*args, **kwargs)

        self._fill_pool = fill
        self.get_rendered_notebook = take_and_hand_over
        self.fill_if_needed = fill_if_room

    def _top_up_pools(self) -> None:
        for notebook_name in list(self._starved_pools):
            if self.at_cap():
                return
            self._starved_pools.discard(notebook_name)
            self._fill_pool(delay=0, notebook_name=notebook_name)

    # -- who is connected --------------------------------------------------------------------

    def pre_start_kernel(self, *args, **kwargs):
        # jupyter_client registers the kernel as starting right after this, with nothing
        # awaited in between: from then on it is counted there, not by the request's claim.
        _settle_current_claim()
        started = super().pre_start_kernel(*args, **kwargs)
        _attribute_to_current_page(started[2])  # (kernel manager, kernel name, kernel id)
        return started

    async def start_kernel(self, *args, **kwargs):
        if "env" in kwargs:
            kwargs["env"] = without_request_env(kwargs["env"])
        kernel_id = await super().start_kernel(*args, **kwargs)
        self._given_at.setdefault(kernel_id, time.monotonic())
        return kernel_id

    def hand_over(self, kernel_id: str) -> None:
        """A kernel from the pool goes to a visitor: their page has a full timeout to connect.

        Voila shields pooled kernels from the culler, but not one just handed over: a kernel
        that waited longer than `cull_idle_timeout` would otherwise be culled in the moment
        before the visitor's page connects, and the page would never get its widgets.
        """
        self._given_at[kernel_id] = time.monotonic()
        self.get_kernel(kernel_id).last_activity = utcnow()
        _settle_current_claim()
        _attribute_to_current_page(kernel_id)

    def notify_connect(self, kernel_id: str) -> None:
        super().notify_connect(kernel_id)
        self.clients.heard_from(kernel_id, time.monotonic())  # silence counts from here
        self._connected_ever.add(kernel_id)
        self._unconnected_since.pop(kernel_id, None)

    def notify_disconnect(self, kernel_id: str) -> None:
        super().notify_disconnect(kernel_id)
        if kernel_id in self._kernels and not self._kernel_connections.get(kernel_id, 0):
            self._unconnected_since[kernel_id] = time.monotonic()

    def when_ended(self, kernel_id: str, callback: Callable[[], None], *, cancel=False) -> None:
        """Call `callback` when the kernel is shut down (the page's websocket uses this to tell
        the page, which jupyter_server would leave connected to nothing)."""
        if not cancel:
            self._on_end.setdefault(kernel_id, set()).add(callback)
            return
        callbacks = self._on_end.get(kernel_id, set())
        callbacks.discard(callback)
        if not callbacks:
            self._on_end.pop(kernel_id, None)

    async def shutdown_kernel(self, kernel_id: str, *args, **kwargs):
        try:
            return await ensure_async(super().shutdown_kernel(kernel_id, *args, **kwargs))
        finally:
            self._forget(kernel_id)
            for callback in self._on_end.pop(kernel_id, ()):
                try:
                    callback()
                except Exception as error:  # one page's socket must not stop the others
                    self.log.warning("Could not tell a page its kernel ended: %s", error)

    def _forget(self, kernel_id: str) -> None:
        self.clients.forget(kernel_id)
        self._given_at.pop(kernel_id, None)
        self._connected_ever.discard(kernel_id)
        self._unconnected_since.pop(kernel_id, None)

    # -- a page away for a moment ------------------------------------------------------------

    def start_buffering(self, kernel_id, session_key, channels):
        """jupyter_server keeps what the kernel says while its page is away (a dropped
        network), in a list without bound; this keeps at most MAX_BUFFERED_BYTES of it and
        drops the rest, so a page that left without closing cannot grow the server."""
        super().start_buffering(kernel_id, session_key, channels)
        info = self._kernel_buffers.get(kernel_id, {})
        if not self.buffer_offline_messages or "buffer" not in info:
            return
        kept = [0]

        def keep_some(channel, msg_parts):
            size = sum(len(part) for part in msg_parts)
            if kept[0] + size > MAX_BUFFERED_BYTES:
                if not info.get("overflowed"):
                    info["overflowed"] = True
                    self.log.warning(
                        "Kernel %s: its page is away; dropping what it says", kernel_id
                    )
                return
            kept[0] += size
            info["buffer"].append((channel, msg_parts))

        for channel, stream in channels.items():
            stream.on_recv(partial(keep_some, channel))

    # -- ending kernels nobody uses ----------------------------------------------------------

    def initialize_culler(self) -> None:
        super().initialize_culler()
        if self._guard is None:
            interval = self.guard_interval or min(self.cull_interval, 10)
            self._guard = PeriodicCallback(self.end_unused_kernels, 1000 * max(interval, 0.5))
            self._guard.start()

    async def cull_kernel_if_idle(self, kernel_id: str):
        kernel = self._kernels.get(kernel_id)
        # jupyter_server lists a kernel a moment before it marks its activity: a sweep in that
        # moment fails with a traceback in the log. Such a kernel has only just started.
        if kernel is None or not kernel.trait_has_value("last_activity"):
            return None
        return await super().cull_kernel_if_idle(kernel_id)

    def _pooled(self) -> set[str]:
        pooled = set()
        for pool in getattr(self, "_pools", {}).values():
            for task in pool:
                if task.done() and not task.cancelled() and task.exception() is None:
                    pooled.add(task.result().get("kernel_id"))
        return pooled

    def unused_kernels(self, now: float | None = None) -> dict[str, str]:
        """The kernels to end now, each with the reason, in words for the log."""
        now = time.monotonic() if now is None else now
        pooled = self._pooled()
        unused = {}
        for kernel_id in list(self._kernels):
            if kernel_id in pooled or self._kernel_connections.get(kernel_id, 0):
                continue
            if kernel_id not in self._connected_ever:
                given = self._given_at.get(kernel_id)
                if given is not None and now - given > self.page_connect_timeout:
                    unused[kernel_id] = (
                        f"its page never connected within {self.page_connect_timeout:g} s"
                    )
                continue
            gone = self._unconnected_since.get(kernel_id)
            kernel = self._kernels[kernel_id]
            if (
                self.cull_idle_timeout > 0
                and gone is not None
                and kernel.trait_has_value("last_activity")
            ):
                gone_s = now - gone
                silent_s = (utcnow() - kernel.last_activity).total_seconds()
                # A silent one is the idle culler's; this takes the ones that keep talking.
                if gone_s > self.cull_idle_timeout and silent_s <= self.cull_idle_timeout:
                    unused[kernel_id] = (
                        f"no page connected for {int(gone_s)} s, though it is still active"
                    )
        connected = {k for k in self._kernels if self._kernel_connections.get(k, 0)}
        unused.update(self.clients.silent_kernels(connected - pooled, now))
        return unused

    async def dead_kernels(self) -> dict[str, str]:
        """Kernels whose process has ended (killed, or crashed) and is not restarted."""
        pooled = self._pooled()
        dead = {}
        for kernel_id, kernel in list(self._kernels.items()):
            if kernel_id in pooled or not getattr(kernel, "has_kernel", False):
                continue
            try:
                alive = await ensure_async(kernel.is_alive())
            except Exception:  # a kernel being shut down as we ask: the shutdown finishes it
                continue
            if not alive:
                dead[kernel_id] = "its process ended"
        return dead

    async def end_unused_kernels(self) -> None:
        self._top_up_pools()
        ending = self.unused_kernels()
        ending.update(await self.dead_kernels())
        for kernel_id, reason in ending.items():
            if kernel_id not in self._kernels:
                continue
            self.log.warning("Shutting down kernel %s: %s.", kernel_id, reason)
            try:
                await ensure_async(self.shutdown_kernel(kernel_id))
            except Exception as error:  # one failure must not stop the others
                self.log.error("Could not shut down kernel %s: %s", kernel_id, error)
