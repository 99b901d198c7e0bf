"""How bench/report.md writes a figure, a verdict and a table: shared by bench/report.py and
bench/report_visits.py, which import this and not each other's helpers."""

from __future__ import annotations


def s(ms: float | None) -> str:
    return "–" if ms is None else f"{ms / 1000:.2f} s"


def ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} ms"


def mb(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} MB"


def score(stats: dict) -> str:
    if stats["median"] is None:
        return "–"
    if stats["n"] == 1:
        return f"{stats['median']:.2f}"
    return f"{stats['median']:.2f} ({stats['min']:.2f}–{stats['max']:.2f})"


def med_p95(stats: dict, fmt=s) -> str:
    if stats["median"] is None:
        return "–"
    return f"{fmt(stats['median'])} / {fmt(stats['p95'])}"


def verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("**met**" if ok else "**not met**")


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines + [""]
