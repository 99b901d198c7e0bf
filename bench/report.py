"""bench/report.md from the results: every figure next to its reference and its target."""

from __future__ import annotations

from bench import report_visits
from bench.common import KERNEL_PAGES, LANDING_PAGE, SERIES_PAGES
from bench.lighthouse import STATIC_LANDING
from bench.report_format import mb, med_p95, ms, s, score, table, verdict
from bench.tti import REFERENCE

TARGET_LIGHTHOUSE = {"landing desktop": 0.95, "landing mobile": 0.8, "every page desktop": 0.9}
TARGET_CROWD_P95_S = 5.0
TARGET_KERNEL_MB = 90.0
TARGET_TIMER_P95_MS = 100.0


def render(r: dict) -> str:
    out = [
        "# Benchmark: the series for every reader (issue 7)",
        "",
        f"Written by `make bench` (`python -m bench.run`) on {r['date']}. Raw numbers: "
        "`bench/report.json`; logs and Lighthouse reports: `bench/raw/` (not committed).",
        "",
    ]
    out += _machine(r)
    out += _targets(r)
    out += report_visits.targets(r)
    for family, section in (
        ("tti", _tti),
        ("repeat", report_visits.section),
        ("lighthouse", _lighthouse),
        ("tti", _memory),
        ("crowd", _crowd),
        ("crowd", report_visits.workers_section),
        ("timer", _timer),
        ("quiz_link", _quiz_link),
        ("durations", _durations),
    ):
        if family in r:
            out += section(r)
    return "\n".join(out)


def _machine(r: dict) -> list[str]:
    m = r["machine"]
    o = r["options"]
    packages = ", ".join(f"{k} {v}" for k, v in m["packages"].items())
    load = r["load"]
    out = ["## Machine and run", ""]
    out += table(
        ["", ""],
        [
            ["CPU", f"{m['cpu_model']}, {m['cores']} cores"],
            ["memory", f"{m['memory_gib']:.1f} GiB"],
            ["browser", m["chromium"]],
            ["Python", f"{m['python']} ({packages}); Node {m['node']}"],
            [
                "code",
                f"commit {m['commit']}"
                + (" with uncommitted changes" if m["uncommitted_changes"] else ""),
            ],
            ["`make serve` preheats kernels", "yes" if m["serve_preheat"] else "no"],
            [
                "counts",
                f"{o['runs']} cold/static visits and {o['warm_runs']} warm visits per page, "
                f"pool {o['pool_size']} per notebook, {o['lighthouse_runs']} Lighthouse runs "
                f"per page and form factor, {o['visitors']} visitors, "
                f"{o['timer_runs']} timer run(s)" + (" (--quick)" if o["quick"] else ""),
            ],
            ["whole run", f"{r['seconds'] / 60:.1f} min" if "seconds" in r else "unfinished"],
            [
                "load average (1, 5, 15 min)",
                f"before {load['before']}, after {load.get('after', '–')}",
            ],
        ],
    )
    rows = [
        [name, f"{f['seconds'] / 60:.1f} min", str(f["load_start"]), str(f["load_end"])]
        for name, f in r["families"].items()
    ]
    out += table(["measurement", "took", "load average at start", "at end"], rows)
    busy = load["busy_before"] + load.get("busy_after", [])
    if busy:
        out += [
            "Other work was running on the machine around this run (processes using more than "
            "a fifth of a core, sampled before and after it); timings carry its noise:",
            "",
        ]
        out += [f"- `{line}`" for line in busy] + [""]
    else:
        out += ["No other process used more than a fifth of a core before or after the run.", ""]
    return out


