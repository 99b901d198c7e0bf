"""lowback.site.clients: what one client address may take of the server, with time passed in."""

from __future__ import annotations

from lowback.site.clients import MAX_CLIENTS_REMEMBERED, ClientLedger


def test_a_client_holds_at_most_its_share_of_kernels_and_others_are_unaffected():
    ledger = ClientLedger(max_kernels_per_client=2, pages_per_minute=0)
    for n in range(2):
        assert ledger.ask_for_page("10.0.0.1", 0) is None
        ledger.attribute(f"k{n}", "10.0.0.1", 0)
    refusal = ledger.ask_for_page("10.0.0.1", 0)
    assert refusal is not None and "2 pages already open" in refusal.reason
    assert ledger.ask_for_page("10.0.0.2", 0) is None
    ledger.forget("k0")
    assert ledger.ask_for_page("10.0.0.1", 0) is None


def test_a_request_still_being_served_counts_until_it_gets_its_kernel_or_ends():
    ledger = ClientLedger(max_kernels_per_client=1, pages_per_minute=0)
    assert ledger.ask_for_page("a", 0) is None
    assert ledger.ask_for_page("a", 0) is not None  # the first is still starting its kernel
    ledger.release("a")
    assert ledger.ask_for_page("a", 0) is None


def test_pages_asked_for_too_fast_are_refused_until_the_bucket_refills():
    ledger = ClientLedger(max_kernels_per_client=0, pages_per_minute=6)
    assert all(ledger.ask_for_page("a", 0) is None for _ in range(6))
    refusal = ledger.ask_for_page("a", 0)
    assert refusal is not None and refusal.retry_after_s >= 1
    assert ledger.ask_for_page("a", 10) is None  # 10 s at 6 a minute: one more


def test_a_connected_page_silent_past_the_timeout_is_named_and_one_that_spoke_is_not():
    ledger = ClientLedger(connected_idle_timeout=60)
    ledger.ask_for_page("a", 0)
    ledger.attribute("quiet", "a", 0)
    ledger.ask_for_page("a", 0)
    ledger.attribute("talking", "a", 0)
    ledger.heard_from("talking", 50)
    silent = ledger.silent_kernels({"quiet", "talking"}, 100)
    assert set(silent) == {"quiet"} and "sent nothing for 100 s" in silent["quiet"]
    assert ledger.silent_kernels(set(), 100) == {}  # not connected: the other rules' job


def test_an_unknown_client_address_is_never_limited():
    ledger = ClientLedger(max_kernels_per_client=1, pages_per_minute=1)
    assert all(ledger.ask_for_page("", 0) is None for _ in range(5))


def test_a_flood_of_addresses_cannot_grow_the_ledger_without_bound():
    ledger = ClientLedger(max_kernels_per_client=0, pages_per_minute=10)
    for n in range(MAX_CLIENTS_REMEMBERED + 500):
        ledger.ask_for_page(f"10.{n // 65536}.{n // 256 % 256}.{n % 256}", n)
        ledger.release(f"10.{n // 65536}.{n // 256 % 256}.{n % 256}")
    assert len(ledger._buckets) == MAX_CLIENTS_REMEMBERED
