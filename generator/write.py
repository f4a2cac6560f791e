"""Stage 5: write the rendered pages and the hand-written pages into a fresh docs folder.

The folder is written next to its final place and swapped in whole, so a
failed run never leaves a half-written tree behind.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

HANDWRITTEN = Path("content") / "pages"


def swap_in(new: Path, final: Path) -> None:
    """Replace `final` by the complete folder `new` (both on the same file system)."""
    old = final.with_name(final.name + ".oud")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        final.rename(old)
    new.rename(final)
    if old.exists():
        shutil.rmtree(old)


def docs_files(pages: dict[str, str], root: Path) -> Iterator[tuple[str, bytes]]:
    """Every file of the docs folder, by path: the hand-written pages from `content/pages/`, then
    the generated ones (which win on a clash). Made one at a time, so a large catalogue is never
    held twice in memory."""
    handwritten = root / HANDWRITTEN
    if handwritten.is_dir():
        for path in sorted(handwritten.rglob("*")):
            if path.is_file() and path.relative_to(handwritten).as_posix() not in pages:
                yield path.relative_to(handwritten).as_posix(), path.read_bytes()
    for page, text in sorted(pages.items()):
        yield page, text.encode("utf-8")


def write(pages: dict[str, str], root: Path, docs_dir: Path) -> None:
    """Stage 5: hand-written pages plus generated ones, written to a fresh `docs_dir`."""
    docs_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".docs-", dir=docs_dir.parent))
    try:
        for name, content in docs_files(pages, root):
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        swap_in(staging, docs_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
