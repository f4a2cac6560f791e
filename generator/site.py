"""Stage 6: hand the written pages to the static-site builder, then index them with Pagefind.

The builder runs as a separate process on a plain `mkdocs.yml` (no plugins of
ours), so switching from MkDocs to Zensical is a change of command, not of code. Both steps write
into a temporary folder that replaces `site/` only when everything succeeded.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .parallel import mapped
from .problems import printable
from .write import swap_in

# Runs a module (`python -m …`) as a child that ends when this process ends, even by SIGKILL:
# a killed build must not leave MkDocs writing into a staging folder nobody will remove.
# (A `preexec_fn` would do the same from the parent, but is unsafe while threads run, as in `serve`.)
# The signal follows the thread that started the child; builds start it from their main thread.
_CHILD = """import ctypes, os, runpy, signal, sys
parent = int(sys.argv.pop(1))
if sys.platform == "linux":
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
if os.getppid() != parent:
    sys.exit(1)  # the build ended before this child was ready
sys.argv[0] = sys.argv.pop(1)
runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
"""
# Not `--quiet`: that hides the warnings `--strict` counts, and a strict build then never fails.
MKDOCS = ["mkdocs", "build", "--strict", "--site-dir"]
PAGEFIND = ["pagefind_bin", "--quiet", "--site"]


class BuildFailed(Exception):
    """The site builder or the indexer reported an error; its output is the message."""


# MkDocs stamps "now" on every page (`update_date`) and into sitemap.xml.gz; our sitemap takes its
# dates from the records (theme/overrides/sitemap.xml), so MkDocs' clock is pinned to a fixed moment
# (https://reproducible-builds.org/specs/source-date-epoch/): two builds on different days are identical.
PINNED_CLOCK = {"SOURCE_DATE_EPOCH": "0"}


def child_command(command: list[str]) -> list[str]:
    """`python -m command…`, as a child that does not outlive this process."""
    return [sys.executable, "-c", _CHILD, str(os.getpid()), *command]


def _run(command: list[str], root: Path) -> None:
    """Run a builder; on failure raise BuildFailed with its warnings and errors (all of its output
    if it named none), printable in a terminal."""
    result = subprocess.run(child_command(command), cwd=root, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **PINNED_CLOCK})
    if result.returncode != 0:
        lines = (result.stdout + result.stderr).splitlines()
        named = [line for line in lines if line.startswith(("WARNING", "ERROR", "Error", "Aborted"))]
        shown = "\n".join(printable(line) for line in named or lines[-40:])
        raise BuildFailed(f"De sitebouwer ({command[0]}) stopte met een fout:\n{shown}")


# Pagefind holds about 260 KB per practice page while it indexes (measured with 1.5: the same for
# plain 400-word pages; about 95 KB per page of the other kinds), so a 10,000-practice site needs
# 2.6 GB in one run. Above this many pages the index is built in parts of at most this size, which
# the search page merges in the browser: 3,334 practices took 875 MB (1.5.2), beside the build's
# own 0.9 GB. Each part costs the first search an index chunk (about 18 KB).
PAGES_PER_BUNDLE = 3500
BUNDLE_LIST = "pagefind/bundels.json"  # every bundle, the first one first, relative to the site root
KIND_FILTER = re.compile(r'data-pagefind-filter="soort:([^"]*)"')
FIRST_KIND = "Praktijk"  # the kind of page the search page lists first (theme/overrides/assets/zoeken.js)


def page_kind(text: str) -> str | None:
    """The kind of a page Pagefind indexes (one marking its content with `data-pagefind-body`): the
    value of its filter `soort`, empty if it has none; None for a page Pagefind skips."""
    if "data-pagefind-body" not in text:
        return None
    kind = KIND_FILTER.search(text)
    return kind.group(1) if kind else ""


def searchable_pages(site_dir: Path) -> dict[Path, str]:
    """Pages Pagefind indexes, each with its `page_kind`."""
    kinds = {path: page_kind(path.read_text(encoding="utf-8")) for path in sorted(site_dir.rglob("*.html"))}
    return {path: kind for path, kind in kinds.items() if kind is not None}


def bundle_name(number: int) -> str:
    return "pagefind" if number == 0 else f"pagefind-{number + 1}"


def bundles(pages: dict[Path, str], pages_per_bundle: int) -> list[tuple[str, list[Path]]]:
    """The pages of each bundle, with the one kind of page the bundle holds ("": several kinds).

    Pages that fit in one bundle get one. Above that, practices get bundles of their own and the
    other pages share the rest, each group in bundles of equal size: the search page gives a
    bundle of one kind its kind as a filter of every page (Pagefind's `mergeFilter`), so its
    first search, for practices first, fetches no filter chunk of the practice bundles.
    """
    if len(pages) <= pages_per_bundle:
        return [("", list(pages))]
    groups = {"": [page for page, kind in pages.items() if kind != FIRST_KIND],
              FIRST_KIND: [page for page, kind in pages.items() if kind == FIRST_KIND]}
    result = []
    for kind, group in groups.items():
        if group:
            count = -(-len(group) // pages_per_bundle)  # bundles needed, rounded up
            size = -(-len(group) // count)
            result += [(kind, group[start:start + size]) for start in range(0, len(group), size)]
    return result


def index(site_dir: Path, root: Path, pages: dict[Path, str] | None = None,
          pages_per_bundle: int = PAGES_PER_BUNDLE) -> None:
    """Build the Pagefind search index inside `site_dir` from `pages` with their kinds (by default
    the `searchable_pages`), in bundles of at most `pages_per_bundle` pages.

    Each bundle indexes a folder of hard links to its share of the pages, so that page URLs stay
    those of the site. In a bundle of one kind, a copy of each page has its kind as metadata
    instead of a filter (the search page adds the filter, and shows the metadata);
    `pagefind/bundels.json` lists every bundle with that kind.
    """
    if pages is None:
        pages = searchable_pages(site_dir)
    if not pages:  # a catalogue without records: Pagefind indexes whatever the pages hold
        _run(PAGEFIND + [str(site_dir)], root)
        (site_dir / BUNDLE_LIST).write_text(json.dumps([{"bundel": "pagefind/", "soort": None}]) + "\n", encoding="utf-8")
        return
    listed = []
    for number, (kind, part) in enumerate(bundles(pages, pages_per_bundle)):
        with tempfile.TemporaryDirectory(prefix=".zoekdeel-", dir=site_dir.parent) as linked:
            for page in part:
                target = Path(linked) / page.relative_to(site_dir)
                target.parent.mkdir(parents=True, exist_ok=True)
                if kind:
                    target.write_bytes(page.read_bytes().replace(f'data-pagefind-filter="soort:{kind}"'.encode(),
                                                                 f'data-pagefind-meta="soort:{kind}"'.encode()))
                else:
                    os.link(page, target)
            _run(PAGEFIND + [linked, "--output-path", str(site_dir / bundle_name(number))], root)
        listed.append({"bundel": bundle_name(number) + "/", "soort": kind or None})
    (site_dir / BUNDLE_LIST).write_text(json.dumps(listed) + "\n", encoding="utf-8")


# Text whose whitespace matters is kept as it is; elsewhere a line's indentation only costs bytes.
_KEPT_OR_INDENT = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>|<script\b.*?</script>)|\n\s+", re.S)


def compact(page: str) -> str:
    """A page without the indentation and blank lines of the builder's templates.

    A newline renders exactly like the whitespace run it replaces, so the page looks the same;
    Material's nested templates otherwise make up a fifth of a practice page's bytes.
    """
    return _KEPT_OR_INDENT.sub(lambda match: match.group(1) or "\n", page)


def _compacted(path: Path) -> str | None:
    """Compact one page in place; its `page_kind`."""
    text = path.read_text(encoding="utf-8")
    compacted = compact(text)
    if compacted != text:
        path.write_text(compacted, encoding="utf-8", newline="")
    return page_kind(compacted)


def compact_pages(site_dir: Path) -> dict[Path, str]:
    """Compact every HTML page the builder wrote (any builder: this runs after it), on every core;
    the `searchable_pages`, found on the way, so the indexer need not read every page again."""
    pages = sorted(site_dir.rglob("*.html"))
    return {page: kind for page, kind in zip(pages, mapped(_compacted, pages)) if kind is not None}


def build_site(root: Path, site_dir: Path) -> None:
    """Build and index the site into a temporary folder, then swap it in as `site_dir`."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        _run(MKDOCS + [str(staging)], root)
        index(staging, root, compact_pages(staging))
        swap_in(staging, site_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
