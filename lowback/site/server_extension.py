"""For Voila run as a Jupyter server extension (Binder, JupyterLab, JupyterHub): a closed tab
frees its kernel.

Voila's page, when its tab closes, asks the server to shut its kernel down, sending the
`_xsrf` cookie's value as the form's `_xsrf` field. Served as an extension, Voila never sets
that cookie (only JupyterLab's own pages do): a reader who opens the Voila page directly, as
the Binder badge does, gets 403 on every close and leaves a kernel (about 60 MB) behind on each
page (voila-dashboards/voila#1458). This extension has every Voila page set the cookie, through
Voila's `prelaunch_hook`, which runs with the request before the page's kernel starts.

Enabled by binder/jupyter_server_config.json, which binder/postBuild merges into the
environment's Jupyter configuration with `python -m lowback.site.server_extension FILE` (the
same for JupyterLab on your own machine, in its virtual environment), together with voila.json's
kernel culling; and by deploy/jupyterhub/jupyterhub_config.py. `make serve` does not need it:
lowback.site.serve sets the cookie itself.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "lowback.site.server_extension"}]


def set_xsrf_cookie(handler: Any, notebook: Any = None, cwd: Any = None) -> None:
    """A Voila prelaunch hook: reading the handler's xsrf_token sets the cookie (in the way the
    server in use sets it: JupyterHub's single-user server scopes it to the reader's path)."""
    handler.xsrf_token  # noqa: B018
    return None


def chain_hooks(first: Callable[..., Any], then: Callable[..., Any]) -> Callable[..., Any]:
    """Run a prelaunch hook configured elsewhere, then ours; the notebook the first returns (if
    any) is what Voila renders."""

    def both(handler: Any, notebook: Any = None, cwd: Any = None) -> Any:
        changed = first(handler, notebook=notebook, cwd=cwd)
        then(handler, notebook=changed or notebook, cwd=cwd)
        return changed

    return both


def _link_jupyter_server_extension(server_app: Any) -> None:
    # jupyter_server links every extension before it loads any: Voila's extension, when it
    # loads, builds its configuration from the server's, hook included.
    section = server_app.config.VoilaConfiguration
    earlier = section.get("prelaunch_hook")
    section.prelaunch_hook = (
        set_xsrf_cookie if earlier is None else chain_hooks(earlier, set_xsrf_cookie)
    )


def _load_jupyter_server_extension(server_app: Any) -> None:
    server_app.log.info("lowback: Voila pages set the _xsrf cookie: a closed tab frees its kernel")


def _merged(into: dict, settings: dict) -> dict:
    merged = dict(into)
    for key, value in settings.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merged(merged[key], value)
        else:
            merged[key] = value
    return merged


def install_config(source: Path, config_dir: Path) -> Path:
    """Merge the settings in `source` into `config_dir`/jupyter_server_config.json (made if
    need be; other settings there are kept). jupyter_server reads that file from every
    directory on its configuration path, which includes <environment>/etc/jupyter."""
    target = config_dir / "jupyter_server_config.json"
    current = json.loads(target.read_text(encoding="utf-8")) if target.exists() else {}
    settings = json.loads(source.read_text(encoding="utf-8"))
    config_dir.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(_merged(current, settings), indent=2) + "\n", encoding="utf-8")
    return target


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python -m lowback.site.server_extension SETTINGS.json")
    written = install_config(Path(sys.argv[1]), Path(sys.prefix) / "etc" / "jupyter")
    print(f"lowback: Jupyter server settings written to {written}")
