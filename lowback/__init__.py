"""Everything the low back pain notebooks compute: pure rules, drawings and thin widget views."""

__version__ = "0.1.0"
