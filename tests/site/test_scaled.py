"""Several Voila processes behind nginx (deploy/nginx/lowback-scaled.conf, serve_scaled.py): the
kernel ids that name a worker (lowback.site.kernel_ids), and the nginx map that reads them."""

from __future__ import annotations

import importlib.util
import inspect
import os
import re
import shutil
import subprocess
import uuid
from pathlib import Path

import jupyter_server.services.kernels.handlers
import pytest
import voila.app
import voila.server_extension

from lowback.paths import REPO_ROOT
from lowback.site.kernel_ids import MAX_WORKERS, worker_kernel_id, worker_of_kernel
from lowback.site.kernels import MIN_CAP, SeriesKernelManager, default_kernel_cap

NGINX_DIR = REPO_ROOT / "deploy" / "nginx"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
KERNEL_ON_1 = worker_kernel_id(1)


def load_script():
    spec = importlib.util.spec_from_file_location("serve_scaled", NGINX_DIR / "serve_scaled.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


scaled = load_script()


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
    # The ids are random: named by what each case is, so every pytest-xdist worker collects
    # the same tests.
    ids=[
        "empty",
        "x",
        "upper case",
        "a digit more",
        "a digit fewer",
        "no dashes",
        "version 1",
        "another variant",
        "a leading space",
        "a trailing newline",
    ],
)
def test_anything_else_names_no_worker(kernel_id):
    assert worker_of_kernel(kernel_id) is None


def test_the_kernel_manager_gives_its_workers_ids_and_plain_ones_alone():
    assert worker_of_kernel(SeriesKernelManager(worker=3).new_kernel_id()) == 3
    plain = SeriesKernelManager().new_kernel_id()
    assert uuid.UUID(plain).version == 4


# -- the map ---------------------------------------------------------------------------------


def upstream_of(conf: str, uri: str) -> str:
    """Where nginx's `map $uri $lowback_upstream` in `conf` sends a (decoded) URI: its regexes,
    in order, the first that matches wins (nginx's rule; these regexes mean the same in
    Python's re and PCRE)."""
    block = re.search(r"map \$uri \$lowback_upstream \{\n(.*?)\n\}", conf, re.S).group(1)
    default = None
    for line in block.splitlines():
        key, value = line.strip().rstrip(";").rsplit(" ", 1)
        value = value.strip('"')
        if key == "default":
            default = value
        elif re.search(key.removeprefix("~"), uri):
            return value
    return default


WORKERS = 11
CONF = scaled.site_conf([f"127.0.0.1:{8870 + i}" for i in range(WORKERS)], "80", "x")


@pytest.mark.parametrize("worker", [0, 1, 10])
@pytest.mark.parametrize(
    "route",
    [
        "/api/kernels/{}",
        "/api/kernels/{}/channels",
        "/api/kernels/{}/interrupt",
        "/voila/api/shutdown/{}",
        "/voila/query/{}",
        "/voila/execution/{}",
    ],
)
def test_every_request_about_a_kernel_goes_to_the_worker_its_id_names(worker, route):
    for _ in range(20):
        assert upstream_of(CONF, route.format(worker_kernel_id(worker))) == f"lowback_{worker}"


@pytest.mark.parametrize(
    "uri",
    [
        f"/api/kernels/{worker_kernel_id(WORKERS)}",  # no such worker
        f"/api/kernels/{worker_kernel_id(255)}/channels",
        f"/voila/api/shutdown/{worker_kernel_id(10).upper()}",  # ids are lower-case
        "/api/kernels/x/channels",
        "/api/kernels/",
        "/voila/api/shutdown/",
    ],
    ids=["no such worker", "worker 255", "upper case", "no id", "kernels", "shutdown"],
)
def test_a_kernel_address_naming_no_worker_goes_nowhere(uri):
    assert upstream_of(CONF, uri) == ""  # the server block answers 404


@pytest.mark.parametrize(
    "uri",
    [
        "/",
        "/voila/render/02_screening_quiz.ipynb",
        "/voila/render/",
        "/voila/static/voila.js",
        "/api/kernels",
        f"/voila/render/api/kernels/{KERNEL_ON_1}",
    ],
    ids=["landing", "page", "render", "static", "kernels", "a page named like a kernel"],
)
def test_pages_and_everything_else_go_to_the_least_busy_worker(uri):
    assert upstream_of(CONF, uri) == "lowback_voila"
    pool = re.search(r"upstream lowback_voila \{(.*?)\}", CONF, re.S).group(1)
    assert "least_conn;" in pool and "zone " in pool  # (shared by nginx's processes)
    assert pool.count("server 127.0.0.1:") == WORKERS


def test_every_route_of_voila_and_jupyter_server_that_carries_a_kernel_id_is_mapped():
    # A later Voila or jupyter_server adding such a route would send it to any worker.
    routes = set()
    for module in (voila.app, voila.server_extension, jupyter_server.services.kernels.handlers):
        source = inspect.getsource(module)
        routes |= set(re.findall(r'r?"/([\w/]+)/%s"? ?% ?_kernel_id_regex', source))
        routes |= set(re.findall(r'rf"/([\w/]+)/\{_kernel_id_regex\}', source))
    routes |= set(re.findall(r'r"/(voila/api/shutdown)/\(\.\*\)"', inspect.getsource(voila.app)))
    routes = {route.removesuffix("/channels") for route in routes}
    assert routes == {"api/kernels", "voila/api/shutdown", "voila/query", "voila/execution"}
    assert set(scaled.KERNEL_ROUTES.split("|")) == routes


