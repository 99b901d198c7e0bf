"""Kernel ids that name the worker process holding the kernel (for nginx's routing).

Several Voila processes (workers) can serve the series behind nginx (`make serve-scaled`,
deploy/nginx/lowback-scaled.conf). A reader's kernel lives in one worker, and every later
request about it (the page's websocket, the "close this kernel" beacon) must reach that worker.
Rather than a cookie or a table in the proxy, the kernel's id says where it lives: a random
version-4 UUID whose first two hex digits are the worker's number, which nginx's map reads. It
is still a valid UUID, as jupyter_server and Voila expect, with 114 random bits.
"""

from __future__ import annotations

import re
import uuid

WORKER_DIGITS = 2
MAX_WORKERS = 16**WORKER_DIGITS
# What str(uuid.uuid4()) gives: lower-case hex, version 4, RFC 4122 variant.
KERNEL_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def worker_kernel_id(worker: int) -> str:
    """A new random kernel id whose first two hex digits are `worker` (0 to 255)."""
    if not 0 <= worker < MAX_WORKERS:
        raise ValueError(f"worker must be from 0 to {MAX_WORKERS - 1}, not {worker}")
    return str(uuid.UUID(hex=f"{worker:0{WORKER_DIGITS}x}{uuid.uuid4().hex[WORKER_DIGITS:]}"))


def worker_of_kernel(kernel_id: str) -> int | None:
    """The worker a kernel id names, or None if it is not a kernel id of that form."""
    if not KERNEL_ID.fullmatch(kernel_id):
        return None
    return int(kernel_id[:WORKER_DIGITS], 16)
