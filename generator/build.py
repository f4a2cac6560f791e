"""The pipeline: load → validate → link → render (pages, open data, feeds) → write → site.
Nothing is written unless all records are valid."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
from collections.abc import Iterator
from pathlib import Path

from . import begrippen, project
from .link import Catalogue, link
from .export import export
from .feed import feeds
from .load import load
from .problems import Problem, dutch_os_error, errors
from .render import Settings, render
from .site import build_site
from .validate import validate
from .voorbeeld import PREVIEW_DIR, build_preview
from .write import LOCK_FILE, Busy, build_lock, recover, write

LOCK_PATH = LOCK_FILE.as_posix()


@dataclasses.dataclass(frozen=True)
class Layout:
    """Where a build reads and writes, relative to the project root."""

    root: Path
    docs_dir: Path
    site_dir: Path

    @classmethod
    def of(cls, root: Path) -> "Layout":
        return cls(root, root / "build" / "docs", root / "site")


def read_settings(root: Path) -> Settings:
    """The project's page templates, and from `mkdocs.yml` the site URL and the repository's
    web-editor URL (`extra.bewerk_url`).

    `repo_url` stays unset on purpose: Material would fetch repository statistics
    from GitHub's API on every page, a request to a third party.
    """
    config = project.config(root)
    extra = config.get("extra") or {}
    return Settings(templates=root / project.PAGE_TEMPLATES, site_url=str(config.get("site_url") or ""),
                    edit_base=str(extra.get("bewerk_url") or ""),
                    site_name=str(config.get("site_name") or Settings.site_name))


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the catalogue is made, then freeze it.

    Loading creates millions of small dicts and lists that all stay alive; the collector would
    rescan them over and over while they are made (a tenth of the validation time at 10,000
    records), and again in every full collection while the pages are rendered (a ninth of the
    render time). Record data has no reference cycles, so nothing is lost by waiting, and
    `gc.freeze()` leaves what exists now out of later collections (reference counting still
    frees it).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def check(root: Path) -> tuple[Catalogue, list[Problem]]:
    """Load, validate and link every record: the catalogue and all problems found."""
    with collector_paused():
        records, problems = load(root)
        problems += validate(records) + begrippen.check(records)
        catalogue, link_problems = link(records)
    return catalogue, problems + link_problems


def generate(catalogue: Catalogue, settings: Settings) -> dict[str, str]:
    """Every generated file of the docs folder (pages, exports, feeds), as path -> text."""
    return render(catalogue, settings) | export(catalogue, settings) | feeds(catalogue, settings)


def _unwritable(layout: Layout, error: OSError) -> Problem:
    """A file-system error while writing, as a Dutch problem at the file or folder it concerns."""
    where = Path(error.filename) if error.filename else layout.site_dir
    with contextlib.suppress(ValueError):
        where = where.resolve().relative_to(layout.root.resolve())
    return Problem(where.as_posix(), 1, 1, "PB502", f"de site kan niet worden geschreven: {dutch_os_error(error)}",
                   "maak ruimte vrij of geef schrijfrechten op deze plek, en bouw opnieuw; de vorige site blijft staan")


def build(layout: Layout, site: bool = True, preview: bool = False) -> list[Problem]:
    """Run the whole pipeline; stop before writing anything when a record has an error. Writing
    happens under the build lock; a second build meanwhile stops with PB503. With `preview` (and
    `site`), the copy of the site to open from disk is made under the same lock, so no other build
    swaps site/ while it is copied."""
    catalogue, problems = check(layout.root)
    if errors(problems):
        return problems
    try:
        with build_lock(layout.root):
            recover(layout.site_dir)
            recover(layout.docs_dir)
            recover(layout.root / PREVIEW_DIR)
            write(generate(catalogue, read_settings(layout.root)), layout.root, layout.docs_dir)
            if site:
                build_site(layout.root, layout.site_dir)
            if site and preview:
                build_preview(layout.site_dir, layout.root / PREVIEW_DIR)
    except Busy:
        return problems + [Problem(LOCK_PATH, 1, 1, "PB503", "er loopt al een bouw in deze projectmap",
                                   "wacht tot die klaar is en probeer het dan opnieuw")]
    except OSError as error:
        return problems + [_unwritable(layout, error)]
    return problems
