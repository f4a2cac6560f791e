"""SVG maps of the Netherlands with municipalities highlighted: the national map as a file of its
own that a page embeds, the locator maps inline.

The outlines come from `data/kaart.json`, made by `scripts/derive_geo.py` from CBS boundaries
(see `data/README.md`); show `ATTRIBUTIE` with every map. All functions are pure and their
output is deterministic; colours live in `SHAPES_CSS`, part of both the site's stylesheet
(`KAART_CSS`) and the national map file.
"""

from __future__ import annotations

import functools
import json
from html import escape
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "kaart.json"

ATTRIBUTIE = ("Gemeente- en provinciegrenzen: © CBS (CBS Gebiedsindelingen, via PDOK), CC BY 4.0; "
              "vereenvoudigd door cartomap/nl (https://github.com/cartomap/nl).")

LOCATOR_WIDTH = 200  # CSS pixels
MARKER_RADIUS = 7  # CSS pixels: a ring on the locator map so that small municipalities stand out

# Accent #a3005a: 7.8:1 against white, 6.1:1 against the grey fill #e4e4e4 (WCAG AA needs 3:1
# for graphics, 4.5:1 for text); province lines #6e6e6e: 4.0:1 against the grey fill. The map's
# links take no keyboard focus (see national_map), so they need no focus style. A class may sit on
# a path or on a group of paths: fill and stroke are inherited.
SHAPES_CSS = """\
.pb-kaart path{vector-effect:non-scaling-stroke;stroke-linejoin:round}
.pb-kaart__gemeente{fill:#e4e4e4;stroke:#fff;stroke-width:.6}
.pb-kaart__provincie{fill:none;stroke:#6e6e6e;stroke-width:1;pointer-events:none}
.pb-kaart__actief{fill:#a3005a;stroke:#a3005a;stroke-width:1}
.pb-kaart a:hover{fill:#5c0033;stroke:#5c0033}
"""
# The site's stylesheet: the inline locator maps, and the size of the national map on its page.
KAART_CSS = """\
.pb-kaart{display:block;width:100%;max-width:40rem;height:auto}
.pb-kaart--ligging{width:200px;max-width:100%}
.pb-kaart--ligging .pb-kaart__provincie{fill:#e4e4e4;stroke:#fff}
.pb-kaart__ring{fill:none;stroke:#a3005a;stroke-width:2;vector-effect:non-scaling-stroke}
""" + SHAPES_CSS
# The national map is a document of its own, so the page's stylesheet does not reach it: it carries
# the shapes' colours, and keeps them on paper (as the page's print styles do for the locator map).
NATIONAL_MAP_CSS = "svg{print-color-adjust:exact;-webkit-print-color-adjust:exact}\n" + SHAPES_CSS


@functools.cache
def _data() -> dict:
    """The map data, loaded once."""
    return json.loads(DATA.read_text(encoding="utf-8"))


def _shape(statcode: str) -> dict:
    """`{"d", "label"}` of a 2025 or dissolved municipality; KeyError when unknown."""
    data = _data()
    shape = data["gemeenten"].get(statcode) or data["opgeheven"].get(statcode)
    if shape is None:
        raise KeyError(f"unknown municipality statcode {statcode!r}: not in {DATA.name} "
                       "(expected a CBS code such as 'GM0363' of 2015, 2019 or 2025)")
    return shape


def _view_box() -> str:
    """The viewBox attribute value shared by all maps."""
    return " ".join(map(str, _data()["viewBox"]))


