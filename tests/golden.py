"""Golden pages: the fixture catalogue rendered to Markdown, compared with tests/golden/.

Regenerate after an intended change with `make golden` (python -m tests.golden --update)
and review the diff like any other change.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import sys
from pathlib import Path

from generator.build import check, read_settings
from generator.project import PAGE_TEMPLATES
from generator.render import render

HERE = Path(__file__).resolve().parent
CATALOGUE = HERE / "fixtures" / "catalogus"
GOLDEN = HERE / "golden"


def rendered() -> dict[str, str]:
    """Every page the fixture catalogue renders to, with the repository's page templates."""
    catalogue, _problems = check(CATALOGUE)
    return render(catalogue, dataclasses.replace(read_settings(CATALOGUE), templates=HERE.parent / PAGE_TEMPLATES))


def update() -> None:
    shutil.rmtree(GOLDEN, ignore_errors=True)
    for page, text in rendered().items():
        target = GOLDEN / page
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite tests/golden from the current templates")
    if not parser.parse_args(argv).update:
        parser.print_help()
        return 2
    update()
    print(f"golden pages written to {GOLDEN}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
