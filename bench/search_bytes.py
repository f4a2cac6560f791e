"""What a browser fetches for the first search on a built site, measured in Debian's chromium.

`first_query_bytes(site_dir, query)` serves the site on a loopback port, opens /zoeken/?q=query
with an empty cache, waits until the results are shown, and adds up every file the server handed
out under pagefind/ and, for a site indexed in parts, pagefind-2/ and on (loader, worker, wasm,
entry and meta, index and filter chunks, fragments).
Pagefind stores its chunks gzip-compressed already, so "gzip" is what a server with gzip would send:
the compressed size where compressing helps, else the raw size.

Run directly for a report: `python bench/search_bytes.py [SITE_DIR] [QUERY]`.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
RESULTS_SHOWN = '.pb-resultaten[aria-busy="false"]'


class _Recorder(http.server.SimpleHTTPRequestHandler):
    """Serves files quietly and notes the path of every GET on the server's `served` list."""

    def do_GET(self) -> None:
        self.server.served.append(unquote(urlsplit(self.path).path))
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve_site(site_dir: Path) -> Iterator[tuple[str, list[str]]]:
    """Serve `site_dir` on a free loopback port; yield its base URL and the list of served paths."""
    handler = functools.partial(_Recorder, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.served = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/", server.served
    finally:
        server.shutdown()
        server.server_close()


def transfer_sizes(path: Path) -> tuple[int, int]:
    """Raw bytes of a file, and the bytes a gzip-enabled server would send for it."""
    raw = path.read_bytes()
    return len(raw), min(len(raw), len(gzip.compress(raw, compresslevel=6, mtime=0)))


BUNDLE = re.compile(r"^/pagefind(-[0-9]+)?/")


def index_size(site_dir: Path) -> tuple[int, int]:
    """Bytes of the index proper (chunks, fragments, filters, meta), and of all Pagefind bundles
    (which also hold the loader, the wasm and Pagefind's own UI bundles, unused here)."""
    files = [f for bundle in sorted(site_dir.glob("pagefind*")) for f in bundle.rglob("*") if f.is_file()]
    index = [f for f in files if f.parent.name in ("index", "fragment", "filter") or f.suffix == ".pf_meta"]
    return sum(f.stat().st_size for f in index), sum(f.stat().st_size for f in files)


def launch_chromium(playwright):
    """Debian's chromium, headless and quiet (nothing of its own phones home)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def _search_once(browser, base: str, query: str) -> None:
    """Open the search page for `query` with an empty cache and wait until the results are shown."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{base}zoeken/?q={quote(query)}")
        page.wait_for_selector(RESULTS_SHOWN, state="attached")
    finally:
        context.close()


def first_query_bytes(site_dir: Path, query: str, browser=None) -> dict:
    """Files of the Pagefind bundles fetched for the first search of `query`, with raw and gzip totals.
    Pass a running Playwright `browser` to reuse it; else chromium is started for the measurement."""
    site_dir = Path(site_dir)
    with serve_site(site_dir) as (base, served):
        if browser is not None:
            _search_once(browser, base, query)
        else:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                own = launch_chromium(playwright)
                try:
                    _search_once(own, base, query)
                finally:
                    own.close()
    files = {path: transfer_sizes(site_dir / path.lstrip("/")) for path in dict.fromkeys(served) if BUNDLE.match(path)}
    index, everything = index_size(site_dir)
    return {
        "query": query,
        "files": files,
        "raw": sum(raw for raw, _ in files.values()),
        "gzip": sum(packed for _, packed in files.values()),
        "index": index,
        "pagefind_dir": everything,
    }


def main(argv: list[str]) -> None:
    site_dir = Path(argv[1]) if len(argv) > 1 else Path("site")
    query = argv[2] if len(argv) > 2 else "naoberfonds"
    report = first_query_bytes(site_dir, query)
    for path, (raw, packed) in report["files"].items():
        print(f"{raw:>9,} {packed:>9,}  {path}")
    print(f"{report['raw']:>9,} {report['gzip']:>9,}  first query '{query}' (raw, gzip), {len(report['files'])} files")
    print(f"{report['index']:>9,}            the index (chunks, fragments, filters, meta)")
    print(f"{report['pagefind_dir']:>9,}            everything in the Pagefind bundles")


if __name__ == "__main__":
    main(sys.argv)
