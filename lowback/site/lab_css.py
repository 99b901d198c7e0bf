"""The part of nbconvert's JupyterLab stylesheets that the light pages can use, in one file.

Every Voila page links nbconvert's `lab/static/index.css`: 240 kB, 55 kB compressed, the whole
of JupyterLab's look (file browser, dialogs, menus, command palette, 300 icons as data: URLs)
for pages that show a notebook's cells and widgets. It blocks the first paint, and shares a
slow phone line with the page's module (docs/speed.md). The light page links this file's
output instead: the same rules in the same order, less

- a rule none of whose selectors can match: one naming a class that nothing the page is made of
  can write (the notebooks, the series' code, templates and scripts, nbconvert's and Voila's
  page templates, the light front end's module), and
- a custom property (`--name`) that no kept rule, no other stylesheet of the page and none of
  those files asks for, once those rules are gone (the icons' data: URLs among them).

A class written in pieces (`"jp-mod-" + state`) is kept by its first piece; a class inside
`:not(...)` (or any other functional pseudo-class) need not be written at all. The file is made by
`python -m lowback.site.lab_css` and committed; tests/site/test_lab_css.py makes it again and
compares, and tests/browser/test_lab_css.py shows each page with either stylesheet and compares
the pictures.

nbconvert's light theme (`theme-light.css`: the colours those rules ask for), linked right after
it, comes at the end of the same file, less the colours nothing asks for: one request less at
the start of the page,
where a phone's browser has only six connections to the server and each more request waits
for a round trip.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from jupyter_core.paths import jupyter_path

from lowback.paths import REPO_ROOT
from lowback.site.static_page import TEMPLATES_DIR

OUTPUT = TEMPLATES_DIR / "voila_page" / "static" / "lab-index.css"
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
CLASS = re.compile(r"\.(-?[A-Za-z_][A-Za-z0-9_-]*)")
FUNCTIONAL = re.compile(r":[A-Za-z-]+\([^()]*\)")
VARIABLE_USE = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")
# At-rules whose block holds rules (filtered); any other block (@font-face, @keyframes) is kept.
# Where the light theme starts in the joined stylesheet (a statement no browser knows).
THEME_MARK = "@lowback-theme-light"
GROUPING = ("@media", "@supports", "@container", "@layer")


def lab_file(*parts: str) -> Path:
    """A file of nbconvert's (or Voila's) installed templates."""
    for root in jupyter_path(*parts[:-1]):
        path = Path(root, parts[-1])
        if path.is_file():
            return path
    raise FileNotFoundError("/".join(parts))


def lab_stylesheet() -> Path:
    return lab_file("nbconvert", "templates", "lab", "static", "index.css")


def lab_theme() -> Path:
    return lab_file("nbconvert", "templates", "lab", "static", "theme-light.css")


def whole_lab_css() -> str:
    """What the lab template links: its stylesheet, then its light theme."""
    return "\n".join(p.read_text(encoding="utf-8") for p in (lab_stylesheet(), lab_theme()))


def corpus_files() -> list[Path]:
    """Everything that writes the light pages' markup and classes."""
    found: set[Path] = set()
    patterns = {
        REPO_ROOT / "notebooks": ("*.ipynb",),
        REPO_ROOT / "lowback": ("**/*.py", "**/*.js", "**/*.j2", "**/*.css", "**/*.html"),
    }
    for folder, globs in patterns.items():
        for pattern in globs:
            found.update(p for p in folder.glob(pattern) if "node_modules" not in p.parts)
    found.discard(OUTPUT)
    for template in ("base", "lab"):
        for tool in ("nbconvert", "voila"):
            for root in jupyter_path(tool, "templates", template):
                found.update(Path(root).glob("*.j2"))
                found.update(Path(root).glob("*.html"))
    found.add(lab_theme())
    return sorted(found)


def blocks(css: str) -> Iterator[tuple[str, str | None]]:
    """Top-level (prelude, body) pairs; body is None for a statement such as @import."""
    i, start, n = 0, 0, len(css)
    while i < n:
        c = css[i]
        if css.startswith("/*", i):
            i = css.find("*/", i + 2)
            i = n if i < 0 else i + 2
            continue
        if c in "\"'":
            end = css.find(c, i + 1)
            i = n if end < 0 else end + 1
            continue
        if c == ";":
            yield css[start:i].strip(), None
            i += 1
            start = i
            continue
        if c == "{":
            depth, j = 1, i + 1
            while j < n and depth:
                if css.startswith("/*", j):
                    j = css.find("*/", j + 2)
                    j = n if j < 0 else j + 2
                    continue
                if css[j] in "\"'":
                    end = css.find(css[j], j + 1)
                    j = n if end < 0 else end + 1
                    continue
                depth += {"{": 1, "}": -1}.get(css[j], 0)
                j += 1
            yield css[start:i].strip(), css[i + 1 : j - 1]
            i = start = j
            continue
        i += 1


