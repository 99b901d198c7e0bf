"""The front's rules (lowback.site.front, lowback.site.workers, lowback.site.kernel_ids): which
worker a request goes to, what it passes on, and how the workers are started."""

from __future__ import annotations

import os
import stat
import subprocess
import uuid

import pytest
from tornado.httputil import HTTPHeaders

from lowback.paths import REPO_ROOT
from lowback.site.front import (
    Route,
    base_url_of,
    parse_args,
    route,
    sendable_close_code,
    upstream_headers,
)
from lowback.site.kernel_ids import MAX_WORKERS, worker_kernel_id, worker_of_kernel
from lowback.site.kernels import MIN_CAP, SeriesKernelManager, default_kernel_cap
from lowback.site.workers import Pool, Worker, least_busy, tree_cpu_seconds

KERNEL_ON_1 = worker_kernel_id(1)


# -- kernel ids ------------------------------------------------------------------------------


@pytest.mark.parametrize("worker", [0, 1, 15, 16, 200, MAX_WORKERS - 1])
def test_a_workers_kernel_id_is_a_random_uuid4_that_names_the_worker(worker):
    ids = {worker_kernel_id(worker) for _ in range(50)}
    assert len(ids) == 50
    for kernel_id in ids:
        parsed = uuid.UUID(kernel_id)
        assert str(parsed) == kernel_id and parsed.version == 4
        assert parsed.variant == uuid.RFC_4122
        assert worker_of_kernel(kernel_id) == worker


@pytest.mark.parametrize("worker", [-1, MAX_WORKERS])
def test_a_worker_number_out_of_range_has_no_ids(worker):
    with pytest.raises(ValueError):
        worker_kernel_id(worker)


@pytest.mark.parametrize(
    "kernel_id",
    [
        "",
        "x",
        KERNEL_ON_1.upper(),
        KERNEL_ON_1 + "0",
        KERNEL_ON_1[:-1],
        KERNEL_ON_1.replace("-", ""),
        "01234567-89ab-1cde-8f01-23456789abcd",  # version 1
        "01234567-89ab-4cde-cf01-23456789abcd",  # another variant
        " " + KERNEL_ON_1,
        KERNEL_ON_1 + "\n",
    ],
)
def test_anything_else_names_no_worker(kernel_id):
    assert worker_of_kernel(kernel_id) is None


def test_the_kernel_manager_gives_its_workers_ids_and_plain_ones_alone():
    assert worker_of_kernel(SeriesKernelManager(worker=3).new_kernel_id()) == 3
    plain = SeriesKernelManager().new_kernel_id()
    assert uuid.UUID(plain).version == 4


# -- routing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (f"/api/kernels/{KERNEL_ON_1}", Route("kernel", 1)),
        (f"/api/kernels/{KERNEL_ON_1}/channels", Route("kernel", 1)),
        (f"/api/kernels/{KERNEL_ON_1}/anything", Route("kernel", 1)),  # the worker says 404
        (f"/voila/api/shutdown/{KERNEL_ON_1}", Route("kernel", 1)),
        (f"/voila/query/{KERNEL_ON_1}", Route("kernel", 1)),
        (f"/voila/execution/{KERNEL_ON_1}", Route("kernel", 1)),
        ("/voila/api/shutdown/" + "%30%31" + KERNEL_ON_1[2:], Route("kernel", 1)),
        (f"/voila/api/shutdown/{KERNEL_ON_1}/x", Route("refuse", status=404)),
        (f"/api/kernels/{worker_kernel_id(2)}", Route("refuse", status=404)),  # no worker 2
        (f"/api/kernels/{KERNEL_ON_1.upper()}", Route("refuse", status=404)),
        ("/api/kernels/", Route("refuse", status=404)),
        ("/api/kernels/x/channels", Route("refuse", status=404)),
        ("/voila/api/shutdown/", Route("refuse", status=404)),
        ("/voila/query/..", Route("refuse", status=404)),
        ("/api/kernels", Route("any")),
        ("/voila/render/02_screening_quiz.ipynb", Route("page")),
        ("/voila/render/", Route("page")),
        ("/", Route("any")),
        ("/voila/static/voila.js", Route("any")),
        ("/voila/templates/lab/static/index.css", Route("any")),
        ("/voila/render/\xff", Route("refuse", status=400)),
        ("/voila/render/a\x00", Route("refuse", status=400)),
        ("/voila/render/a\n", Route("refuse", status=400)),
    ],
)
def test_each_request_goes_to_the_right_place(path, expected):
    assert route(path, workers=2) == expected


