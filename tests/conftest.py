"""Shared pytest settings for the whole suite."""

# Notebooks that only the tests serve (a page that fails on purpose) are not series notebooks:
# nbval must not run them.
collect_ignore_glob = ["fixtures/*"]
