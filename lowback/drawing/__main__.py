"""``python -m lowback.drawing``: write every figure and picture (lowback.drawing.figures)."""

from lowback.drawing.figures import main

raise SystemExit(main())
