"""Run a script, a module or a line of code with the `generator` package of one source tree.

    python bench/pinned.py TREE SCRIPT ARGS…
    python bench/pinned.py TREE -m MODULE ARGS…
    python bench/pinned.py TREE -c CODE ARGS…

The venv's editable install is a path entry in a `.pth` file (`__editable__.praktijkbank-*.pth`
names the main work tree), which `site` appends to `sys.path`. TREE goes in front of it, and the
run stops unless `generator` really is imported from TREE: a measurement of a baseline commit can
never silently measure the work tree instead. Children of the run (MkDocs started by a build)
get TREE first through PYTHONPATH, which `bench/run.py` sets.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path


def pin(tree: Path) -> None:
    """Put `tree` first on sys.path (in place of this script's folder) and check where `generator` comes from."""
    sys.path[0] = str(tree)
    import generator

    found = Path(generator.__file__).resolve().parent
    if found != tree / "generator":
        sys.exit(f"pinned.py: generator komt uit {found}, niet uit {tree}")


def main(argv: list[str]) -> None:
    tree, target, *rest = argv
    pin(Path(tree).resolve())
    if target == "-m":
        sys.argv = rest
        runpy.run_module(rest[0], run_name="__main__", alter_sys=True)
    elif target == "-c":
        sys.argv = ["-c", *rest[1:]]
        exec(compile(rest[0], "<pinned>", "exec"), {"__name__": "__main__"})
    else:
        sys.argv = [target, *rest]
        runpy.run_path(target, run_name="__main__")


if __name__ == "__main__":
    main(sys.argv[1:])