def _targets(r: dict) -> list[str]:
    rows = []
    if "tti" in r:
        ref = r["tti"]["cold"]["summary"][REFERENCE]["interactive"]["median"]
        for page in SERIES_PAGES:
            warm = r["tti"]["warm"]["summary"][page]["interactive"]["median"]
            ok = None if ref is None or warm is None else warm < ref / 2
            rows.append(
                [
                    f"warm pool: {page} interactive in under half the cold one-widget "
                    f"reference ({s(ref)} / 2)",
                    f"{s(warm)} (median)",
                    verdict(ok),
                ]
            )
    if "lighthouse" in r:
        summ = r["lighthouse"]["summary"]
        if LANDING_PAGE in summ:
            for form, limit in (("desktop", 0.95), ("mobile", 0.8)):
                value = summ[LANDING_PAGE][form]["performance_score"]["median"]
                rows.append(
                    [
                        f"Lighthouse {form} performance of the landing page ≥ {limit}",
                        f"{value:.2f}",
                        verdict(value >= limit),
                    ]
                )
        for page in SERIES_PAGES:
            if page in summ and page != LANDING_PAGE:
                value = summ[page]["desktop"]["performance_score"]["median"]
                rows.append(
                    [
                        f"Lighthouse desktop performance of {page} ≥ 0.9",
                        f"{value:.2f}",
                        verdict(value >= 0.9),
                    ]
                )
    if "crowd" in r:
        for page, wave in r["crowd"]["pages"].items():
            p95 = wave["interactive"]["p95"]
            all_ok = wave["interactive_count"] == r["crowd"]["visitors"]
            rows.append(
                [
                    f"{r['crowd']['visitors']} visitors on {page}: all interactive, "
                    f"p95 < {TARGET_CROWD_P95_S:.0f} s",
                    f"{wave['interactive_count']}/{r['crowd']['visitors']}, p95 {s(p95)}",
                    verdict(all_ok and p95 is not None and p95 < TARGET_CROWD_P95_S * 1000),
                ]
            )
    if "tti" in r:
        for page in SERIES_PAGES:
            uss = r["tti"]["cold"]["summary"][page]["kernel_uss_mb"]["median"]
            rows.append(
                [
                    f"one visitor's kernel on {page} ≤ {TARGET_KERNEL_MB:.0f} MB (USS)",
                    mb(uss) if page in KERNEL_PAGES else "no kernel (plain HTML)",
                    verdict(uss <= TARGET_KERNEL_MB),
                ]
            )
    if "crowd" in r:
        for page, wave in r["crowd"]["pages"].items():
            added = wave["pss_per_visitor_mb"]
            rows.append(
                [
                    f"{r['crowd']['visitors']} visitors on {page}: server memory added per "
                    f"visitor ≤ {TARGET_KERNEL_MB:.0f} MB (PSS)",
                    mb(added),
                    verdict(added <= TARGET_KERNEL_MB),
                ]
            )
    if "timer" in r:
        p95 = r["timer"]["abs_error_ms"]["p95"]
        rows.append(
            [
                f"timer: p95 of |phase change error| < {TARGET_TIMER_P95_MS:.0f} ms",
                ms(p95),
                verdict(p95 is not None and p95 < TARGET_TIMER_P95_MS),
            ]
        )
    if not rows:
        return []
    return ["## Targets (issue 7)", "", *table(["target", "measured", ""], rows)]


