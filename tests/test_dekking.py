"""Coverage: every entry of the sources' content checklist has a home on the site (content/dekking.yml).

The checklist itself lives outside the repository; its entry numbers and kinds are committed in
tests/fixtures/inhoudslijst.txt, so this runs on a clone alone."""

from __future__ import annotations

import pytest
import yaml

from generator.build import check
from generator.project import PAGE_TEMPLATES
from generator.render import anchor, page_anchors

from .conftest import FIXTURES, REPO

CHECKLIST = FIXTURES / "inhoudslijst.txt"


@pytest.fixture(scope="module")
def coverage() -> dict[int, dict]:
    return yaml.safe_load((REPO / "content" / "dekking.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalogue():
    catalogue, _problems = check(REPO)
    return catalogue


def test_every_entry_has_an_existing_home(coverage, catalogue):
    homeless = []
    for number, home in sorted(coverage.items()):
        kind = "praktijk" if "praktijk" in home else "gemeente"
        record = catalogue.records.get(kind, {}).get(home.get(kind))
        if record is None:
            homeless.append((number, f"no {kind} {home.get(kind)}"))
        elif "onderdeel" in home:
            titles = [part["titel"] for part in record.data.get("onderdelen", [])]
            if home["onderdeel"] not in titles:
                homeless.append((number, f"no onderdeel {home['onderdeel']!r} in {kind} {home[kind]}"))
    assert not homeless


def test_pages_have_a_practice_of_their_own(coverage):
    assert [n for n, home in coverage.items() if home["soort"] == "page" and ("praktijk" not in home or "onderdeel" in home)] == []


def test_onderdeel_anchors_are_unique_per_record(catalogue):
    for kind in ("praktijk", "gemeente"):
        for slug, record in catalogue.records[kind].items():
            reserved = page_anchors(REPO / PAGE_TEMPLATES)
            anchors = [anchor(part["titel"], reserved=reserved) for part in record.data.get("onderdelen", [])]
            assert len(anchors) == len(set(anchors)), slug


def test_coverage_matches_the_checklist(coverage):
    rows = [line.split() for line in CHECKLIST.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    entries = {int(number): kind for number, kind in rows}
    assert len(entries) == 134
    assert {n: home["soort"] for n, home in coverage.items()} == entries
