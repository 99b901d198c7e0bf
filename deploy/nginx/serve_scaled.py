"""`make serve-scaled`: several Voila processes of the series behind Debian's nginx.

    python deploy/nginx/serve_scaled.py --workers N --host HOST --port PORT [more arguments]

starts N workers, `python -m lowback.site.serve --SeriesKernelManager.worker=I` for I from 0,
on free ports of 127.0.0.1 (the more arguments passed on to each), one after another: each
once the one before answers and has settled, since all of them running their notebooks at once
on few cores lost notebook output (nbclient's "Timeout waiting for IOPub output"). Each gets an
equal share of the kernel cap unless one is given. Then it writes lowback-scaled.conf, routed to
those ports, into a private nginx prefix (a temporary folder) and runs nginx in the foreground
on HOST:PORT; when nginx stops (Ctrl-C, SIGTERM, or a failure of its own), it stops the workers.

It starts nothing again: a worker that exits leaves its readers' pages asking them to reload,
and nginx sends new pages to the others. A service manager restarts the whole (deploy/README.md).

    python deploy/nginx/serve_scaled.py --routing 127.0.0.1:8870 10.0.0.2:8870 ...

prints the routing part of lowback-scaled.conf for workers at those addresses (worker I at the
I-th), for an nginx of your own.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent  # the workers run here, where voila.json is
SITE_CONF = HERE / "lowback-scaled.conf"
ROUTING_BEGIN = "# -- routing: begin (deploy/nginx/serve_scaled.py writes this part) --\n"
ROUTING_END = "# -- routing: end --\n"
# Voila's and jupyter_server's routes whose next segment is a kernel id.
KERNEL_ROUTES = "api/kernels|voila/api/shutdown|voila/query|voila/execution"
START_TIMEOUT_S = 120
SETTLE_TIMEOUT_S = 30
STOP_TIMEOUT_S = 20


def routing(addresses: list[str]) -> str:
    """The upstreams and the map of lowback-scaled.conf: worker I at addresses[I] ("host:port")."""
    if not 1 <= len(addresses) <= 256:
        raise ValueError("from 1 to 256 workers: a kernel id names its worker in 2 hex digits")
    lines = [f"upstream lowback_{i} {{ server {address}; }}" for i, address in enumerate(addresses)]
    lines += ["# Pages and everything else: the worker with the fewest open connections."]
    lines += ["upstream lowback_voila {", "    least_conn;", "    zone lowback_voila 64k;"]
    lines += [f"    server {address};" for address in addresses]
    lines += ["}", "# A kernel's address to the worker its id names (none: 404); the rest to any."]
    lines += ["map $uri $lowback_upstream {"]
    lines += [f"    ~^/(?:{KERNEL_ROUTES})/{i:02x} lowback_{i};" for i in range(len(addresses))]
    lines += [f'    ~^/(?:{KERNEL_ROUTES})/ "";', "    default lowback_voila;", "}"]
    return "\n".join(lines) + "\n"


def site_conf(
    addresses: list[str], listen: str, server_names: str, address_limits: bool = True
) -> str:
    """lowback-scaled.conf routed to these workers, listening on `listen`, for those names;
    without its limits per address if `address_limits` is false."""
    text = SITE_CONF.read_text(encoding="utf-8")
    before, rest = text.split(ROUTING_BEGIN)
    _, after = rest.split(ROUTING_END)
    after = after.replace("listen 80 default_server;", f"listen {listen} default_server;")
    after = after.replace("listen 80;", f"listen {listen};")
    after = after.replace("server_name lowback.example.org;", f"server_name {server_names};")
    if not address_limits:
        after = re.sub(r"(?m)^ *limit_(req|conn) .*\n", "", after)
    return before + ROUTING_BEGIN + routing(addresses) + ROUTING_END + after


def main_conf(prefix: Path) -> str:
    """nginx's own settings: everything in the private prefix, the log on stderr."""
    temp = "\n".join(
        f"    {kind}_temp_path {prefix / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""daemon off;
worker_processes auto;
pid {prefix / "nginx.pid"};
error_log stderr;
events {{ worker_connections 4096; }}
http {{
    server_tokens off;
    access_log off;
{temp}
    include {prefix / "lowback-scaled.conf"};
}}
"""


def kernel_cap_share(workers: int, extra: list[str]) -> list[str]:
    """Each worker's share of the machine's kernel cap, unless the arguments give one."""
    if any(arg.startswith("--SeriesKernelManager.max_kernels") for arg in extra):
        return []
    from lowback.site.kernels import MIN_CAP, default_kernel_cap

    return [f"--SeriesKernelManager.max_kernels={max(MIN_CAP, default_kernel_cap() // workers)}"]


def worker_command(index: int, port: int, extra: list[str]) -> list[str]:
    return [
        sys.executable,
        "-m",
        "lowback.site.serve",
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
        "--Voila.port_retries=0",
        f"--SeriesKernelManager.worker={index}",
        f"--Voila.log_format=[%(name)s {index}]%(highlevel)s %(message)s",
        *extra,
    ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def die_with_parent() -> None:
    """In a child, before it runs: be sent SIGTERM if this script dies (Linux)."""
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6").prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def answering(port: int, process: subprocess.Popen) -> bool:
    """Wait until a worker answers HTTP (any status); False if it exits or takes too long."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline and process.poll() is None:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/voila/static/", timeout=2).close()
            return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            time.sleep(0.2)
    return False


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds used by a process and its descendants so far (Linux's /proc)."""
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        with contextlib.suppress(OSError, ValueError, IndexError):
            stat = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")
            todo += map(int, Path(f"/proc/{current}/task/{current}/children").read_text().split())
    return total


def settle(process: subprocess.Popen) -> None:
    """Wait until a worker and its kernels use under a third of a core for a second (its
    notebooks have run), or SETTLE_TIMEOUT_S."""
    deadline, quiet = time.monotonic() + SETTLE_TIMEOUT_S, 0
    before = tree_cpu_seconds(process.pid)
    while quiet < 2 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.5)
        now = tree_cpu_seconds(process.pid)
        quiet, before = (quiet + 1 if now - before < 0.15 else 0), now


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + STOP_TIMEOUT_S
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()


