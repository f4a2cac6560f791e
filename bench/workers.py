"""The measured work of the benchmark, run by `bench/run.py` as `python bench/workers.py MODE PATH…`.

Each mode runs in a fresh process that imports only what a build imports, so its peak memory
(`ru_maxrss`, read by the parent) is that of the work itself. The answer is one line of JSON.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator import site as site_builder  # noqa: E402


def work_stages(root: Path) -> dict:
    """Time each of our stages, called in the order of `generator.build.build`. "render" is
    `generator.build.generate`: `render.render` plus the open-data exports and feeds."""
    from generator.build import Layout, collector_paused, generate, read_settings
    from generator.link import link
    from generator.load import load
    from generator.problems import errors
    from generator.validate import validate
    from generator.write import write

    times = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        times[stage] = now - clock
        clock = now

    with collector_paused():  # as generator.build.check does
        records, problems = load(root)
        lap("load")
        problems += validate(records)
        lap("validate")
        catalogue, link_problems = link(records)
        problems += link_problems
        lap("link")
    pages = generate(catalogue, read_settings(root))
    lap("render")
    write(pages, root, Layout.of(root).docs_dir)
    lap("write")
    return {"times": times, "errors": len(errors(problems)), "warnings": len(problems) - len(errors(problems)),
            "problems": [str(p) for p in problems[:5]], "pages": len(pages)}


FLOOR_TEMPLATE = """# {{ r.titel }}

{{ r.samenvatting }}

Gemeenten: {{ r.gemeenten | join(', ') }}. Thema's: {{ r.themas | join(', ') }}.

## Wat is het?

{{ r.beschrijving }}

## Hoe werkt het?

{{ r.aanpak }}

| Resultaat | Waarde | Jaar |
|---|---|---|
{% for res in r.resultaten or () %}| {{ res.omschrijving }} | {{ res.waarde }} {{ res.eenheid }} | {{ res.jaar }} |
{% endfor %}

{% for s in r.succesfactoren or () %}- {{ s }}
{% endfor %}
{% for c in r.citaten or () %}> {{ c.tekst }} ({{ c.wie }})
{% endfor %}
"""


def work_floor(root: Path) -> dict:
    """The plain-Python floor: parse every record, then template and convert every practice to HTML."""
    import jinja2
    import markdown
    import yaml

    from generator.load import record_files

    started = time.perf_counter()
    parsed = [(kind, yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)) for kind, path in record_files(root)]
    parse = time.perf_counter() - started
    template = jinja2.Environment(autoescape=True).from_string(FLOOR_TEMPLATE)
    converter = markdown.Markdown(extensions=["tables"])
    started = time.perf_counter()
    html = [converter.reset().convert(template.render(r=data)) for kind, data in parsed if kind == "praktijk"]
    return {"parse": parse, "template": time.perf_counter() - started, "pages": len(html)}


def work_pagefind(site_dir: Path, root: Path) -> dict:
    """What `praktijkbank build` does after MkDocs: compact the HTML, then index it with Pagefind."""
    started = time.perf_counter()
    searchable = site_builder.compact_pages(site_dir)
    compacted = time.perf_counter()
    site_builder.index(site_dir, root, searchable)
    return {"compact": compacted - started, "index": time.perf_counter() - compacted}


WORKERS = {"stages": work_stages, "floor": work_floor, "pagefind": work_pagefind}


if __name__ == "__main__":
    mode, *arguments = sys.argv[1:]
    print(json.dumps(WORKERS[mode](*map(Path, arguments))))
