"""The part of bench/report.md about issue 16: first and repeat visits per front end, the server's
CPU per first visit, and the issue's targets next to what was measured."""

from __future__ import annotations

from bench.common import KERNEL_PAGES
from bench.report_format import s, table, verdict

TARGET_WARM_DESKTOP_S = 0.9
TARGET_REPEAT_S = 0.6
TARGET_LIGHTHOUSE_WIDGET = {"desktop": 0.9, "mobile": 0.7}
TARGET_CPU_PER_VISIT_S = 1.0
TARGET_CROWD_P95_S = 10.0
# What tells bench.crowd_protocol's waves from the browsers' in the targets.
PROTOCOL_LABEL = "server only (Python clients, no browsers)"


def _median(stats: dict | None) -> float | None:
    return None if not stats else stats.get("median")


def targets(r: dict) -> list[str]:
    rows = []
    summary = r.get("repeat", {}).get("summary", {})
    reference = None
    if "tti" in r:
        from bench.tti import REFERENCE

        reference = _median(r["tti"]["cold"]["summary"][REFERENCE]["interactive"])
    for frontend, by_profile in summary.items():
        for page, v in by_profile.get("desktop", {}).items():
            value = _median(v["first_interactive"])
            limit = TARGET_WARM_DESKTOP_S * 1000
            if reference is not None:
                limit = min(limit, reference / 2)
            rows.append(
                [
                    f"{frontend}: {page} interactive warm on desktop < "
                    f"{TARGET_WARM_DESKTOP_S} s"
                    + (f" and < half the one-widget reference ({s(reference)})" * bool(reference)),
                    s(value),
                    verdict(None if value is None else value < limit),
                ]
            )
        for page, v in by_profile.get("desktop-100ms", {}).items():
            value = _median(v["repeat_interactive"])
            rows.append(
                [
                    f"{frontend}: {page} repeat visit at 100 ms round trip < {TARGET_REPEAT_S} s",
                    s(value),
                    verdict(None if value is None else value < TARGET_REPEAT_S * 1000),
                ]
            )
        for page, v in by_profile.get("desktop", {}).items():
            cpu = (_median(v["voila_cpu_s"]) or 0) + (_median(v["kernel_cpu_s"]) or 0)
            rows.append(
                [
                    f"{frontend}: server CPU per first visit to {page} ≤ "
                    f"{TARGET_CPU_PER_VISIT_S:.1f} s (Voila + kernel)",
                    f"{cpu:.2f} s ({_median(v['voila_cpu_s']):.2f} + "
                    f"{_median(v['kernel_cpu_s']):.2f})",
                    verdict(cpu <= TARGET_CPU_PER_VISIT_S),
                ]
            )
    lighthouse = r.get("lighthouse", {}).get("summary", {})
    for page in KERNEL_PAGES:
        for form, limit in TARGET_LIGHTHOUSE_WIDGET.items():
            value = _median(lighthouse.get(page, {}).get(form, {}).get("performance_score"))
            if value is not None:
                rows.append(
                    [
                        f"Lighthouse {form} performance of {page} ≥ {limit}",
                        f"{value:.2f}",
                        verdict(value >= limit),
                    ]
                )
    for label, wave in _crowd_waves(r):
        p95 = _median({"median": wave["interactive"]["p95"]})
        everyone = wave["interactive_count"] == wave.get("visitors", r["crowd"]["visitors"])
        rows.append(
            [
                f"{label}: all interactive, p95 < {TARGET_CROWD_P95_S:.0f} s",
                f"{wave['interactive_count']}/{wave.get('visitors', r['crowd']['visitors'])}, "
                f"p95 {s(p95)}",
                verdict(everyone and p95 is not None and p95 < TARGET_CROWD_P95_S * 1000),
            ]
        )
    if not rows:
        return []
    return [
        "## Targets (issue 16: a lighter page, cached assets, every core)",
        "",
        *table(["target", "measured (median)", ""], rows),
    ]


def _crowd_waves(r: dict) -> list[tuple[str, dict]]:
    """(label, wave) for every crowd wave on a widget page, by number of Voila processes: the
    browsers' waves, then the same made by Python clients (bench.crowd_protocol)."""
    crowd = r.get("crowd")
    if not crowd:
        return []
    waves = []
    by_clients = (
        ("", crowd.get("by_workers", {"1": crowd["pages"]})),
        (", " + PROTOCOL_LABEL, crowd.get("protocol_by_workers", {})),
    )
    for suffix, by_workers in by_clients:
        for workers, pages in by_workers.items():
            for page, wave in pages.items():
                if page in KERNEL_PAGES:
                    visitors = wave.get("visitors", crowd["visitors"])
                    label = f"{visitors} first visits to {page}, {workers} Voila process"
                    waves.append((label + ("es" if str(workers) != "1" else "") + suffix, wave))
    return waves


