"""`praktijkbank build --voorbeeld`: a copy of the built site that works when opened from disk.

The site uses directory URLs (`themas/eenzaamheid/`), which a web server answers with the folder's
`index.html`; a browser opening the files from disk shows a folder listing instead. The preview is
the same site with every relative link to a folder pointing at its `index.html`, so a reviewer can
unzip the pull request's artifact and click through it. Search needs a web server (the browser
will not let a page on disk load the search index), so the search page says so.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from .write import swap_in

PREVIEW_DIR = "voorbeeld"  # next to site/, relative to the project root
# Links and form targets; `src` and data attributes point at files already.
_LINK = re.compile(r'(\b(?:href|action)=")([^"]*)(")')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_SEARCH_HEADING = re.compile(r"(<h1\b[^>]*>.*?</h1>)", re.S)
NOTE = ('<p class="pb-voorbeeld-melding"><strong>Let op:</strong> dit is een voorbeeld van de site dat je '
        "vanaf je eigen computer opent. Zoeken werkt daarin niet, omdat de browser dan de zoekindex niet mag "
        "laden. Klik via de menu's naar de praktijken, thema's en gemeenten. Op de echte site werkt zoeken "
        "wel.</p>")


def file_link(url: str) -> str:
    """A relative link to a folder (`../themas/x/`, `../..`, `./#kop`) as a link to its index.html."""
    if not url or url.startswith(("#", "/", "?")) or _SCHEME.match(url):
        return url
    cut = min((i for i in (url.find("#"), url.find("?")) if i >= 0), default=len(url))
    path, rest = url[:cut], url[cut:]
    if path.endswith("/"):
        path += "index.html"
    elif path.rsplit("/", 1)[-1] in (".", ".."):
        path += "/index.html"
    return path + rest


def preview_page(html: str, search_page: bool = False) -> str:
    """One page with file links, and on the search page the note that search needs a web server."""
    html = _LINK.sub(lambda m: m.group(1) + file_link(m.group(2)) + m.group(3), html)
    if search_page:
        html = _SEARCH_HEADING.sub(lambda m: m.group(1) + NOTE, html, count=1)
    return html


def build_preview(site_dir: Path, preview_dir: Path) -> None:
    """Copy the built site to `preview_dir` with file links (staged, then swapped in whole)."""
    preview_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".voorbeeld-", dir=preview_dir.parent))
    try:
        shutil.copytree(site_dir, staging, dirs_exist_ok=True)
        search_page = staging / "zoeken" / "index.html"
        for page in sorted(staging.rglob("*.html")):
            text = page.read_text(encoding="utf-8")
            page.write_text(preview_page(text, page == search_page), encoding="utf-8", newline="")
        swap_in(staging, preview_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
