"""lowback.site.serve's gzip: Voila's static files are compressed once, then sent as they are."""

from __future__ import annotations

import gzip

import pytest
import tornado.web
from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine

from lowback.site.serve import CachedGZip

SCRIPT = b"console.log('the same script for every visitor');\n" * 2000


@pytest.fixture(autouse=True)
def empty_cache(monkeypatch):
    monkeypatch.setattr(CachedGZip, "_compressed", {})


def send(path, body=SCRIPT, etag='"v1"', method="GET", status=200, gzip_ok=True):
    """What the transform makes of a response written in three chunks: (status, headers, body)."""
    request = HTTPServerRequest(
        start_line=RequestStartLine(method, path, "HTTP/1.1"),
        headers=HTTPHeaders(
            {"Host": "localhost", **({"Accept-Encoding": "gzip"} if gzip_ok else {})}
        ),
    )
    transform = CachedGZip(request)
    headers = HTTPHeaders(
        {"Content-Type": "text/javascript", "Etag": etag, "Content-Length": str(len(body))}
    )
    third = len(body) // 3 + 1
    chunks = [body[i : i + third] for i in range(0, len(body), third)]
    status, headers, out = transform.transform_first_chunk(status, headers, chunks[0], False)
    for index, chunk in enumerate(chunks[1:], start=2):
        out += transform.transform_chunk(chunk, index == len(chunks))
    return status, headers, out


def test_a_static_script_arrives_compressed_and_whole():
    _, headers, body = send("/voila/static/voila.js")
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == SCRIPT
    assert len(body) < len(SCRIPT) / 10


def test_the_second_visitor_gets_the_same_bytes_without_compressing_again(monkeypatch):
    _, _, first = send("/voila/static/voila.js")

    def no_compressing(*args, **kwargs):
        raise AssertionError("compressed again")

    monkeypatch.setattr(tornado.web.gzip, "GzipFile", no_compressing)
    _, headers, second = send("/voila/static/voila.js")
    assert second == first
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Content-Length"] == str(len(first))
    assert "Accept-Encoding" in headers["Vary"]


def test_a_changed_file_has_a_new_etag_and_is_compressed_afresh():
    send("/voila/static/voila.js")
    changed = SCRIPT.replace(b"same", b"next")
    _, _, body = send("/voila/static/voila.js", body=changed, etag='"v2"')
    assert gzip.decompress(body) == changed


@pytest.mark.parametrize(
    "kind",
    ["a page, not a static file", "a HEAD request", "a 304", "a browser without gzip"],
)
def test_only_whole_static_files_sent_compressed_are_kept(kind):
    arguments = {
        "a page, not a static file": {"path": "/voila/render/02_screening_quiz.ipynb"},
        "a HEAD request": {"path": "/voila/static/voila.js", "method": "HEAD"},
        "a 304": {"path": "/voila/static/voila.js", "status": 304},
        "a browser without gzip": {"path": "/voila/static/voila.js", "gzip_ok": False},
    }[kind]
    send(**arguments)
    assert CachedGZip._compressed == {}


def test_every_spelling_of_one_file_shares_one_cache_entry():
    # Percent-encoded spellings of one address reach the same file, with the same Etag (its
    # SHA-512): keyed on the raw path, each spelling kept another copy, never freed.
    for spelling in (
        "/voila/static/voila.js",
        "/voila/static/%76oila.js",
        "/voila/static/v%6Fila.js",
    ):
        send(spelling)
    assert len(CachedGZip._compressed) == 1


def test_the_cache_is_bounded_in_files_and_bytes(monkeypatch):
    monkeypatch.setattr(CachedGZip, "MAX_ENTRIES", 5)
    for number in range(20):
        send(f"/voila/static/{number}.js", body=SCRIPT + str(number).encode(), etag=f'"{number}"')
    assert len(CachedGZip._compressed) == 5
    assert list(CachedGZip._compressed) == [f'"{number}"' for number in range(15, 20)]
    monkeypatch.setattr(CachedGZip, "MAX_BYTES", 3 * len(CachedGZip._compressed['"19"']))
    send("/voila/static/last.js", body=SCRIPT + b"last", etag='"last"')
    assert sum(map(len, CachedGZip._compressed.values())) <= CachedGZip.MAX_BYTES
    assert '"last"' in CachedGZip._compressed


def test_a_file_used_again_is_kept_before_older_ones(monkeypatch):
    monkeypatch.setattr(CachedGZip, "MAX_ENTRIES", 2)
    send("/voila/static/a.js", etag='"a"')
    send("/voila/static/b.js", body=SCRIPT + b"b", etag='"b"')
    send("/voila/static/a.js", etag='"a"')  # a is now the most recently used
    send("/voila/static/c.js", body=SCRIPT + b"c", etag='"c"')
    assert set(CachedGZip._compressed) == {'"a"', '"c"'}