def section(r: dict) -> list[str]:
    rep = r["repeat"]
    out = [
        "## First and repeat visits, and the server's CPU per visit (issue 16)",
        "",
        "A warm kernel pool (voila.json, pool of "
        f"{r['options'].get('pool_size', '?')} per notebook). Per visit: a new browser context "
        "(empty cache) for the first visit, timed to interactive as in 1; the server left to "
        "settle (the visitor's kernel idle, the pool refilled) and the CPU seconds of Voila's "
        "process and "
        "of the kernels since just before the visit: one first visit's cost to the server. Then "
        "the first tab closed and a new tab in the same context: the repeat visit, with the "
        "scripts and stylesheets it fetched over the network (Chromium's record; from its cache "
        "is not a fetch). Profiles: "
        + "; ".join(
            f"`{name}`: {p['latency_ms']} ms added per round trip, CPU ×{p['cpu_slowdown']} slower"
            for name, p in rep["profiles"].items()
        )
        + ".",
        "",
    ]
    rows = []
    for frontend, by_profile in rep["summary"].items():
        for profile, by_page in by_profile.items():
            for page, v in by_page.items():
                rows.append(
                    [
                        frontend,
                        profile,
                        f"`{page}`",
                        s(_median(v["first_interactive"])),
                        f"{_median(v['first_requests']):.0f} / "
                        f"{_median(v['first_kb']) or 0:.0f} kB",
                        s(_median(v["repeat_interactive"])),
                        f"{_median(v['repeat_requests']):.0f} / {_median(v['repeat_assets']):.0f}",
                        f"{_median(v['voila_cpu_s']):.2f} / {_median(v['kernel_cpu_s']):.2f}",
                    ]
                )
    out += table(
        [
            "front end",
            "profile",
            "page",
            "first visit: interactive",
            "first: requests / transferred",
            "repeat visit: interactive",
            "repeat: requests / scripts+styles fetched",
            "server CPU s per first visit: Voila / kernels",
        ],
        rows,
    )
    return out


def workers_section(r: dict) -> list[str]:
    """The crowd's widget-page waves side by side: Voila alone and N processes behind the front;
    then the same waves made by Python clients, the server's own share."""
    by_workers = r.get("crowd", {}).get("by_workers", {})
    protocol = _protocol_lines(r)
    if len(by_workers) < 2:
        return ["## The same crowd without browsers (issue 16)", "", *protocol] if protocol else []
    return ["## The same crowd with every core (issue 16)", "", *_browser_lines(r), *protocol]


def _browser_lines(r: dict) -> list[str]:
    """The browsers' waves (bench.crowd): what a class sees, drawing included."""
    by_workers = r["crowd"]["by_workers"]
    out = [
        "The widget-page wave of 4 again, on `make serve-scaled WORKERS=n`: n Voila processes "
        "behind nginx. Per visit CPU seconds of the front (nginx), the Voila processes and the "
        "kernels; the browsers share the same cores.",
        "",
    ]
    rows = []
    for workers, pages in by_workers.items():
        for page, w in pages.items():
            cpu = w.get("cpu_per_visit_s") or {
                k: v / r["crowd"]["visitors"] for k, v in w.get("cpu_s", {}).items()
            }
            rows.append(
                [
                    workers,
                    f"`{page}`",
                    f"{w['interactive_count']}/{r['crowd']['visitors']}",
                    s(w["interactive"]["median"]),
                    s(w["interactive"]["p95"]),
                    " / ".join(
                        f"{cpu.get(k, 0):.2f}" for k in ("front", "voila", "kernels", "browser")
                    ),
                ]
            )
    out += table(
        [
            "Voila processes",
            "page",
            "interactive",
            "median",
            "p95",
            "CPU s per visit: front / Voila / kernels / browser",
        ],
        rows,
    )
    return out


def _protocol_lines(r: dict) -> list[str]:
    """The waves of bench.crowd_protocol: Python clients doing what the page does over the
    network (page, scripts and styles, kernel socket, widget states), drawing nothing."""
    by_workers = r.get("crowd", {}).get("protocol_by_workers", {})
    if not by_workers:
        return []
    rows = []
    for workers, pages in by_workers.items():
        for page, w in pages.items():
            cpu = w["cpu_per_visit_s"]
            rows.append(
                [
                    workers,
                    f"`{page}`",
                    f"{w['interactive_count']}/{w['visitors']}",
                    s(w["interactive"]["median"]),
                    s(w["interactive"]["p95"]),
                    " / ".join(f"{cpu.get(k, 0):.2f}" for k in ("front", "voila", "kernels")),
                    f"{cpu.get('clients', 0):.2f}",
                ]
            )
    return [
        "The same widget-page waves made by Python clients instead of browsers "
        "(bench/crowd_protocol.py): each fetches the page, its scripts and stylesheets, opens "
        "the kernel's websocket and waits for the widgets' states, as the page does, and "
        "draws nothing. This is the server's own capacity, without the CPU of the "
        f"{r['crowd']['visitors']} browsers that the browser wave includes on this "
        f"{r.get('machine', {}).get('cores', '?')}-core machine.",
        "",
        *table(
            [
                "Voila processes",
                "page",
                "interactive",
                "median",
                "p95",
                "server CPU s per visit: front / Voila / kernels",
                "clients' CPU s per visit",
            ],
            rows,
        ),
    ]