def without_comments(text: str) -> str:
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


def split_selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside :is(...) and the like)."""
    parts, depth, current = [], 0, []
    for c in prelude:
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        if c == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(c)
    parts.append("".join(current).strip())
    return [p for p in parts if p]


class Written:
    """The words the page's sources hold: may a class be written by them?"""

    def __init__(self, texts: Iterable[str]) -> None:
        self.words: set[str] = set()
        for text in texts:
            self.words.update(WORD.findall(text))
        self.prefixes = sorted(w for w in self.words if w.endswith("-"))

    def may_write(self, name: str) -> bool:
        return name in self.words or any(name.startswith(p) for p in self.prefixes)

    def may_match(self, selector: str) -> bool:
        # Classes inside :not(...), :is(...) and the like need not be there for a match.
        while True:
            plain = FUNCTIONAL.sub("", selector)
            if plain == selector:
                break
            selector = plain
        return all(self.may_write(name) for name in CLASS.findall(selector))


def kept_rules(css: str, written: Written) -> str:
    out: list[str] = []
    for prelude, body in blocks(css):
        prelude = without_comments(prelude).strip()
        if body is None:
            if prelude:
                out.append(f"{prelude};")
            continue
        if prelude.startswith("@"):
            if prelude.startswith(GROUPING):
                inner = kept_rules(body, written)
                if inner.strip():
                    out.append(f"{prelude}{{{inner}}}")
            else:
                out.append(f"{prelude}{{{body}}}")
            continue
        selectors = [s for s in split_selectors(prelude) if written.may_match(s)]
        if selectors:
            out.append(f"{','.join(selectors)}{{{without_comments(body).strip()}}}")
    return "\n".join(out)


def declarations(body: str) -> list[str]:
    """A rule's declarations, split at top-level semicolons (not inside url(...) or strings)."""
    parts, depth, current, quote = [], 0, [], ""
    for c in body:
        if quote:
            quote = "" if c == quote else quote
        elif c in "\"'":
            quote = c
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        if c == ";" and depth == 0 and not quote:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(c)
    parts.append("".join(current).strip())
    return [p for p in parts if p]


def without_unused_variables(css: str, elsewhere: str) -> str:
    """`css` less the custom properties that nothing asks for, until none is left to drop."""
    while True:
        used = set(VARIABLE_USE.findall(css)) | set(VARIABLE_USE.findall(elsewhere))
        leaner = drop_variables(css, used)
        if leaner == css:
            return css
        css = leaner


def drop_variables(css: str, used: set[str]) -> str:
    out: list[str] = []
    for prelude, body in blocks(css):
        if body is None:
            out.append(f"{prelude};")
        elif prelude.startswith(GROUPING):
            inner = drop_variables(body, used)
            if inner.strip():
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            out.append(f"{prelude}{{{body}}}")
        else:
            kept = [
                d
                for d in declarations(body)
                if not d.startswith("--") or d.split(":", 1)[0].strip() in used
            ]
            if kept:
                out.append(f"{prelude}{{{';'.join(kept)}}}")
    return "\n".join(out)


def used_lab_css() -> str:
    """This module's output, made from the installed nbconvert and the repository now."""
    source = lab_stylesheet().read_text(encoding="utf-8")
    theme = lab_theme().read_text(encoding="utf-8")
    files = corpus_files()
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    # Both files' custom properties at once: one of either may ask for one of the other. What
    # else may ask for one is everything but these two stylesheets themselves.
    others = "\n".join(t for p, t in zip(files, texts, strict=True) if p != lab_theme())
    both = f"{kept_rules(source, Written(texts))}\n{THEME_MARK};\n{theme}"
    kept, theme = without_unused_variables(both, others).split(f"{THEME_MARK};")
    digests = ", ".join(
        f"{name} sha256 {hashlib.sha256(text.encode()).hexdigest()[:16]}..."
        for name, text in (("index.css", source), ("theme-light.css", theme))
    )
    return (
        f"/* nbconvert's lab/static/index.css, then its theme-light.css, each only what the light "
        f"pages can use ({digests}): made by `python -m lowback.site.lab_css` "
        "(lowback/site/lab_css.py). */\n"
        f"{kept.strip()}\n{theme.strip()}\n"
    )


def main() -> int:
    OUTPUT.write_text(used_lab_css(), encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(REPO_ROOT)} ({OUTPUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
