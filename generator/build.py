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
from .problems import Problem, errors
from .render import Settings, render
from .site import build_site
from .validate import validate
from .write import write


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
                    edit_base=str(extra.get("bewerk_url") or ""))


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


def build(layout: Layout, site: bool = True) -> list[Problem]:
    """Run the whole pipeline; stop before writing anything when a record has an error."""
    catalogue, problems = check(layout.root)
    if errors(problems):
        return problems
    write(generate(catalogue, read_settings(layout.root)), layout.root, layout.docs_dir)
    if site:
        build_site(layout.root, layout.site_dir)
    return problems
