"""The source check on the real content: every cited line range exists in its document and every
quote is verbatim inside it. The documents live in ../shared/seeds, next to the repository; CI
always has them, so there a missing folder fails instead of skipping."""

from __future__ import annotations

import os

import pytest

from generator.build import check
from generator.problems import errors
from generator.sources import check_sources
from tests.conftest import REPO

SEEDS = REPO.parent / "shared" / "seeds"


def test_citations_and_quotes_match_the_source_documents():
    if not SEEDS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{SEEDS} ontbreekt: de broncontrole kan niet draaien")
        pytest.skip(f"broncontrole niet uitgevoerd: {SEEDS} ontbreekt")
    catalogue, problems = check(REPO)
    assert not errors(problems)
    found = check_sources(catalogue, SEEDS)
    assert not found, "\n".join(map(str, found))