def _tti(r: dict) -> list[str]:
    t = r["tti"]
    cold, warm, static = t["cold"]["summary"], t["warm"]["summary"], t["static"]["summary"]
    out = [
        "## 1. Time to interactive",
        "",
        "Every page as `make serve` serves it: the pages with code by Voila, the pages without "
        f"code ({', '.join(f'`{p}`' for p in SERIES_PAGES if p not in KERNEL_PAGES)}) as "
        "plain HTML without a kernel (`lowback.site.static_page`). "
        "From the start of navigation (the page's `performance.timeOrigin`) to the first "
        "animation frame at which Voila's `#rendered_cells` is visible, every widget-view "
        "output of the notebook has its view on the page (`.jupyter-widgets` directly in an "
        "output area), and, on a page with widgets, a button, select, input or textarea inside "
        "a widget is enabled and has a box. Each visit is a new browser context (a first "
        "visit, empty cache), 1280×900, offline. Cold: a fresh kernel per visit. Warm: "
        f"`--VoilaConfiguration.preheat_kernel=True --VoilaConfiguration.default_pool_size="
        f"{t['warm']['pool_size']}`, each visit once the pool is full and settled again. "
        "Static: the page exported by `jupyter nbconvert --to html --no-input` and served by "
        "`http.server`, interactive at its load event (its CDN scripts fail at once, "
        "offline): the limit. Median / p95 (p95 interpolated; with few runs it is near "
        "the max).",
        "",
    ]
    rows = [
        [
            f"`{page}`",
            med_p95(cold[page]["interactive"]),
            med_p95(warm[page]["interactive"]),
            med_p95(static[page]["interactive"]),
            str(cold[page]["expected_widgets"]),
        ]
        for page in SERIES_PAGES
    ]
    rows.append(
        [f"*{REFERENCE}*", med_p95(cold[REFERENCE]["interactive"]), "", "", "1"],
    )
    out += table(["page", "cold", "warm pool", "static HTML (limit)", "widgets"], rows)
    out += [
        "Where the time goes (medians, ms from navigation start): TTFB is Voila's first byte "
        "(the kernel started), HTML done is when Voila has run every cell and sent the page, "
        "then the browser parses it, loads Voila's scripts, connects to the kernel and draws "
        "the widgets. Long tasks: main-thread tasks over 50 ms up to interactive.",
        "",
    ]
    for name, summ, pages in (
        ("cold", cold, (*SERIES_PAGES, REFERENCE)),
        ("warm", warm, SERIES_PAGES),
    ):
        rows = []
        for page in pages:
            p = summ[page]
            rows.append(
                [
                    f"{name}: `{page}`",
                    *(
                        ms(p[k]["median"])
                        for k in ("ttfb", "html_done", "dom_content_loaded", "load", "rendered")
                    ),
                    ms(p["interactive"]["median"]),
                    ms(p["long_tasks_ms"]["median"]),
                    f"{p['requests']['median']:.0f}",
                    f"{p['transferred_kb']['median']:.0f} / {p['decoded_kb']['median']:.0f}",
                ]
            )
        out += table(
            [
                "visit",
                "TTFB",
                "HTML done",
                "DOMContentLoaded",
                "load",
                "rendered",
                "interactive",
                "long tasks",
                "requests",
                "KB sent / KB unpacked",
            ],
            rows,
        )
    w = t["warm"]
    out += [
        f"The warm pool held {w['pool_kernels']} kernels ({w['pool_size']} per notebook with "
        "code); it "
        f"took {w['pool_fill_s']:.0f} s from the server answering to full and settled, and "
        f"its kernels use {mb(w['pool_memory_mb']['pss'])} PSS "
        f"({mb(w['pool_memory_mb']['rss'])} RSS) before any visitor arrives. Voila refills "
        "the pool one second after a kernel is taken, so a refill competes with the visit "
        "that took it.",
        "",
    ]
    return out


def _lighthouse(r: dict) -> list[str]:
    lh = r["lighthouse"]
    summ = lh["summary"]
    out = [
        "## 2. Lighthouse",
        "",
        f"Lighthouse {lh['version']} (npm, `bench/package.json`), Debian's Chromium headless, "
        "offline, against this machine. Mobile: Lighthouse's default (an emulated mid-range "
        "phone, simulated slow 4G and 4× CPU slowdown); desktop: `--preset=desktop`. Series "
        "pages served as `make serve` serves them; references: the one-widget notebook on the "
        "cold server, and the landing page as static HTML. Median (min–max) of "
        f"{lh['runs']} run(s).",
        "",
    ]
    rows = []
    for page, forms in summ.items():
        d, m = forms["desktop"], forms["mobile"]
        name = f"*{page}*" if page in (REFERENCE, STATIC_LANDING) else f"`{page}`"
        rows.append(
            [
                name,
                score(d["performance_score"]),
                score(m["performance_score"]),
                f"{d['accessibility_score']['median']:.2f} / "
                f"{m['accessibility_score']['median']:.2f}",
                " / ".join(ms(d[k]["median"]) for k in ("fcp_ms", "lcp_ms", "tbt_ms")),
                " / ".join(ms(m[k]["median"]) for k in ("fcp_ms", "lcp_ms", "tbt_ms")),
                f"{(d['bytes']['median'] or 0) / 1024:.0f} KB",
            ]
        )
    out += table(
        [
            "page",
            "desktop perf.",
            "mobile perf.",
            "accessibility (desktop / mobile)",
            "desktop FCP / LCP / TBT",
            "mobile FCP / LCP / TBT",
            "bytes (desktop)",
        ],
        rows,
    )
    rows = [
        [
            f"*{page}*" if page in (REFERENCE, STATIC_LANDING) else f"`{page}`",
            *(
                " / ".join(
                    ms(forms[form][key]["median"])
                    for key in ("main_thread_ms", "script_ms", "voila_script_ms")
                )
                for form in ("desktop", "mobile")
            ),
        ]
        for page, forms in summ.items()
        if "main_thread_ms" in forms["desktop"]
    ]
    if rows:
        out += [
            "What limits the score, measured by Lighthouse in the same runs (medians): time the "
            "main thread was busy up to the end of loading, the part spent running scripts, and "
            "the part of that in Voila's front end (its bundle under `/voila/static/` and the "
            "widget extensions under `/voila/labextensions/`). Total blocking time is the part "
            "of long tasks beyond 50 ms each, so it follows the script time.",
            "",
        ]
        out += table(
            [
                "page",
                "desktop: main thread / scripts / Voila's scripts",
                "mobile: main thread / scripts / Voila's scripts",
            ],
            rows,
        )
    index = [
        rec["benchmark_index"] for forms in lh["raw"].values() for f in forms.values() for rec in f
    ]
    if index:
        out += [
            f"Lighthouse's CPU benchmark index on this machine: {min(index):.0f}–"
            f"{max(index):.0f} (a typical desktop is above 1500).",
            "",
        ]
    return out