def serve(options: argparse.Namespace, extra: list[str]) -> int:
    nginx_binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx_binary).exists():
        sys.exit("nginx is not installed: sudo apt-get install nginx")
    extra = [*kernel_cap_share(options.workers, extra), *extra]
    workers: list[subprocess.Popen] = []
    nginx = None
    # SIGTERM as Ctrl-C: nginx is stopped, then the workers.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    with tempfile.TemporaryDirectory(prefix="lowback-nginx-") as temporary:
        prefix = Path(temporary)
        prefix.chmod(0o755)  # nginx's workers run as another user when started as root
        try:
            ports = []
            for index in range(options.workers):
                if workers:
                    settle(workers[-1])
                ports.append(free_port())
                command = worker_command(index, ports[-1], extra)
                workers.append(subprocess.Popen(command, cwd=REPO, preexec_fn=die_with_parent))
                if not answering(ports[-1], workers[-1]):
                    print(f"Worker {index} did not start; see its messages above.", file=sys.stderr)
                    return 1
            host = options.host if ":" not in options.host else f"[{options.host}]"
            names = options.server_name or " ".join(dict.fromkeys(["localhost", "127.0.0.1", host]))
            addresses = [f"127.0.0.1:{port}" for port in ports]
            listen = f"{host}:{options.port}"
            site = site_conf(addresses, listen, names, not options.no_address_limits)
            (prefix / "lowback-scaled.conf").write_text(site, encoding="utf-8")
            (prefix / "nginx.conf").write_text(main_conf(prefix), encoding="utf-8")
            nginx = subprocess.Popen(
                [nginx_binary, "-e", "stderr", "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
                preexec_fn=die_with_parent,
            )
            print(
                f"The series is served at http://{host}:{options.port}/ by {len(workers)} Voila "
                f"processes behind nginx (names: {names}).",
                file=sys.stderr,
            )
            return nginx.wait()
        except KeyboardInterrupt:
            return 0
        finally:
            for signum in (signal.SIGINT, signal.SIGTERM):  # (a second one: stop all the same)
                signal.signal(signum, signal.SIG_IGN)
            stop([nginx] if nginx else [])
            stop(workers)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Serve the series with several Voila processes behind nginx. Other "
        "arguments are passed on to each process (python -m lowback.site.serve)."
    )
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="Voila processes (one per core)"
    )
    parser.add_argument("--host", default="localhost", help="nginx's address (localhost)")
    parser.add_argument("--port", type=int, default=8866, help="nginx's port (8866)")
    parser.add_argument(
        "--server-name",
        help="the site's names, space-separated, as readers' browsers send them in Host "
        "(default: localhost, 127.0.0.1 and HOST); nginx closes any other without an answer",
    )
    parser.add_argument(
        "--no-address-limits",
        action="store_true",
        help="leave out nginx's limits per reader address (pages a minute, connections): for "
        "many readers behind one address, such as a class, or a bench",
    )
    parser.add_argument(
        "--routing",
        nargs="+",
        metavar="HOST:PORT",
        help="print the routing part of lowback-scaled.conf for workers 0, 1, ... at these "
        "addresses, and start nothing",
    )
    options, extra = parser.parse_known_args(argv)
    if options.routing:
        print(routing(options.routing), end="")
        return 0
    if not 1 <= options.workers <= 256:
        parser.error("--workers must be from 1 to 256")
    return serve(options, extra)


if __name__ == "__main__":
    sys.exit(main())
