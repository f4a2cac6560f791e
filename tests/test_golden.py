"""The fixture catalogue renders exactly to the committed golden pages (regenerate: `make golden`)."""

from __future__ import annotations

import pytest

from .golden import GOLDEN, rendered

PAGES = rendered()


def test_the_same_pages_are_rendered():
    committed = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file())
    assert sorted(PAGES) == committed


@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_matches_golden(page: str):
    assert PAGES[page] == (GOLDEN / page).read_text(encoding="utf-8"), f"{page} differs: run `make golden` if intended"