def test_under_a_base_url_only_its_own_addresses_carry_kernels():
    base = "/series/"
    assert route(f"/series/api/kernels/{KERNEL_ON_1}/channels", 2, base) == Route("kernel", 1)
    assert route("/series/voila/render/x.ipynb", 2, base) == Route("page")
    assert route(f"/api/kernels/{KERNEL_ON_1}", 2, base) == Route("any")  # the worker's 404
    assert route("/series/api/kernels/x", 2, "/series") == Route("refuse", status=404)


def test_the_base_url_is_read_from_the_workers_arguments():
    assert base_url_of([]) == "/"
    assert base_url_of(["--Voila.base_url=/a/", "--port=1"]) == "/a/"
    assert base_url_of(["--base_url=/a/", "--Voila.base_url=b/"]) == "/b/"


def test_the_worker_gets_the_readers_headers_but_not_the_connections():
    sent = HTTPHeaders()
    for name, value in [
        ("Host", "clinic.example.org"),
        ("Origin", "https://clinic.example.org"),
        ("Cookie", "_xsrf=abc"),
        ("Cookie", "other=1"),
        ("Connection", "keep-alive, X-Secret"),
        ("X-Secret", "hop"),
        ("Keep-Alive", "timeout=5"),
        ("Transfer-Encoding", "chunked"),
        ("Upgrade", "websocket"),
        ("Sec-WebSocket-Key", "abc"),
        ("X-Forwarded-Proto", "https"),  # a client's own word is not taken as it came
        ("X-Real-IP", "10.0.0.1"),
        ("X-Forwarded-For", "10.0.0.2"),
        ("Expect", "100-continue"),
        ("Content-Length", "5"),
        ("If-None-Match", '"etag"'),
    ]:
        sent.add(name, value)
    out = upstream_headers(sent, "192.0.2.7", "http")
    assert out["Host"] == "clinic.example.org"
    assert out["Origin"] == "https://clinic.example.org"
    assert out.get_list("Cookie") == ["_xsrf=abc", "other=1"]
    assert out["If-None-Match"] == '"etag"'
    assert out["X-Real-IP"] == out["X-Forwarded-For"] == "192.0.2.7"
    assert out["X-Forwarded-Proto"] == "http"
    for gone in (
        "Connection",
        "X-Secret",
        "Keep-Alive",
        "Transfer-Encoding",
        "Upgrade",
        "Sec-WebSocket-Key",
        "Expect",
        "Content-Length",
    ):
        assert gone not in out, gone


@pytest.mark.parametrize(
    ("code", "sent"),
    [(1000, 1000), (1001, 1001), (1008, 1008), (4000, 4000), (None, None), (1005, None),
     (1006, None), (1015, None), (999, None), (5000, None)],
)  # fmt: skip
def test_a_close_code_passes_on_when_it_may_be_sent(code, sent):
    assert sendable_close_code(code) == sent


# -- choosing a worker -----------------------------------------------------------------------


def test_a_page_goes_to_the_worker_preparing_fewest_then_with_fewest_readers():
    a, b, c = Worker(0, up=True), Worker(1, up=True), Worker(2, up=False)
    a.pages, b.pages = 1, 0
    assert least_busy([a, b, c], page=True) is b
    a.pages = b.pages = 0
    a.sockets, b.sockets = 3, 5
    assert least_busy([a, b, c], page=True) is a
    b.sockets = 3
    a.page_chosen_at, b.page_chosen_at = 7, 4  # a tie: the one given a page longest ago
    a.chosen_at, b.chosen_at = 3, 8  # (whatever else each was given since)
    assert least_busy([a, b, c], page=True) is b


