"""The largest HTML page of every kind in a built site: `python bench/page_sizes.py SITE_DIR`.

A kind is the page's section (`themas`, `praktijken`), a numbered continuation page of a split list
(`themas (vervolg)`) or a single overview (`praktijken/index.html`). Sizes in KB of 1,024 bytes.
"""

from __future__ import annotations

import sys
from pathlib import Path


def kind_of(path: str) -> str:
    """`themas/wonen/index.html` -> `themas`; `themas/index.html` stays itself; a continuation page
    of a split list gets ` (vervolg)`: `praktijken/index (vervolg)`, `themas (vervolg)`."""
    parts = path.split("/")
    if len(parts) <= 2:
        return path
    kind = "/".join(parts[:2]) if parts[1] == "index" else parts[0]
    return kind + (" (vervolg)" if "/pagina-" in path else "")


def largest_pages(site: Path) -> dict[str, tuple[int, str, int]]:
    """Kind -> (bytes of its largest page, that page's path, number of pages of the kind)."""
    found: dict[str, tuple[int, str, int]] = {}
    for page in site.rglob("*.html"):
        path = page.relative_to(site).as_posix()
        size, largest, count = found.get(kind_of(path), (0, "", 0))
        found[kind_of(path)] = max((size, largest), (page.stat().st_size, path)) + (count + 1,)
    return found


if __name__ == "__main__":
    for kind, (size, path, count) in sorted(largest_pages(Path(sys.argv[1])).items(), key=lambda item: -item[1][0]):
        print(f"{size / 1024:8.1f} KB  {count:6d} pages  {kind:34s} {path}")