def _memory(r: dict) -> list[str]:
    cold = r["tti"]["cold"]["summary"]
    out = [
        "## 3. Memory",
        "",
        "One visitor's kernel: the kernel process a cold visit started, read with psutil "
        "once it had run the notebook and settled (median over the visits). USS is what the "
        "kernel alone holds (freed when it ends): the per-visitor cost; PSS shares shared "
        "pages out; RSS counts them whole.",
        "",
    ]
    rows = [
        [
            f"`{page}`" if page != REFERENCE else f"*{page}*",
            *(
                mb(cold[page][f"kernel_{k}_mb"]["median"])
                if page in (*KERNEL_PAGES, REFERENCE)
                else "no kernel"
                for k in ("uss", "pss", "rss")
            ),
        ]
        for page in (*SERIES_PAGES, REFERENCE)
    ]
    out += table(["page", "USS", "PSS", "RSS"], rows)
    if "crowd" in r:
        c = r["crowd"]
        idle = c["idle_server_memory_mb"]
        out += [
            f"The whole server (Voila and every kernel) with {c['visitors']} visitors on one "
            f"page, read when all were interactive; idle before them: {mb(idle['pss'])} PSS, "
            f"{mb(idle['rss'])} RSS, {c['idle_kernels']} kernel(s).",
            "",
        ]
        rows = [
            [
                f"`{page}`",
                str(w["kernel_memory_mb"]["processes"]),
                mb(w["server_memory_mb"]["pss"]),
                mb(w["server_memory_mb"]["rss"]),
                mb(w["server_memory_mb"]["uss"]),
                mb(w["pss_per_visitor_mb"]),
            ]
            for page, w in c["pages"].items()
        ]
        out += table(
            ["page", "kernels", "PSS total", "RSS total", "USS total", "PSS added per visitor"],
            rows,
        )
    return out


def _crowd(r: dict) -> list[str]:
    c = r["crowd"]
    cold = r["tti"]["cold"]["summary"] if "tti" in r else {}
    out = [
        f"## 4. {c['visitors']} simultaneous first visits",
        "",
        f"One Chromium, {c['visitors']} fresh contexts, all navigations started together "
        "(asyncio.gather) against the server `make serve` runs; time to interactive as in 1, "
        "from each visitor's own navigation start; one wave per page (the landing page and a "
        "widget page by default: `--crowd-pages` picks others). The browser drawing "
        f"{c['visitors']} pages and the server share the machine's cores, where a class "
        "has a device each: the CPU columns say how the wave's CPU time divided between "
        "Voila's own process (one thread: it sends every page and script and relays every "
        "kernel message), the kernels, and the browser. Reference: one cold visit alone "
        "(from 1).",
        "",
    ]
    rows = []
    for page, w in c["pages"].items():
        alone = cold.get(page, {}).get("interactive", {}).get("median")
        cpu = w.get("cpu_s", {})
        rows.append(
            [
                f"`{page}`",
                f"{w['interactive_count']}/{c['visitors']}",
                s(w["interactive"]["median"]),
                s(w["interactive"]["p95"]),
                s(w["interactive"]["max"]),
                " / ".join(s(w.get(k, {}).get("median")) for k in ("ttfb", "html_done", "load")),
                f"{w['wall_s']:.0f} s: "
                + " / ".join(f"{cpu.get(k, 0):.0f}" for k in ("voila", "kernels", "browser")),
                ms(w["navigation_spread_ms"]),
                s(alone),
            ]
        )
    out += table(
        [
            "page",
            "interactive",
            "median",
            "p95",
            "max",
            "TTFB / HTML done / load (medians)",
            "wave: CPU s Voila / kernels / browser",
            "navigation starts spread",
            "one visitor alone",
        ],
        rows,
    )
    errors = [e for w in c["pages"].values() for e in w["errors"]]
    if errors:
        out += ["Visits that failed:", ""] + [f"- {e}" for e in errors[:10]] + [""]
    return out


