"""The series' drawings, in Matplotlib, and the pictures pages show.

- ``catalogue``: what each figure and frame is, in words (names, layers, alt texts); no drawing.
- ``pictures``: the pre-drawn pictures as pages and notebook cells show them; no Matplotlib.
- ``helpers``: palette, smooth paths, fans, primitives and reproducible PNG output.
- ``landmarks``: the posterior view's geometry; ``pelvis``, ``gluteus_medius``,
  ``referred_pain``, ``stance``: one figure (or pair) each; ``frames``: the routine's frames,
  drawn into a ``frame_scene``.
- ``phone`` and ``phone_frames``: the figures and the frames laid out for a phone (fewer, larger
  labels above and below the drawing).
- ``figures``: every figure by name, and ``python -m lowback.drawing`` (``make figures``).

Importing this package imports nothing else, so pages can use ``catalogue`` and ``pictures``
without paying for Matplotlib.
"""