def national_map(highlighted: dict[str, tuple[str, str]], title: str = "Kaart van Nederland") -> str:
    """A standalone SVG document of all municipalities and provinces, for a page to show with
    `embedded_map`; each statcode in `highlighted` maps to `(href, name)` and becomes a link in
    the accent colour that opens in the page (hrefs are relative to the map file). Statcodes with
    the same href and name (a region) form one link. The links are for the mouse only
    (`tabindex="-1"`, `aria-hidden`): the page lists the same places as text, which is the keyboard
    and screen-reader route, so the map adds no tab stops with tiny targets. Raises KeyError for
    an unknown statcode.

    A file rather than inline: with a link and a name for each of the 342 municipalities the map
    is about 60 KB, and the page that lists them as well would pass 100 KB at 10,000 practices."""
    links: dict[tuple[str, str], list[str]] = {}
    for statcode in sorted(highlighted):
        _shape(statcode)
        links.setdefault(highlighted[statcode], []).append(statcode)
    desc = "Kaart van Nederland met de provinciegrenzen en alle gemeenten."
    if links:
        desc += f" Gekleurd: {len(links)} {'gebied' if len(links) == 1 else 'gebieden'}."
    data = _data()
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pb-kaart" viewBox="{_view_box()}" '
        f'role="{"group" if links else "img"}" aria-labelledby="titel uitleg">\n',
        f'<title id="titel">{escape(title)}</title><desc id="uitleg">{escape(desc)}</desc>\n',
        f"<style>\n{NATIONAL_MAP_CSS}</style>\n",
        '<g class="pb-kaart__gemeente" aria-hidden="true">',
        *(f'<path d="{shape["d"]}"/>'
          for statcode, shape in sorted(data["gemeenten"].items()) if statcode not in highlighted),
        '</g>\n<g class="pb-kaart__actief" aria-hidden="true">',
    ]
    for (href, name), statcodes in sorted(links.items(), key=lambda item: item[1][0]):
        parts.append(f'\n<a href="{escape(href)}" target="_parent" tabindex="-1"><title>{escape(name)}</title>')
        parts += (f'<path d="{_shape(statcode)["d"]}"/>' for statcode in statcodes)
        parts.append("</a>")
    parts += ['</g>\n<g class="pb-kaart__provincie" aria-hidden="true">',
              *(f'<path d="{province["d"]}"/>' for _, province in sorted(data["provincies"].items())),
              "</g>\n</svg>\n"]
    return "".join(parts)


def embedded_map(src: str, title: str = "Kaart van Nederland") -> str:
    """The `<object>` that shows the `national_map` file at `src` on a page: an image named
    `title` at the page's map width, its height kept from the first layout on (no jump when the
    file arrives), and no tab stop (its links are for the mouse, see `national_map`)."""
    _, _, width, height = _data()["viewBox"]
    return (f'<object class="pb-kaart" data="{escape(src)}" type="image/svg+xml" role="img" '
            f'aria-label="{escape(title)}" tabindex="-1" style="aspect-ratio:{width}/{height}"></object>')


def locator_map(statcodes: list[str], name: str) -> str:
    """A small `<svg>` (LOCATOR_WIDTH pixels wide) of the provinces with `statcodes` drawn in
    the accent colour and ringed at the mean of their label points, labelled "Ligging van
    {name} in Nederland". Raises KeyError for an unknown statcode, ValueError for none."""
    if not statcodes:
        raise ValueError("locator_map needs at least one municipality statcode")
    shapes = [_shape(statcode) for statcode in sorted(set(statcodes))]
    _, _, width, height = _data()["viewBox"]
    x, y = (round(sum(shape["label"][k] for shape in shapes) / len(shapes)) for k in (0, 1))
    return "".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pb-kaart pb-kaart--ligging" viewBox="{_view_box()}" '
        f'width="{LOCATOR_WIDTH}" height="{round(LOCATOR_WIDTH * height / width)}" role="img" '
        f'aria-label="{escape(f"Ligging van {name} in Nederland")}">',
        *(f'<path class="pb-kaart__provincie" d="{province["d"]}"/>'
          for _, province in sorted(_data()["provincies"].items())),
        f'<path class="pb-kaart__actief" d="{"".join(shape["d"] for shape in shapes)}"/>',
        f'<circle class="pb-kaart__ring" cx="{x}" cy="{y}" r="{round(MARKER_RADIUS * width / LOCATOR_WIDTH)}"/>',
        "</svg>",
    ])
