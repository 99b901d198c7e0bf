"""The real parts the tests and the benchmark both drive: a Voila server of the series (alone, or
as workers behind nginx), Debian's Chromium, nginx, and a client of a page's kernel websocket.

tests/browser and bench/ import it from the repository's root; it is not shipped with lowback
(pyproject.toml's package list names only lowback), and it imports neither of them.
"""
