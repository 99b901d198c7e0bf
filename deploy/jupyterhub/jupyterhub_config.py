"""JupyterHub for a clinic or a class: each reader logs in and lands on the series' Voila page.

Run it with `make hub` (http://localhost:8000/), or by hand from the repository root:

    jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

What each reader gets: their own single-user server (jupyter_server with the voila server
extension), opened on the landing page, /user/<name>/voila/render/notebooks/00_start_here.ipynb.
The server starts in the repository root, so the voila extension reads the repository's voila.json
(code hidden, tracebacks hidden, light theme) exactly as `make serve` and Binder do.

This file runs as it stands on one machine for trying the hub out, and for a small group of
trusted people: it uses JupyterHub's testing authenticator (DummyAuthenticator: any user name,
one shared password) and SimpleLocalProcessSpawner (every reader's server runs as the operating
system user that runs the hub, with no isolation between readers: anyone who logs in can run code
as that user). A production hub keeps the rest of this file and swaps those two for a real
authenticator (an OAuthenticator for the clinic's or school's accounts, or the
NativeAuthenticator) and an isolating spawner (DockerSpawner, SystemdSpawner, or KubeSpawner via
deploy/kubernetes/values.yaml).

Settings a deployer may need, all read from the environment (defaults in brackets):
  LOWBACK_HUB_IP                    address the hub listens on [127.0.0.1]; anything but a
                                    loopback address requires LOWBACK_HUB_PASSWORD
  LOWBACK_HUB_PORT                  public port readers open [8000]
  LOWBACK_HUB_API_PORT              the hub's internal API port, on 127.0.0.1 [8081]
  LOWBACK_HUB_PROXY_API_PORT        the proxy's API port, on 127.0.0.1 [public port + 1]
  LOWBACK_HUB_PASSWORD              the shared password; unset: any password is accepted
  LOWBACK_HUB_STATE_DIR             the hub's database, cookie secret, proxy pid file and the
                                    readers' home directories [<temp dir>/lowback-hub]
  LOWBACK_HUB_NOTEBOOK_DIR          the repository root each server starts in [this clone]
  LOWBACK_HUB_CULL_TIMEOUT          seconds without activity before a reader's server is
                                    stopped [3600]
  LOWBACK_HUB_CULL_EVERY            seconds between the culler's checks [300]
  LOWBACK_HUB_CULL_MAX_AGE          seconds after which a server is stopped even if its page is
                                    still open and answering [0: never]

Idle culling, and why a reader who keeps the page open for 30 minutes is not cut off:
- The jupyterhub-idle-culler service stops a server whose `last_activity`, as the hub records
  it, is older than LOWBACK_HUB_CULL_TIMEOUT. The hub updates that from two sources:
  configurable-http-proxy's per-route activity (any successful request, and any websocket
  frame the browser sends), polled every `JupyterHub.last_activity_interval` (300 s); and the
  single-user server's own reports (kernel messages and API requests), sent every 300 s.
- An open Voila page keeps a kernel websocket open, and jupyter_server pings it every 30 s; the
  browser's answers pass through the proxy, so an open page counts as activity however long the
  reader reads (seen here: an idle page moved the proxy's activity time every 30 s). A proxy
  that reports no activity (Traefik, in The Littlest JupyterHub) leaves only the server's own
  reports, which an idle page does not make: so the timeout is an hour, twice the 30 minutes a
  reader must be able to read, with room for the 300 s reporting delay and the culler's
  interval. A server whose reader closed the tab (or whose phone put it to sleep) is stopped
  about an hour later. A tab left open keeps its server until it closes, unless
  LOWBACK_HUB_CULL_MAX_AGE sets an upper bound (which cuts off even a reader mid-routine).
- A reader who closes a tab or leaves a page frees its kernel at once: each server loads
  lowback.site.server_extension (enabled by binder/jupyter_server_config.json, read through
  JUPYTER_CONFIG_PATH), which sets the cookie Voila's page needs to ask for that.
- Each single-user server also culls its own kernels, with the kernel settings in the
  repository's voila.json (its MappingKernelManager section), the ones `make serve` uses: a
  kernel that is idle with no page connected (the tab closed without Voila shutting it down, or
  the connection dropped: jupyter_server closes a websocket that stops answering its pings) is
  shut down after `cull_idle_timeout`; a kernel with a page connected is never culled
  (`cull_connected: false`). So the hub's cull timeout, not the kernel's, decides when an open
  but silent page ends, and the kernel's only frees what readers left behind.
"""

from __future__ import annotations

import ipaddress
import json
import os
import sys
import tempfile
from pathlib import Path

from jupyterhub.spawner import SimpleLocalProcessSpawner

c = get_config()  # noqa: F821 (JupyterHub's config loader provides get_config)

REPO_ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
# The voila extension takes its page URL relative to the server's root, the repository.
LANDING_URL = "/voila/render/notebooks/00_start_here.ipynb"


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, not {value!r}") from None


IP = os.environ.get("LOWBACK_HUB_IP") or "127.0.0.1"
PORT = env_int("LOWBACK_HUB_PORT", 8000)
API_PORT = env_int("LOWBACK_HUB_API_PORT", 8081)
PROXY_API_PORT = env_int("LOWBACK_HUB_PROXY_API_PORT", PORT + 1)
PASSWORD = os.environ.get("LOWBACK_HUB_PASSWORD", "")
STATE_DIR = Path(
    os.environ.get("LOWBACK_HUB_STATE_DIR") or Path(tempfile.gettempdir()) / "lowback-hub"
).resolve()
NOTEBOOK_DIR = Path(os.environ.get("LOWBACK_HUB_NOTEBOOK_DIR") or REPO_ROOT).resolve()
CULL_TIMEOUT_S = env_int("LOWBACK_HUB_CULL_TIMEOUT", 3600)
CULL_EVERY_S = env_int("LOWBACK_HUB_CULL_EVERY", 300)
CULL_MAX_AGE_S = env_int("LOWBACK_HUB_CULL_MAX_AGE", 0)


