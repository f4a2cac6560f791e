"""Long lists split into numbered pages (`render.PAGE_SIZE`): the slicing itself, and a built site
whose lists are longer than a (lowered) page size: every page small, linked to the others, and every
practice reachable by plain links."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from generator import render
from generator.render import Pager, numbered_page, split
from tests.conftest import REPO, build_or_fail, make_project
from tests.test_site import html_files, parse, target_of

sys.path.insert(0, str(REPO / "bench"))
import synthetic  # noqa: E402

N = 150  # practices in the synthetic catalogue
SIZE = 7  # the lowered page size: the practice table takes 22 pages, a theme several


def test_split_keeps_every_item_once_in_order():
    """Pages of at most `size` entries that together are the list, in order; an empty list is one empty page."""
    items = list(range(23))
    pages = split(items, 10)
    assert pages == [items[:10], items[10:20], items[20:]]
    assert split(items, 23) == [items]
    assert split([], 10) == [[]]
    for size in range(1, 30):
        parts = split(items, size)
        assert [x for part in parts for x in part] == items
        assert all(0 < len(part) <= size for part in parts)


def test_pager_names_its_part_and_the_other_pages():
    pagers = Pager.pages("themas/wonen.md", 10_001, 200)
    assert len(pagers) == 51 and {p.count for p in pagers} == {51}
    second = pagers[1]
    assert second.label == "201–400 van 10.001"
    assert pagers[-1].label == "10.001–10.001 van 10.001"
    assert second.part(list(range(10_001))) == list(range(200, 400))
    assert [second.path(n) for n in (1, 2)] == ["themas/wonen.md", "themas/wonen/pagina-2.md"]
    assert numbered_page("praktijken/index.md", 3) == "praktijken/index/pagina-3.md"
    assert [p.count for p in Pager.pages("x.md", 0, 5) + Pager.pages("x.md", 5, 5)] == [1, 1]
    assert pagers[0].numbers == [1, 2, 3, None, 51]
    assert pagers[9].numbers == [1, None, 8, 9, 10, 11, 12, None, 51]
    assert pagers[49].numbers == [1, None, 48, 49, 50, 51]
    assert Pager.pages("x.md", 20, 5)[1].numbers == [1, 2, 3, 4]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("paging")
    project = make_project(folder / "project", synthetic.write_records(folder / "records", N))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render, "PAGE_SIZE", SIZE)
        return build_or_fail(project)


def _pager_links(site: Path, page: Path) -> list[Path]:
    """The pages one page's pager links to."""
    nav = re.search(r'<nav[^>]*class="pb-pager".*?</nav>', page.read_text(encoding="utf-8"), re.S)
    return [target_of(site, page, href)[0] for href in re.findall(r'href="([^"]+)"', nav.group())] if nav else []


def _chain(site: Path, first: Path) -> list[Path]:
    """The pages of a split list, followed from the first by the pager's links."""
    seen, todo = [first.resolve()], [first.resolve()]
    while todo:
        for target in _pager_links(site, todo.pop()):
            assert target.is_file(), target
            if target not in seen:
                seen.append(target)
                todo.append(target)
    return seen


def _practices_linked(site: Path, page: Path) -> set[Path]:
    practices = site.resolve() / "praktijken"
    return {t for href in parse(page).links if (found := target_of(site, page, href))
            for t in [found[0]] if t.parent.parent == practices and t.parent.name != "index"}


def test_practice_table_is_split_and_every_practice_is_reachable(site: Path):
    """The table's pages link to each other; each holds at most PAGE_SIZE rows, together all practices."""
    pages = _chain(site, site / "praktijken" / "index.html")
    assert len(pages) == -(-N // SIZE)
    rows = [page.read_text(encoding="utf-8").count("<tr><td>") for page in pages]
    assert max(rows) <= SIZE and sum(rows) == N
    reached = set().union(*(_practices_linked(site, page) for page in pages))
    assert len(reached) == N and all(path.is_file() for path in reached)
    second = (site / "praktijken" / "index" / "pagina-2" / "index.html").read_text(encoding="utf-8")
    assert f"Praktijken {SIZE + 1}–{2 * SIZE} van {N}" in second
    assert 'rel="prev"' in second and 'rel="next"' in second and "<title>Alle praktijken, pagina 2" in second
    labels = [re.search(r'aria-label="([^"]+)"', nav).group(1) for nav in re.findall(r'<nav[^>]*class="pb-pager"[^>]*>', second)]
    assert len(labels) == 2 and len(set(labels)) == 2  # two landmarks, each with its own name


@pytest.mark.parametrize("section", ["themas", "doelgroepen", "gemeenten", "organisaties", "bronnen"])
def test_record_lists_are_split_and_complete(site: Path, section: str):
    """A record page's practice list longer than PAGE_SIZE continues on numbered pages that list every
    practice once; only the first page is in the search index."""
    split_any = False
    for page in sorted((site / section).glob("*/index.html")):
        pages = _chain(site, page)
        if len(pages) == 1:
            continue
        split_any = True
        linked = [_practices_linked(site, p) for p in pages]
        assert max(map(len, linked)) <= SIZE, (page, list(map(len, linked)))
        assert sum(map(len, linked)) == len(set().union(*linked)), page  # no practice on two pages
        total = re.search(r"van (\d+)</p>", pages[0].read_text(encoding="utf-8")).group(1)
        assert len(set().union(*linked)) == int(total), page
        assert all("data-pagefind-body" not in p.read_text(encoding="utf-8") for p in pages[1:])
    # at N practices a theme, a target group and a source have more than SIZE; a municipality or
    # an organisation fewer (they are checked when the list is longer)
    assert split_any or section in ("gemeenten", "organisaties")


def test_every_page_stays_below_the_limit(site: Path):
    """With the lists split, no page is larger than 1.5 times the largest practice page (a page without a
    long list): at N practices the practice table alone would be 1.9 times that in one piece. Left out are
    the pages whose size does not follow the lists: the editors' reference pages; the benchmark measures
    every page at 10,000 practices."""
    practice = max(p.stat().st_size for p in (site / "praktijken").glob("*/index.html") if p.parent.name != "index")
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in html_files(site)}
    for fixed in ("velden/index.html", "foutcodes/index.html"):
        sizes.pop(fixed)
    assert max(sizes.values()) < 1.5 * practice, max(sizes, key=sizes.get)


def test_numbered_pages_are_in_the_sitemap_and_not_in_the_menu(site: Path):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "praktijken/index/pagina-2/</loc>" in sitemap
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "pagina-2" not in home
