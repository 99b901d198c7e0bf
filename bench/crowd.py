"""A class of 30 opening a page at once, and the whole server's memory while they are on it.

The server is the one `make serve` runs (voila.json as it stands): one Voila process, or with
`workers` given, that many Voila processes behind nginx (`make serve-scaled WORKERS=n`,
deploy/nginx/serve_scaled.py, its limits per address left out: every visitor here is 127.0.0.1);
then the CPU time of nginx (reported as the "front") is measured too, per visitor, beside the
workers'. From the command line, for one such run without the rest of the bench:

    python -m bench.crowd --workers 2 --visitors 30 --pages 02_screening_quiz.ipynb

prints p50/p95 time to interactive and the CPU per visit, and writes bench/raw/crowd-*.json.
For each page measured,
one Chromium opens `visitors` fresh contexts (empty caches: first visits), installs the probe
in each, and starts every navigation together (asyncio.gather); each visitor's time to
interactive runs from its own navigation start. When all are interactive (or have failed),
the memory of Voila and all its kernels is read, and the CPU time that Voila's own process,
its kernels and the browser used during the wave; then every visitor leaves and the server
settles before the next page. Browser and server share this machine's 2 cores, so the figures
include 30 pages being drawn at once, which a real class does on 30 devices.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import time

import psutil
from playwright.async_api import async_playwright

from bench.common import (
    BROWSER_ARGS,
    COLLECT_JS,
    INTERACTIVE_JS,
    KERNEL_ID_JS,
    PAGE_TIMEOUT_MS,
    PROBE_JS,
    RAW_DIR,
    VIEWPORT,
    cpu_seconds,
    kernels,
    memory_mb,
    shutdown_kernel,
    summary,
    tree,
    voila_server,
    wait_until_idle,
)
from harness.chromium import CHROMIUM
from harness.scaled_server import ScaledServer


async def _first_visit(page, url: str) -> dict:
    try:
        await page.goto(url, wait_until="commit", timeout=PAGE_TIMEOUT_MS)
        await page.wait_for_function(INTERACTIVE_JS, polling=100, timeout=PAGE_TIMEOUT_MS)
        return await page.evaluate(COLLECT_JS)
    except Exception as error:  # one visitor's failure is a result, not the end of the wave
        return {"error": f"{type(error).__name__}: {str(error).splitlines()[0]}"}


def _role(process: psutil.Process) -> str:
    """What a process of the server's tree is: the front (nginx and the script that started
    it), a Voila process, or a kernel."""
    try:
        command = " ".join(process.cmdline())
    except psutil.Error:
        return "kernels"
    if process.name() == "nginx" or "serve_scaled.py" in command:
        return "front"
    return "voila" if "lowback.site.serve" in command else "kernels"


def _cpu_by_pid(server) -> dict[str, dict[int, float]]:
    """CPU seconds so far of the front (if any), of the Voila processes, of their kernels, and
    of everything else this bench started (the browser), per process."""
    server_tree = tree(server)
    served = {process.pid for process in server_tree}
    browser = [p for p in psutil.Process().children(recursive=True) if p.pid not in served]
    groups: dict[str, list] = {"front": [], "voila": [], "kernels": [], "browser": browser}
    for process in server_tree:
        groups[_role(process)].append(process)
    return {name: {p.pid: cpu_seconds([p]) for p in procs} for name, procs in groups.items()}


def _cpu_used(before: dict, after: dict) -> dict[str, float]:
    return {
        name: sum(seconds - before[name].get(pid, 0.0) for pid, seconds in after[name].items())
        for name in after
    }


async def _wave(url: str, visitors: int, server) -> dict:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        contexts = [await browser.new_context(viewport=VIEWPORT) for _ in range(visitors)]
        pages = []
        for context in contexts:
            await context.add_init_script(PROBE_JS)
            pages.append(await context.new_page())
        cpu_before = _cpu_by_pid(server)
        started = time.monotonic()
        results = await asyncio.gather(*(_first_visit(page, url) for page in pages))
        wall_s = time.monotonic() - started
        cpu_s = _cpu_used(cpu_before, _cpu_by_pid(server))
        memory = memory_mb(tree(server))
        kernel_memory = memory_mb(kernels(server))
        kernel_ids = []
        for context, page in zip(contexts, pages, strict=True):
            if page.url.startswith("http"):
                with contextlib.suppress(Exception):  # a page that never loaded has none
                    kernel_ids.append(await page.evaluate(KERNEL_ID_JS))
            await page.goto("about:blank")
            await context.close()
        await browser.close()
    for kernel_id in filter(None, kernel_ids):
        shutdown_kernel(url, kernel_id)
    origins = [r["time_origin"] for r in results if "time_origin" in r]
    return {
        "results": results,
        "wall_s": wall_s,
        "cpu_s": cpu_s,
        "navigation_spread_ms": max(origins) - min(origins) if origins else None,
        "server_memory_mb": memory,
        "kernel_memory_mb": kernel_memory,
    }


@contextlib.contextmanager
def _server(workers: int | None):
    """`make serve`'s server, Voila alone; or `make serve-scaled`'s, `workers` of them behind
    nginx."""
    if workers is None:
        with voila_server("crowd") as server:
            yield server
        return
    RAW_DIR.mkdir(parents=True, exist_ok=True)
    log = RAW_DIR / f"scaled-crowd-{workers}.log"
    server = ScaledServer(log, workers, ("--no-address-limits",))
    try:
        yield server
    finally:
        server.stop()


def run(pages: list[str], visitors: int, workers: int | None = None) -> dict:
    """Each page opened by `visitors` at once; `workers`: Voila processes behind nginx (None:
    Voila alone, as `make serve`)."""
    out = {"visitors": visitors, "workers": workers, "pages": {}}
    with _server(workers) as server:
        wait_until_idle(server)
        baseline = memory_mb(tree(server))
        baseline_kernels = len(kernels(server))
        out["idle_server_memory_mb"] = baseline
        out["idle_kernels"] = baseline_kernels
        for page in pages:
            wait_until_idle(server, kernel_count=baseline_kernels)
            wave = asyncio.run(_wave(server.page_url(page), visitors, server))
            ok = [r for r in wave["results"] if "interactive" in r]
            wave["interactive_count"] = len(ok)
            wave["errors"] = [r["error"] for r in wave["results"] if "error" in r]
            for key in ("interactive", "ttfb", "html_done", "load", "rendered"):
                wave[key] = summary([r.get(key) for r in ok])
            added = wave["server_memory_mb"]["pss"] - baseline["pss"]
            wave["pss_per_visitor_mb"] = added / visitors
            wave["cpu_per_visit_s"] = {
                name: seconds / visitors for name, seconds in wave["cpu_s"].items()
            }
            out["pages"][page] = wave
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.crowd", description=__doc__)
    parser.add_argument("--workers", type=int, help="Voila processes behind nginx")
    parser.add_argument("--visitors", type=int, default=30)
    parser.add_argument("--pages", default="02_screening_quiz.ipynb", help="comma-separated")
    args = parser.parse_args(argv)
    result = run([p for p in args.pages.split(",") if p], args.visitors, args.workers)
    name = f"crowd-workers-{args.workers}" if args.workers else "crowd-alone"
    RAW_DIR.mkdir(parents=True, exist_ok=True)
    (RAW_DIR / f"{name}.json").write_text(json.dumps(result, indent=1, default=str))
    for page, wave in result["pages"].items():
        tti = wave["interactive"]
        cpu = wave["cpu_per_visit_s"]
        print(
            f"{name} {page}: {wave['interactive_count']}/{args.visitors} interactive, "
            f"TTI p50 {tti['median'] or 0:.0f} ms, p95 {tti['p95'] or 0:.0f} ms, "
            f"wall {wave['wall_s']:.1f} s; CPU per visit: front {cpu['front']:.3f} s, "
            f"Voila {cpu['voila']:.3f} s, kernels {cpu['kernels']:.3f} s, "
            f"browser {cpu['browser']:.3f} s; errors {wave['errors'][:3]}"
        )


if __name__ == "__main__":
    main()