def is_loopback(address: str) -> bool:
    if address == "localhost":
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


if not is_loopback(IP) and not PASSWORD:
    raise SystemExit(
        f"LOWBACK_HUB_IP={IP} lets other machines reach the hub, and without "
        "LOWBACK_HUB_PASSWORD anyone could log in and run code: set a password (and, for real "
        "readers, a real authenticator and spawner: see the top of jupyterhub_config.py)."
    )
if not (NOTEBOOK_DIR / "voila.json").is_file():
    raise SystemExit(f"LOWBACK_HUB_NOTEBOOK_DIR={NOTEBOOK_DIR} has no voila.json: not the series")
VOILA_SETTINGS = json.loads((NOTEBOOK_DIR / "voila.json").read_text())

STATE_DIR.mkdir(parents=True, exist_ok=True)
BIN = Path(sys.executable).parent  # the environment the hub runs in, with the series installed

# --- The hub, its proxy, and where the hub keeps its state -----------------------------------
c.JupyterHub.bind_url = f"http://{IP}:{PORT}/"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{API_PORT}"
c.JupyterHub.db_url = f"sqlite:///{STATE_DIR / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE_DIR / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PROXY_API_PORT}"
c.ConfigurableHTTPProxy.pid_file = str(STATE_DIR / "jupyterhub-proxy.pid")
# configurable-http-proxy from npm: `npm ci` in deploy/jupyterhub/ installs the pinned one.
LOCAL_PROXY = HERE / "node_modules" / ".bin" / "configurable-http-proxy"
if LOCAL_PROXY.exists():
    c.ConfigurableHTTPProxy.command = [str(LOCAL_PROXY)]
# Stopping the hub stops every reader's server and the proxy it started (the defaults, said).
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

# --- Who may log in: TESTING ONLY -------------------------------------------------------------
# DummyAuthenticator accepts any user name; with a password set, only that password. Production
# replaces it with a real authenticator (see the top of this file). Its `password` setting is
# deprecated since JupyterHub 5.3 in favour of SharedPasswordAuthenticator.user_password, which
# differs only in wanting at least 8 characters; it is kept because it is JupyterHub's dummy.
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
if PASSWORD:
    c.DummyAuthenticator.password = PASSWORD


# --- Each reader's server: TESTING ONLY spawner -------------------------------------------------
class SeriesLocalProcessSpawner(SimpleLocalProcessSpawner):
    """SimpleLocalProcessSpawner that starts each server in the repository root, not the home.

    The voila server extension reads voila.json from the directory the server starts in, and
    SimpleLocalProcessSpawner would start it in the reader's home directory. Homes still exist
    (HOME points there, for caches) under the state directory. Production replaces this
    with an isolating spawner whose image holds the repository as its working directory.
    """

    def make_preexec_fn(self, name: str):
        home = self.home_dir

        def preexec() -> None:
            os.makedirs(home, 0o755, exist_ok=True)
            os.chdir(NOTEBOOK_DIR)

        return preexec


c.JupyterHub.spawner_class = SeriesLocalProcessSpawner
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE_DIR / "home" / "{username}")
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.notebook_dir = str(NOTEBOOK_DIR)
c.Spawner.default_url = LANDING_URL
# voila.json's other settings, the same as `make serve` uses: kernel culling and tracebacks
# (MappingKernelManager), the reader's messages when a cell fails (VoilaExecutor). The voila
# extension itself applies only voila.json's VoilaConfiguration section, so the server is given
# the rest on its command line. "Voila" holds the standalone app's own settings: a single-user
# server has no such app (jupyter_server pings kernel websockets every 30 s on its own).
SERVER_SETTINGS = {
    section: settings
    for section, settings in VOILA_SETTINGS.items()
    if section not in ("Voila", "VoilaConfiguration")
}
c.Spawner.args = [
    f"--{section}.{name}={value if isinstance(value, str) else json.dumps(value)}"
    for section, settings in SERVER_SETTINGS.items()
    for name, value in settings.items()
]
# Voila as a server extension never sets the cookie its page sends back when the tab closes, so
# every "close this kernel" is refused and the kernel lives until culled (voila#1458):
# lowback.site.server_extension sets it. binder/jupyter_server_config.json enables it (and
# repeats voila.json's culling), the same file Binder uses; binder/ is read as a config folder.
c.Spawner.environment = {"JUPYTER_CONFIG_PATH": str(NOTEBOOK_DIR / "binder")}
if os.geteuid() == 0:
    # jupyter_server refuses to run as root unless told; the hub runs as root in containers
    # and on this project's machines. A production spawner runs each reader as their own user.
    c.Spawner.args.append("--allow-root")
# A cold start on a small machine (first import of matplotlib, a new font cache) can take a while.
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 90

# --- Idle culling: the jupyterhub-idle-culler service ------------------------------------------
c.JupyterHub.load_roles = [
    {
        "name": "jupyterhub-idle-culler-role",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["jupyterhub-idle-culler-service"],
    }
]
c.JupyterHub.services = [
    {
        "name": "jupyterhub-idle-culler-service",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={CULL_TIMEOUT_S}",
            f"--cull-every={CULL_EVERY_S}",
            f"--max-age={CULL_MAX_AGE_S}",
        ],
    }
]
