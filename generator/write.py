"""Stage 5: write the rendered pages and the hand-written pages into a fresh docs folder.

The folder is written next to its final place and swapped in whole, so a
failed run never leaves a half-written tree behind. A build holds a lock while it
writes, so two builds never swap at once, and first clears what a killed build left.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .load import editor_file, link_problem, readable_folder

HANDWRITTEN = Path("content") / "pages"
# Staging folders, made next to their final place; a killed build can leave one behind.
STAGING_PREFIXES = (".site-", ".docs-", ".zoekdeel-", ".voorbeeld-")
LOCK_FILE = Path("build") / ".bouw.lock"


class Busy(Exception):
    """Another build holds the lock."""


@contextlib.contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Hold the project's build lock, or raise Busy at once when another build holds it.
    The lock is the operating system's: it ends with the process, however that ends."""
    lock = root / LOCK_FILE
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _old(final: Path) -> Path:
    return final.with_name(final.name + ".oud")


def recover(final: Path) -> None:
    """Repair what a build killed while swapping left (run under the build lock): the previous
    folder comes back if the new one never arrived, and stale staging folders are removed."""
    old = _old(final)
    if old.is_dir() and not final.exists():
        old.rename(final)
    for path in final.parent.glob(".*-*") if final.parent.is_dir() else ():
        if path.name.startswith(STAGING_PREFIXES) and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)


def _replace_contents(new: Path, final: Path) -> None:
    """Empty `final` and move `new`'s contents into it: for a `final` that cannot be renamed,
    such as a mount point (`docker run -v …:/repo/site`)."""
    for child in final.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    for child in new.iterdir():
        child.rename(final / child.name)
    new.rmdir()


def swap_in(new: Path, final: Path) -> None:
    """Replace `final` by the complete folder `new` (both on the same file system).

    Between the two renames `final` is missing for a moment; `recover` puts the old folder back
    if the process dies there.
    """
    old = _old(final)
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        try:
            final.rename(old)
        except OSError as error:
            if error.errno not in (errno.EBUSY, errno.EXDEV):
                raise
            _replace_contents(new, final)
            return
    new.rename(final)
    if old.exists():
        shutil.rmtree(old)


def _handwritten(folder: Path, root: Path) -> Iterator[Path]:
    """The files under `folder`, never through a symbolic link that leaves the repository
    (`load.check_links` reports those) and without editors' side files."""
    for directory, subfolders, files in os.walk(folder):
        here = Path(directory)
        subfolders[:] = sorted(name for name in subfolders
                               if not editor_file(name) and not link_problem(root, here / name))
        for name in sorted(files):
            path = here / name
            if not editor_file(name) and not (path.is_symlink() and link_problem(root, path)):
                yield path


def docs_files(pages: dict[str, str], root: Path) -> Iterator[tuple[str, bytes]]:
    """Every file of the docs folder, by path: the hand-written pages from `content/pages/`, then
    the generated ones (which win on a clash). Made one at a time, so a large catalogue is never
    held twice in memory."""
    handwritten = root / HANDWRITTEN
    if readable_folder(root, handwritten):
        for path in sorted(_handwritten(handwritten, root)):
            name = path.relative_to(handwritten).as_posix()
            if name not in pages:
                yield name, path.read_bytes()
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
