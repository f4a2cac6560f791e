"""The `praktijkbank` command: validate, build, serve, new, check-sources and documentation helpers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import problems as problem_table
from .build import Layout, build, check
from .problems import Problem, default_style, errors, report
from .sources import check_sources
from .site import BuildFailed


class _Parser(argparse.ArgumentParser):
    """Usage errors in Dutch, with exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"praktijkbank: PB501 {message}", file=sys.stderr)
        sys.exit(2)


def _selected(found: list[Problem], paths: list[str], root: Path) -> list[Problem]:
    """Only problems in the given files or folders (all when none are given)."""
    if not paths:
        return found
    wanted = [(root / p).resolve() if not Path(p).is_absolute() else Path(p).resolve() for p in paths]
    def inside(problem: Problem) -> bool:
        path = (root / problem.path).resolve()
        return any(path == w or w in path.parents for w in wanted)
    return [p for p in found if inside(p)]


def cmd_validate(args: argparse.Namespace) -> int:
    root = Path(args.root)
    missing = [p for p in args.paths if not (root / p).exists() and not Path(p).exists()]
    if missing:
        print(f"praktijkbank: PB501 bestand of map bestaat niet: {', '.join(missing)}", file=sys.stderr)
        return 2
    _catalogue, found = check(root)
    return report(_selected(found, args.paths, root), sys.stdout, args.format or default_style())


def cmd_build(args: argparse.Namespace) -> int:
    layout = Layout.of(Path(args.root))
    try:
        found = build(layout, site=not args.alleen_markdown)
    except BuildFailed as failure:
        print(failure, file=sys.stderr)
        return 1
    status = report(found, sys.stdout, args.format or default_style())
    if status == 0:
        print(f"Site gebouwd in {layout.site_dir}" if not args.alleen_markdown else f"Pagina's geschreven in {layout.docs_dir}")
    return status


def cmd_check_sources(args: argparse.Namespace) -> int:
    sources_dir = Path(args.sources)
    if not sources_dir.is_dir():
        print(f"Bronnencontrole NIET uitgevoerd: de map {sources_dir} bestaat niet.", file=sys.stderr)
        return 2
    catalogue, found = check(Path(args.root))
    if errors(found):
        return report(found, sys.stdout, args.format or default_style())
    return report(check_sources(catalogue, sources_dir), sys.stdout, args.format or default_style())


def cmd_codes(_args: argparse.Namespace) -> int:
    sys.stdout.write(problem_table.code_table())
    return 0


def parser() -> argparse.ArgumentParser:
    main = _Parser(prog="praktijkbank", description="Praktijkbank: records controleren en de site bouwen.")
    main.add_argument("--root", default=".", help="projectmap (standaard: de huidige map)")
    sub = main.add_subparsers(dest="command", required=True, parser_class=_Parser)

    validate = sub.add_parser("validate", help="controleer records en meld alle problemen")
    validate.add_argument("paths", nargs="*", help="alleen problemen in deze bestanden of mappen tonen")
    validate.add_argument("--format", choices=["text", "github", "json"], help="uitvoer (standaard text; github in GitHub Actions)")
    validate.set_defaults(run=cmd_validate)

    build_cmd = sub.add_parser("build", help="controleer, genereer de pagina's en bouw de site in site/")
    build_cmd.add_argument("--alleen-markdown", action="store_true", help="alleen de Markdown-pagina's schrijven")
    build_cmd.add_argument("--format", choices=["text", "github", "json"])
    build_cmd.set_defaults(run=cmd_build)

    sources = sub.add_parser("check-sources", help="controleer regelnummers en citaten tegen de brondocumenten")
    sources.add_argument("--sources", required=True, help="map met de tekstversies van de brondocumenten")
    sources.add_argument("--format", choices=["text", "github", "json"])
    sources.set_defaults(run=cmd_check_sources)

    codes = sub.add_parser("codes", help="toon de tabel met foutcodes (Markdown)")
    codes.set_defaults(run=cmd_codes)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
