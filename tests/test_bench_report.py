"""The benchmark's report: page kinds, the largest page of each, the targets against a baseline,
and the pinning of a baseline's code (bench/run.py, bench/pinned.py). No timing is measured here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "bench"))
import run  # noqa: E402

SECTIONS = {"praktijk": "praktijken", "thema": "themas", "begrip": "begrippen"}


@pytest.mark.parametrize(("path", "kind"), [
    ("index.html", "home page"),
    ("404.html", "other page"),
    ("zoeken/index.html", "other page"),
    ("praktijken/index.html", "practice overview"),
    ("praktijken/pagina-2/index.html", "practice overview, further pages"),
    ("praktijken/pagina/3/index.html", "practice overview, further pages"),
    ("praktijken/2/index.html", "practice overview, further pages"),
    ("praktijken/naoberfonds/index.html", "practice"),
    ("themas/zorg/index.html", "theme"),
    ("themas/zorg/pagina-2/index.html", "theme, further pages"),
    ("themas/zorg/kaart/index.html", "theme, sub page"),
    ("begrippen/wijkteam/index.html", "glossary term"),
])
def test_page_kind_follows_the_path(path: str, kind: str) -> None:
    assert run.page_kind(path, SECTIONS) == kind


def write_page(site: Path, path: str, size: int) -> None:
    target = site / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("<p>" + "x" * (size - 3), encoding="utf-8")


def test_largest_page_of_every_kind(tmp_path: Path) -> None:
    for path, size in [("index.html", 100), ("praktijken/index.html", 900), ("praktijken/pagina-2/index.html", 300),
                       ("praktijken/a/index.html", 200), ("praktijken/b/index.html", 500),
                       ("themas/zorg/index.html", 400), ("zoeken/index.html", 50), ("404.html", 70),
                       ("pagefind/ui.html", 99_999), ("assets/x.html", 99_999)]:
        write_page(tmp_path, path, size)
    largest = run.largest_pages(tmp_path, SECTIONS)
    assert {kind: (page["page"], page["raw"]) for kind, page in largest.items()} == {
        "home page": ("index.html", 100),
        "practice overview": ("praktijken/index.html", 900),
        "practice overview, further pages": ("praktijken/pagina-2/index.html", 300),
        "practice": ("praktijken/b/index.html", 500),
        "theme": ("themas/zorg/index.html", 400),
        "other page": ("404.html", 70),
    }
    assert 0 < largest["practice"]["gzip"] < 500  # a run of one letter packs well


def size(n: int, **figures) -> dict:
    """A measured catalogue of `n` practices, as measure_size returns it (only what the report reads)."""
    measured = {"n": n, "ours": 9.0, "ratio": 0.8, "floor": 11.0, "whole": 100.0, "mkdocs": 50.0, "pagefind": 30.0,
                "whole_mb": 1500.0, "validate_cli": 3.0, "query": {"gzip": 200 * 1024}, "page_max": 20_000,
                "page_gzip_max": 6_000, "largest": {"practice": {"page": "praktijken/a/index.html", "raw": 20_000, "gzip": 6_000},
                                                    "practice overview": {"page": "praktijken/index.html", "raw": 90_000, "gzip": 9_000}}}
    return measured | figures


REAL = {"seconds": 2.0, "mb": 50.0, "query": {"gzip": 120 * 1024}, "page_max": 24_000, "page_gzip_max": 7_000,
        "largest": {"practice": {"page": "praktijken/buurtteams-utrecht/index.html", "raw": 24_000, "gzip": 7_000}}}


def verdicts(sizes: list[dict], real: dict = REAL) -> dict[str, str]:
    return {figure: result for figure, _measured, _target, result in run.targets(sizes, real)}


def test_targets_pass_on_good_figures() -> None:
    found = verdicts([size(10_000, before=size(10_000, mkdocs=110.0, whole=200.0))])
    assert found["Largest generated page at 10,000"] == "PASS"
    assert found["Longest practice page, real site"] == "PASS"
    assert found["MkDocs at 10,000, now / before"] == "PASS"
    assert found["Whole build at 10,000, now / before"] == "PASS"
    assert found["Pagefind first query at 10,000"] == "PASS"
    assert found["Peak memory of the whole build at 10,000"] == "PASS"


def test_targets_fail_on_bad_figures() -> None:
    big_page = size(10_000)["largest"] | {"theme": {"page": "themas/zorg/index.html", "raw": 280_000, "gzip": 30_000}}
    slow = size(10_000, largest=big_page, whole_mb=2100.0, query={"gzip": 538 * 1024},
                before=size(10_000, mkdocs=99.0, whole=160.0))
    long_practice = REAL | {"largest": {"practice": {"page": "praktijken/x/index.html", "raw": 28_800, "gzip": 8_000}}}
    found = verdicts([slow], long_practice)
    for figure in ("Largest generated page at 10,000", "Longest practice page, real site", "MkDocs at 10,000, now / before",
                   "Whole build at 10,000, now / before", "Pagefind first query at 10,000",
                   "Peak memory of the whole build at 10,000"):
        assert found[figure] == "**FAIL**", figure
    assert "theme, `themas/zorg/`" in dict((row[0], row[1]) for row in run.targets([slow], REAL))["Largest generated page at 10,000"]


def test_ratio_targets_only_with_a_baseline() -> None:
    assert run.ratio_rows(size(10_000)) == []
    rows = run.ratio_rows(size(10_000, before=size(10_000, mkdocs=100.0, whole=200.0)))
    assert [(figure, measured) for figure, measured, _target, _result in rows] == [
        ("MkDocs at 10,000, now / before", "0.50× (50 s / 100 s)"),
        ("Whole build at 10,000, now / before", "0.50× (100 s / 200 s)")]


def test_comparison_gives_now_over_before_per_catalogue() -> None:
    rows = run.comparison([size(100), size(1000, before=size(1000, mkdocs=100.0))], REAL | {"before": REAL | {"seconds": 4.0}})
    assert ["MkDocs", "1,000", "100.0 s", "50.0 s", "0.50×"] in rows
    assert ["Whole build", "real", "4.0 s", "2.0 s", "0.50×"] in rows
    assert not [row for row in rows if row[1] == "100"]  # measured without a baseline: no ratio


def test_runs_alternate_between_now_and_before() -> None:
    assert [run.alternating(["now", "before"], number) for number in range(3)] == [
        ["now", "before"], ["before", "now"], ["now", "before"]]


def pinned(tree: Path) -> subprocess.CompletedProcess:
    code = "import generator; print(generator.__version__)"
    return subprocess.run([sys.executable, str(REPO / "bench" / "pinned.py"), str(tree), "-c", code],
                          capture_output=True, text=True, cwd=REPO)


def test_pinned_imports_the_generator_of_the_given_tree(tmp_path: Path) -> None:
    (tmp_path / "generator").mkdir()
    (tmp_path / "generator" / "__init__.py").write_text('__version__ = "baseline"\n', encoding="utf-8")
    done = pinned(tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "baseline"


def test_pinned_stops_when_the_generator_comes_from_elsewhere(tmp_path: Path) -> None:
    done = pinned(tmp_path)  # no generator in this tree: the editable install's would be imported
    assert done.returncode != 0
    assert f"niet uit {tmp_path}" in done.stderr


def test_with_a_baseline_each_pipeline_runs_first_once_at_the_largest_sizes() -> None:
    assert [run.default_repeat(n, None) for n in (100, 1000, 10_000)] == [3, 3, 1]
    assert [run.default_repeat(n, "12abbca") for n in (100, 1000, 10_000)] == [3, 3, 2]