def test_pages_take_turns_whatever_requests_come_between_them():
    # Found by the bench: with one tie-break for everything, a page followed by one script
    # request sent every page of a class to the same worker.
    pool = Pool.__new__(Pool)
    pool.workers = [Worker(0, up=True), Worker(1, up=True)]
    pool._chosen = 0
    given = []
    for _ in range(6):
        given.append(pool.choose(page=True).index)
        pool.choose(page=False)
    assert sorted(given) == [0, 0, 0, 1, 1, 1]


def test_anything_else_goes_to_the_worker_with_fewest_requests_and_none_to_a_worker_down():
    a, b = Worker(0, up=True), Worker(1, up=True)
    a.requests, b.requests = 2, 1
    assert least_busy([a, b], page=False) is b
    b.up = False
    assert least_busy([a, b], page=False) is a
    a.up = False
    assert least_busy([a, b], page=True) is None


# -- the command and the workers -------------------------------------------------------------


def test_the_fronts_own_arguments_and_the_rest_for_the_workers():
    options, extra = parse_args(
        ["--workers=3", "--port=9000", "--Voila.ip=0.0.0.0", "--SeriesKernelManager.max_kernels=9"]
    )
    assert (options.workers, options.port, options.ip) == (3, 9000, "0.0.0.0")
    assert extra == ["--SeriesKernelManager.max_kernels=9"]
    options, extra = parse_args(["--workers", "2", "--wor=5"])  # no abbreviations
    assert options.workers == 2 and extra == ["--wor=5"]
    for bad in ("0", "65", "x"):
        with pytest.raises(SystemExit):
            parse_args([f"--workers={bad}"])


def test_workers_share_a_private_cookie_secret_and_the_kernel_cap():
    pool = Pool(2, ["--Voila.tornado_settings={}"])
    try:
        secret = pool._secret_dir / "voila.py"
        assert stat.S_IMODE(os.stat(pool._secret_dir).st_mode) == 0o700
        assert stat.S_IMODE(os.stat(secret).st_mode) == 0o600
        assert "cookie_secret" in secret.read_text()
        command = pool.command(pool.workers[1])
        assert "--SeriesKernelManager.worker=1" in command
        assert f"--Voila.config_file_paths={pool._secret_dir}" in command
        assert f"--Voila.config_file_paths={os.getcwd()}" in command  # voila.json still read
        share = max(MIN_CAP, default_kernel_cap() // 2)
        assert f"--SeriesKernelManager.max_kernels={share}" in command
        assert command[-1] == "--Voila.tornado_settings={}"
        assert not any(secret.read_text().split('"')[1] in arg for arg in command)
        given = Pool(2, ["--SeriesKernelManager.max_kernels=5"])
        assert [a for a in given.command(given.workers[0]) if "max_kernels" in a] == [
            "--SeriesKernelManager.max_kernels=5"
        ]
        given.stop()
    finally:
        pool.stop()
    assert not pool._secret_dir.exists()


def test_the_cpu_of_a_process_tree_is_read_from_proc():
    used = tree_cpu_seconds(os.getpid())
    if used is None:
        pytest.skip("no /proc here")
    assert used > 0
    assert tree_cpu_seconds(2**22 + 1) is None  # no such process


def test_make_serve_runs_one_voila_per_core_behind_the_front_unless_told_otherwise():
    def planned(*args: str) -> str:
        # (Run by `make test`, make prints the directories it enters: the command is the line
        # that runs lowback.)
        done = subprocess.run(
            ["make", "--no-print-directory", "-n", "serve", *args],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        [command] = [line for line in done.stdout.splitlines() if " -m lowback.site." in line]
        return command

    cores = len(os.sched_getaffinity(0))  # what nproc says
    default = planned()
    if cores > 1:
        assert f"-m lowback.site.front --workers={cores} " in default
    assert "-m lowback.site.front --workers=3 " in planned("WORKERS=3")
    alone = planned("WORKERS=1")
    assert "-m lowback.site.serve " in alone and "front" not in alone