def test_the_light_front_end_asks_only_for_mapped_kernel_routes():
    sources = "\n".join(
        path.read_text(encoding="utf-8")
        for path in (REPO_ROOT / "lowback" / "site" / "frontend" / "src").rglob("*.js")
    )
    asked = set(re.findall(r"`([\w/]+)/\$\{kernelId\}", sources))
    assert "voila/api/shutdown" in asked  # (the closing tab's beacon; the rest is the library's)
    assert asked <= set(scaled.KERNEL_ROUTES.split("|"))


# -- the files -------------------------------------------------------------------------------


def routing_of(text: str) -> str:
    return text.split(scaled.ROUTING_BEGIN)[1].split(scaled.ROUTING_END)[0]


def test_the_committed_routing_is_what_the_script_writes_for_its_example():
    committed = (NGINX_DIR / "lowback-scaled.conf").read_text(encoding="utf-8")
    assert routing_of(committed) == scaled.routing(["127.0.0.1:8870", "127.0.0.1:8871"])


def server_blocks(text: str) -> list[str]:
    """The directives from the first limit zone on, without comments or blank lines."""
    lines = text[text.index("limit_req_zone") :].splitlines()
    return [line.split("#", 1)[0].rstrip() for line in lines if line.split("#", 1)[0].strip()]


def test_the_scaled_site_is_lowback_conf_but_for_its_routing():
    # The default server closing unknown names, the limits per address, the headers and the
    # timeouts stay as one Voila's.
    single = server_blocks((NGINX_DIR / "lowback.conf").read_text(encoding="utf-8"))
    scaled_site = (NGINX_DIR / "lowback-scaled.conf").read_text(encoding="utf-8")
    scaled_site = scaled_site.replace("http://$lowback_upstream;", "http://lowback_voila;")
    scaled_site = re.sub(r' *if \(\$lowback_upstream = ""\) \{\n.*\n *\}\n', "", scaled_site)
    assert server_blocks(scaled_site) == single


def test_the_script_fills_in_the_address_names_and_limits():
    conf = scaled.site_conf(["127.0.0.1:1"], "127.0.0.1:9000", "localhost 127.0.0.1")
    assert "listen 127.0.0.1:9000 default_server;" in conf and "listen 127.0.0.1:9000;" in conf
    assert "server_name localhost 127.0.0.1;" in conf and "return 444;" in conf
    assert "listen 80" not in conf and "lowback.example.org;" not in conf
    assert "limit_req zone=" in conf and "limit_conn lowback_connections" in conf
    lifted = scaled.site_conf(["127.0.0.1:1"], "127.0.0.1:9000", "x", address_limits=False)
    assert "limit_req zone=" not in lifted and "limit_conn lowback_" not in lifted
    assert "client_max_body_size 64k;" in lifted


@pytest.mark.parametrize("count", [0, 257])
def test_a_kernel_id_names_at_most_256_workers(count):
    with pytest.raises(ValueError):
        scaled.routing([f"127.0.0.1:{port}" for port in range(1, count + 1)])


def nginx_or_skip() -> str:
    if Path(NGINX).exists():
        return NGINX
    if os.environ.get("CI"):
        pytest.fail("nginx is not installed: .ci/run installs Debian's nginx")
    pytest.skip("nginx is not installed (sudo apt-get install nginx)")


@pytest.mark.parametrize(
    "addresses",
    [["127.0.0.1:8870"], ["127.0.0.1:8870", "127.0.0.1:8871", "10.0.0.2:8870", "10.0.0.2:8871"]],
)
def test_nginx_accepts_the_generated_configuration(tmp_path, addresses):
    nginx = nginx_or_skip()
    (tmp_path / "lowback-scaled.conf").write_text(
        scaled.site_conf(addresses, "127.0.0.1:9000", "localhost"), encoding="utf-8"
    )
    (tmp_path / "nginx.conf").write_text(scaled.main_conf(tmp_path), encoding="utf-8")
    done = subprocess.run(
        [nginx, "-t", "-e", "stderr", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


# -- the workers and make --------------------------------------------------------------------


def test_each_worker_gets_its_number_and_a_share_of_the_kernel_cap():
    command = scaled.worker_command(1, 9001, ["--x=1"])
    assert command[1:3] == ["-m", "lowback.site.serve"]
    for arg in ("--SeriesKernelManager.worker=1", "--Voila.ip=127.0.0.1", "--port=9001"):
        assert arg in command
    assert command[-1] == "--x=1"
    share = max(MIN_CAP, default_kernel_cap() // 2)
    assert scaled.kernel_cap_share(2, []) == [f"--SeriesKernelManager.max_kernels={share}"]
    assert scaled.kernel_cap_share(2, ["--SeriesKernelManager.max_kernels=5"]) == []


def test_a_workers_cpu_is_read_with_its_kernels_from_proc():
    if not Path("/proc/self/stat").exists():
        pytest.skip("no /proc here")
    assert scaled.tree_cpu_seconds(os.getpid()) > 0
    assert scaled.tree_cpu_seconds(2**22 + 1) == 0  # no such process


def planned(target: str, *args: str) -> str:
    """What `make -n target args` would run, on one line."""
    done = subprocess.run(
        ["make", "--no-print-directory", "-n", target, *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return " ".join(done.stdout.replace("\\\n", " ").split())


def test_make_serve_runs_one_voila_and_serve_scaled_one_per_core_behind_nginx():
    assert "-m lowback.site.serve --Voila.ip=localhost --port=8866" in planned("serve")
    assert "serve_scaled" not in planned("serve", "WORKERS=3")
    cores = len(os.sched_getaffinity(0))  # what nproc says
    assert f"serve_scaled.py --workers={cores} " in planned("serve-scaled")
    chosen = planned("serve-scaled", "WORKERS=3", "HOST=0.0.0.0", "SERVER_NAME=a.example")
    assert "--workers=3 --host=0.0.0.0 --port=8866" in chosen
    assert '--server-name="a.example"' in chosen
