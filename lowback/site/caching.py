"""Files that never change are fetched once: versioned addresses with a year-long cache.

A widget page loads about 95 scripts of Voila's front end. Voila serves `/voila/static` with an
ETag only (its chunk names carry no hash) and `/voila/labextensions` with `no-cache`, so every
repeat visit asked for all of them again. Here:

- Voila's static files and the lab extensions are also served under an address that names a
  digest of their bytes, `/voila/static/v-<digest>/...` and `/voila/labextensions/v-<digest>/...`,
  and the page is told to load them from there (`rewrite_page_config`, Voila's page_config_hook).
  When a file changes (a new Voila or ipywidgets), the digest changes with it, so a browser can keep
  what it fetched for a year without ever asking again (`IMMUTABLE`).
- A template's own files are already addressed by their hash (`?v=<sha>` from Tornado's
  `static_url`, or a hash in the name): those get the same header.
- The pictures pages show (lowback/pictures) are served under `/voila/pictures/v-<digest>/`;
  the series' kernels are told that address (lowback.drawing.pictures.PICTURES_URL_ENV), so a
  page links its pictures rather than carrying them inside itself.
- The routine's cue tones, made by lowback.sound.cue_wav, are served the same way under
  `/voila/sounds/v-<digest>/<kind>.wav` (lowback.paths.SOUNDS_URL_ENV).
- Pages never have it: Voila and the series send them `no-store`.

Any other digest than the current one is not found (404), so an old page cannot mix old and new
files.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable

from jupyter_server.base.handlers import FileFindHandler
from jupyter_server.utils import url_path_join
from tornado.web import HTTPError, RequestHandler, StaticFileHandler
from voila.static_file_handler import MultiStaticFileHandler

from lowback.sound import CUE_KINDS, cue_wav

IMMUTABLE = "public, max-age=31536000, immutable"
# A file name that carries its content's hash, as bundlers write them: `name-HASH.js`,
# `123.0123abcd.js`, `remoteEntry.0123abcdef.js` (at least 8 hash characters).
HASHED_NAME = re.compile(r"[.-](?=[0-9A-Za-z]*[0-9])[0-9A-Za-z]{8,}\.(js|css|mjs|woff2?|svg|png)$")
DIGEST_LENGTH = 16


def tree_digest(roots: Iterable[str]) -> str:
    """A digest of every file under these folders, names and bytes, in a fixed order: it changes
    when any file is added, removed, renamed or edited."""
    digest = hashlib.sha256()
    for index, root in enumerate(roots):
        if not os.path.isdir(root):
            continue
        for folder, dirs, files in os.walk(root):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(folder, name)
                digest.update(f"{index}\0{os.path.relpath(path, root)}\0".encode())
                with open(path, "rb") as file:
                    for block in iter(lambda file=file: file.read(1 << 20), b""):
                        digest.update(block)
    return digest.hexdigest()[:DIGEST_LENGTH]


def is_versioned(path: str, query_arguments: dict) -> bool:
    """Whether a static address names its content: a `v` argument (Tornado's static_url) or a
    content hash in the file name."""
    return any(query_arguments.get("v", ())) or bool(HASHED_NAME.search(path))


class ImmutableCache:
    """For a static file handler whose every address names its content: cached for a year."""

    def set_headers(self) -> None:
        super().set_headers()
        self.set_header("Cache-Control", IMMUTABLE)
        self.clear_header("Expires")


class VersionedStaticFileHandler(ImmutableCache, MultiStaticFileHandler):
    """Voila's static files under `/voila/static/v-<digest>/`."""


class VersionedLabextensionsHandler(ImmutableCache, FileFindHandler):
    """The lab extensions under `/voila/labextensions/v-<digest>/`, with the ETag of their bytes
    that jupyter_server's handler leaves out (lowback.site.serve.CachedGZip keeps a compressed copy
    by it, so each file is compressed once, not for every visitor)."""

    compute_etag = StaticFileHandler.compute_etag


class VersionedPicturesHandler(ImmutableCache, StaticFileHandler):
    """The pictures pages show, under `/voila/pictures/v-<digest>/`."""


class CueSoundsHandler(RequestHandler):
    """The routine's cue tones, `<kind>.wav`, under `/voila/sounds/v-<digest>/`: made once, from
    lowback.sound, and cached by the browser for a year."""

    def initialize(self, sounds: dict[str, bytes]) -> None:
        self.sounds = sounds

    def get(self, name: str) -> None:
        data = self.sounds.get(name)
        if data is None:
            raise HTTPError(404)
        self.set_header("Content-Type", "audio/wav")
        self.set_header("Cache-Control", IMMUTABLE)
        self.finish(data)

    head = get


def cue_sound_files() -> dict[str, bytes]:
    """Each cue tone as the file the sounds' address serves, by file name."""
    return {f"{kind}.wav": cue_wav(kind) for kind in CUE_KINDS}


def bytes_digest(files: dict[str, bytes]) -> str:
    """A digest of these files, names and bytes."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(f"{name}\0{len(files[name])}\0".encode())
        digest.update(files[name])
    return digest.hexdigest()[:DIGEST_LENGTH]


class VersionedAddresses:
    """The digests of Voila's static files and of the lab extensions, their routes, and the page
    configuration that points a page at them."""

    def __init__(
        self, static_paths: list[str], labextensions_path: list[str], pictures_dir: str
    ) -> None:
        self.static_paths = list(static_paths)
        self.labextensions_path = list(labextensions_path)
        self.pictures_dir = pictures_dir
        self.static_prefix = f"voila/static/v-{tree_digest(self.static_paths)}"
        self.labextensions_prefix = f"voila/labextensions/v-{tree_digest(self.labextensions_path)}"
        self.pictures_prefix = f"voila/pictures/v-{tree_digest([pictures_dir])}"
        self.sounds = cue_sound_files()
        self.sounds_prefix = f"voila/sounds/v-{bytes_digest(self.sounds)}"

    def pictures_url(self, base_url: str) -> str:
        """The address the pictures are under, ending in "/", for the kernels to link to."""
        return url_path_join(base_url, self.pictures_prefix) + "/"

    def sounds_url(self, base_url: str) -> str:
        """The address the cue tones are under, ending in "/", for the kernels."""
        return url_path_join(base_url, self.sounds_prefix) + "/"

    def handlers(self, server_url: str) -> list[tuple]:
        """Routes for the versioned addresses, to come before Voila's own."""
        return [
            (
                url_path_join(server_url, re.escape(self.static_prefix), "(.*)"),
                VersionedStaticFileHandler,
                {"paths": self.static_paths, "default_filename": None},
            ),
            (
                url_path_join(server_url, re.escape(self.labextensions_prefix), "(.*)"),
                VersionedLabextensionsHandler,
                {"path": self.labextensions_path, "no_cache_paths": []},
            ),
            (
                url_path_join(server_url, re.escape(self.pictures_prefix), "(.*)"),
                VersionedPicturesHandler,
                {"path": self.pictures_dir},
            ),
            (
                url_path_join(server_url, re.escape(self.sounds_prefix), "([a-z_]+\\.wav)"),
                CueSoundsHandler,
                {"sounds": self.sounds},
            ),
        ]

    def rewrite_page_config(self, page_config: dict, **page_config_kwargs) -> dict:
        """Voila's page_config_hook: the page loads its scripts from the versioned addresses."""
        base_url = page_config_kwargs.get("base_url") or page_config.get("baseUrl") or "/"
        return {
            **page_config,
            "fullStaticUrl": url_path_join(base_url, self.static_prefix),
            "fullLabextensionsUrl": url_path_join(base_url, self.labextensions_prefix),
        }
