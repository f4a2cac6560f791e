"""The benchmark's synthetic catalogue: valid, deterministic, every record used, and realistic in size."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

from generator.build import check
from tests.conftest import REPO, make_project

sys.path.insert(0, str(REPO / "bench"))
import synthetic  # noqa: E402

N = 50
TEXT_FIELDS = ("titel", "samenvatting", "beschrijving", "aanpak")
LIST_FIELDS = ("succesfactoren", "lessen")


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synthetisch")
    return make_project(folder / "project", synthetic.write_records(folder / "records", N))


@pytest.fixture(scope="module")
def checked(catalogue: Path):
    """The linked catalogue and every problem found in it."""
    return check(catalogue)


def words(practice: dict) -> int:
    """Words of running text in a practice, as a reader sees them."""
    texts = [practice[field] for field in TEXT_FIELDS] + [t for field in LIST_FIELDS for t in practice.get(field, ())]
    texts += [r["omschrijving"] for r in practice.get("resultaten", ())] + [c["tekst"] for c in practice.get("citaten", ())]
    texts += [o["beschrijving"] for o in practice.get("onderdelen", ())]
    return sum(len(re.findall(r"\w+", text)) for text in texts)


def test_validates_without_errors_or_warnings(checked) -> None:
    _linked, problems = checked
    assert [str(p) for p in problems] == []


def test_every_record_is_used_and_every_kind_is_present(checked) -> None:
    linked, _problems = checked
    assert len(linked.records["praktijk"]) == N
    for kind in ("gemeente", "organisatie", "bron", "thema", "doelgroep"):
        assert linked.records[kind], kind
        unused = [slug for slug in linked.records[kind] if not linked.referenced_by.get((kind, slug))]
        assert unused == [], kind
    regions = [data for _slug, data in linked.all("gemeente") if data["soort"] == "regio"]
    assert regions and all(len(region["leden"]) >= 2 for region in regions)


def test_municipalities_are_real_cbs_municipalities_of_2025(catalogue: Path) -> None:
    existing = {row["statcode"]: row for row in synthetic.cbs_municipalities()}
    for path in (catalogue / "content" / "gemeenten").glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data["soort"] == "gemeente":
            assert existing[data["cbs_code"]]["naam"] == data["naam"]


def test_themes_and_target_groups_are_the_real_ones(catalogue: Path) -> None:
    for folder in synthetic.REAL_VOCABULARIES:
        assert sorted(p.name for p in (catalogue / folder).glob("*.yml")) == sorted(p.name for p in (REPO / folder).glob("*.yml"))


def test_practices_have_about_400_words_and_cross_references(catalogue: Path) -> None:
    practices = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((catalogue / "practices").glob("*.yml"))]
    average = sum(map(words, practices)) / len(practices)
    assert 350 <= average <= 450
    assert sum(1 for p in practices if p.get("verwante_praktijken")) >= N // 4
    assert all(p["citaten"] and p["resultaten"] for p in practices)


def test_same_seed_gives_identical_files_and_another_seed_does_not(tmp_path: Path) -> None:
    def files(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.yml"))}

    first = files(synthetic.write_records(tmp_path / "a", 30))
    assert first == files(synthetic.write_records(tmp_path / "b", 30))
    assert first != files(synthetic.write_records(tmp_path / "c", 30, seed=7))


def test_too_small_a_catalogue_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least"):
        synthetic.write_records(tmp_path, 5)
