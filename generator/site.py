"""Stage 6: hand the written pages to the static-site builder, then index them with Pagefind.

The builder runs as a separate process on a plain `mkdocs.yml` (no plugins of
ours), so switching from MkDocs to Zensical is a change of command, not of code. Both steps write
into a temporary folder that replaces `site/` only when everything succeeded.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .write import swap_in

MKDOCS = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir"]


class BuildFailed(Exception):
    """The site builder or the indexer reported an error; its output is the message."""


def _run(command: list[str], root: Path) -> None:
    result = subprocess.run(command, cwd=root, capture_output=True, text=True)
    if result.returncode != 0:
        raise BuildFailed(f"{' '.join(command[:4])} faalde:\n{result.stdout}{result.stderr}")


def index(site_dir: Path, root: Path) -> None:
    """Build the Pagefind search index inside `site_dir`."""
    _run([sys.executable, "-m", "pagefind_bin", "--site", str(site_dir), "--quiet"], root)


def build_site(root: Path, site_dir: Path) -> None:
    """Build and index the site into a temporary folder, then swap it in as `site_dir`."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        _run(MKDOCS + [str(staging)], root)
        index(staging, root)
        swap_in(staging, site_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
