"""deploy/nginx.conf as an office runs it: the headers, types, caching and 404 page the site is
served with. (The browser tests all run against this same server.)"""

import urllib.error
import urllib.request

import pytest


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(server, path, **headers):
    request = urllib.request.Request(server + path, headers=headers)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_pages_carry_the_security_headers(server):
    status, headers, _ = fetch(server, "/gongbao/documents/")
    assert status == 200
    csp = headers["Content-Security-Policy"]
    assert csp, "no Content-Security-Policy header"
    directives = dict((part.strip().split(" ", 1) + [""])[:2] for part in csp.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'", "no inline scripts, no eval, no other hosts"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["frame-ancestors"] == "'none'"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("path, content_type", [
    ("/gongbao/assets/site.css", "text/css; charset=utf-8"),
    ("/gongbao/assets/elder.js", "application/javascript; charset=utf-8"),
    ("/gongbao/assets/favicon.svg", "image/svg+xml"),
    ("/gongbao/api/v1/index.json", "application/json; charset=utf-8"),
    ("/gongbao/notices.ics", "text/calendar; charset=utf-8"),
    ("/gongbao/sitemap.xml", "application/xml; charset=utf-8"),
    ("/gongbao/feed.xml", "application/xml; charset=utf-8"),
])
def test_files_have_their_types(server, site, path, content_type):
    if not (site / path.removeprefix("/gongbao/")).exists():
        pytest.skip(f"the build wrote no {path}")
    status, headers, _ = fetch(server, path)
    assert status == 200
    assert headers["Content-Type"] == content_type
    assert headers["Content-Security-Policy"], "every response carries the CSP"


def test_assets_are_cached_and_compressed(server):
    status, headers, body = fetch(server, "/gongbao/assets/site.css", **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=86400"
    assert headers["Content-Encoding"] == "gzip"
    status, headers, _ = fetch(server, "/gongbao/api/v1/index.json")
    assert headers["Cache-Control"] == "public, max-age=300"


def test_unknown_paths_get_the_404_page(server):
    status, headers, body = fetch(server, "/gongbao/no/such/page/")
    assert status == 404
    page = body.decode("utf-8")
    assert "页面不存在" in page
    # The 404 page is served at any depth, so its links and assets are rooted at /gongbao/.
    assert 'href="/gongbao/assets/site.css"' in page
    assert headers["Content-Security-Policy"]


def test_the_bare_host_redirects_to_the_gazette(server):
    status, headers, _ = fetch(server, "/")
    assert status == 302
    assert headers["Location"].endswith("/gongbao/")
