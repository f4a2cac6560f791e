"""Stage 5: write the rendered pages and the hand-written pages into a fresh docs folder.

The folder is written next to its final place and swapped in whole, so a
failed run never leaves a half-written tree behind.
"""

from __future__ import annotations

import shutil
import tempfile
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


def write(pages: dict[str, str], root: Path, docs_dir: Path) -> None:
    """Stage 5: hand-written pages from `content/pages/` plus generated ones, written to `docs_dir`."""
    docs_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".docs-", dir=docs_dir.parent))
    try:
        handwritten = root / HANDWRITTEN
        if handwritten.is_dir():
            shutil.copytree(handwritten, staging, dirs_exist_ok=True)
        for page, text in sorted(pages.items()):
            target = staging / page
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
        swap_in(staging, docs_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