def _timer(r: dict) -> list[str]:
    t = r["timer"]
    first = t["runs"][0]
    e, a = t["error_ms"], t["abs_error_ms"]
    dosage = "the tests' short dosage" if t["quick"] else "the routine as it opens"
    out = [
        "## 5. Timer accuracy in the browser",
        "",
        f"`03_routine_timer.ipynb` on the server `make serve` runs, {dosage} "
        f"({first['routine']['reps']} reps, {first['to_final_hold_s']:.0f} s to the final "
        "hold), Start clicked once. Shown: when a MutationObserver saw the phase name change "
        "(performance.now(), paint follows within a frame); due: the Start click plus the "
        "phase's `start_s` from `lowback.routine.build_schedule`. Error = shown − due "
        "(positive: late).",
        "",
    ]
    out += table(
        ["phase changes", "median", "p95", "max", "p95 of |error|", "missed"],
        [[str(e["n"]), ms(e["median"]), ms(e["p95"]), ms(e["max"]), ms(a["p95"]), t["missed"]]],
    )
    return out


def _durations(r: dict) -> list[str]:
    d = r["durations"]
    f, t = d["fresh_serve"], d["make_test"]
    out = ["## 6. Durations", ""]
    if t.get("skipped"):
        test = ["`make test`", "skipped (`--skip-make-test`, `--quick` or BENCH_SKIP_MAKE_TEST)"]
    else:
        test = [
            "`make test`",
            f"{t['seconds'] / 60:.1f} min, exit code {t['exit_code']}: {t['summary']}",
        ]
    pip = f["pip"]
    local = [line for line in pip["configured_sources"] if "file:" in line or "=/" in line]
    if local:
        source = (
            f"pip's cache held {pip['cache_mb']:.0f} MB, but pip's configuration here adds "
            f"local package sources on disk ({'; '.join(local)}) that hold the pinned stack, "
            "so this is a set-up with wheels on disk: a machine without them downloads the stack"
        )
    else:
        source = (
            f"pip's cache held {pip['cache_mb']:.0f} MB; what it lacked was downloaded, "
            "so a machine with a full cache is faster"
        )
    if "answering_s" in f:
        serve = (
            f"{f['answering_s']:.0f} s to the first HTTP answer (clone {f['clone_s']:.1f} s, "
            f".venv ready at {f.get('setup_s', 0):.0f} s), commit {f['commit']}; {source}"
        )
    else:
        serve = f"failed: {f.get('error')}"
    out += table(["", ""], [test, ["fresh `git clone` + `make serve`", serve]])
    return out


def _quiz_link(r: dict) -> list[str]:
    q = r["quiz_link"]
    net = q["network"]
    out = [
        "## 5b. From the quiz link to the first answer, on a slow phone (issue 24)",
        "",
        f"An iPhone SE ({q['viewport']['width']}×{q['viewport']['height']}, touch) opens the "
        f"landing page over slow 4G ({net['latency']:.0f} ms latency, "
        f"{net['downloadThroughput'] * 8 / 1e6:.2f} Mbit/s down) with the CPU "
        f"{q['cpu_slowdown']}× slower (Chromium's throttling), and taps \"Start the 3-minute "
        'safety quiz". From that tap: words, the quiz heading the link lands on is on the '
        "screen; first answer, the quiz's first select is enabled and on the screen. Served "
        "as `make serve` serves it (a warm kernel pool). A report, never a test "
        "(`bench/quiz_link.py`).",
        "",
    ]
    rows = []
    for key, words in (("words", "words visible"), ("first_answer", "first answer tappable")):
        stats = q["summary"][key]
        target = q["targets_s"][key]
        rows.append(
            [words, str(stats["n"]), s(stats["median"]), s(stats["max"]), f"under {target:.1f} s"]
        )
    out += table(["", "visits", "median", "max", "aim"], rows)
    if q["errors"]:
        out += ["Visits that failed:", ""] + [f"- {e}" for e in q["errors"]] + [""]
    return out
