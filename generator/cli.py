"""The `praktijkbank` command: validate, build, serve, new, check-sources and documentation helpers."""

from __future__ import annotations

import argparse
import datetime
import errno
import sys
from pathlib import Path

from . import aanmelding, editor_hints, new as new_record, problems as problem_table, project
from .build import Layout, build, check, read_settings
from .load import FOLDERS, record_files
from .reference import reference_documents
from .link import Catalogue
from .problems import Problem, default_style, dutch_os_error, errors, printable, report
from .sources import SourceCheck, sources_verdict
from .site import BuildFailed
from .voorbeeld import PREVIEW_DIR


# argparse looks up its own words through a gettext hook at run time; these are the ones an
# editor meets (usage, help, and the errors of a mistyped command).
ARGPARSE_DUTCH = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "expected one argument": "hier hoort één waarde bij",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
}
argparse._ = lambda message: ARGPARSE_DUTCH.get(message, message)
FORMAT_HELP = "uitvoer van de meldingen (standaard text; github in GitHub Actions; json voor programma's)"
SCHEMA_SOURCES = Path("generator", "schemas")  # where the repository keeps the JSON Schemas


class _Parser(argparse.ArgumentParser):
    """Usage errors in Dutch, with exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"praktijkbank: PB501 {message}", file=sys.stderr)
        sys.exit(2)


def _inside(path: str, paths: list[str], root: Path) -> bool:
    """`path` (relative to the root) is one of the given files or folders, or all are meant (none given)."""
    if not paths:
        return True
    wanted = [(root / p).resolve() if not Path(p).is_absolute() else Path(p).resolve() for p in paths]
    resolved = (root / path).resolve()
    return any(resolved == w or w in resolved.parents for w in wanted)


def _sources_checked(catalogue: Catalogue, root: Path, paths: list[str], found: list[Problem],
                     sources_dir: Path | None = None) -> SourceCheck:
    """The source check of the valid records in the given files or folders (all when none are given)."""
    return sources_verdict(catalogue, root, found, lambda path: _inside(path, paths, root), sources_dir)


def _report_with_summary(found: list[Problem], outcome: SourceCheck, style: str) -> int:
    """The problems, then how many citations were (not) checked: part of a text or Markdown report,
    beside (on stderr) the machine-read GitHub and JSON output."""
    status = report(found, sys.stdout, style)
    if style == "markdown":
        print(f"\n{outcome.summary()}")
    else:
        print(outcome.summary(), file=sys.stdout if style == "text" else sys.stderr)
    return status


def _not_records(paths: list[str], root: Path) -> str:
    """Why the paths given to `validate` are not all records of the project ('' if they are): a
    file must be one the loader reads as a record, a folder a record folder or one that holds one.
    `validate README.md` (or `content/pages/x.md`) checking nothing and answering "no problems"
    would be a check that cannot fail."""
    missing = [p for p in paths if not (root / p).exists() and not Path(p).exists()]
    if missing:
        return f"bestand of map bestaat niet: {', '.join(missing)}"
    top = root.resolve()
    folders = [(root / folder).resolve() for folder in FOLDERS.values()]
    records = {path.resolve() for _kind, path in record_files(root)}
    for given in paths:
        path = (root / given if (root / given).exists() else Path(given)).resolve()
        if path != top and top not in path.parents:
            return f"{given} ligt buiten de projectmap {root}; geef een record in practices/ of content/"
        if path not in records and not (path.is_dir() and any(path == f or path in f.parents for f in folders)):
            return (f"{given} is geen record; geef een .yml-bestand in of een map van: "
                    + ", ".join(f"{folder}/" for folder in FOLDERS.values()))
    return ""


def _paths_refused(paths: list[str], root: Path) -> bool:
    """Report given paths that are not records of the project (a usage error)."""
    wrong = _not_records(paths, root)
    if wrong:
        print(f"praktijkbank: PB501 {printable(wrong)}", file=sys.stderr)
    return bool(wrong)


def cmd_validate(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if _paths_refused(args.paths, root):
        return 2
    catalogue, found = check(root)
    outcome = _sources_checked(catalogue, root, args.paths, found)
    found = [p for p in found if _inside(p.path, args.paths, root)] + outcome.problems
    return _report_with_summary(found, outcome, args.format or default_style())


def cmd_build(args: argparse.Namespace) -> int:
    layout = Layout.of(Path(args.root))
    try:
        found = build(layout, site=not args.alleen_markdown, preview=args.voorbeeld)
    except BuildFailed as failure:
        print(failure, file=sys.stderr)  # already printable: _run escapes the builder's output
        return 1
    status = report(found, sys.stdout, args.format or default_style())
    if status == 0:
        print(f"Site gebouwd in {layout.site_dir}" if not args.alleen_markdown else f"Pagina's geschreven in {layout.docs_dir}")
    if status == 0 and args.voorbeeld and not args.alleen_markdown:
        print(f"Voorbeeld om vanaf schijf te openen: {layout.root / PREVIEW_DIR / 'index.html'}")
    return status


def cmd_check_sources(args: argparse.Namespace) -> int:
    sources_dir = Path(args.sources) if args.sources else None
    if sources_dir is not None and not sources_dir.is_dir():
        print(f"Bronnencontrole NIET uitgevoerd: de map {sources_dir} bestaat niet.", file=sys.stderr)
        return 2
    root = Path(args.root)
    if _paths_refused(args.paths, root):
        return 2
    catalogue, found = check(root)
    if errors(found):
        return report(found, sys.stdout, args.format or default_style())
    outcome = _sources_checked(catalogue, root, args.paths, found, sources_dir)
    return _report_with_summary(outcome.problems, outcome, args.format or default_style())


def _refused(refusal: new_record.Refused) -> int:
    """Print why a file was not written (the message may quote a path or title the editor gave,
    so it is made printable) and return the exit code: 2 for a wrongly given command, else 1."""
    print(f"praktijkbank: {'PB501 ' if refusal.usage else ''}{printable(str(refusal))}", file=sys.stderr)
    return 2 if refusal.usage else 1


def cmd_fingerprint(args: argparse.Namespace) -> int:
    try:
        path, line_count = new_record.write_fingerprint(Path(args.root), Path(args.bron), Path(args.tekst))
    except new_record.Refused as refusal:
        return _refused(refusal)
    print(f"Vingerafdruk geschreven: {path} ({line_count} regels). Zet dit bestand in je pull request; "
          "de tekst zelf niet.")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    request = new_record.Request(args.soort, args.titel, tuple(getattr(args, "gemeente", None) or ()),
                                 tuple(getattr(args, "thema", None) or ()), getattr(args, "bronsoort", None),
                                 getattr(args, "url", None), getattr(args, "tekst", None),
                                 tuple(getattr(args, "bron", None) or ()))
    try:
        path = new_record.create(Path(args.root), request)
    except new_record.Refused as refusal:
        return _refused(refusal)
    shown = path.relative_to(Path(args.root)).as_posix()
    print(f"Nieuw bestand: {shown}\nVul elke tekst <VERPLICHT: …> in en controleer daarna met: praktijkbank validate {shown}")
    return 0


def cmd_aanmelding(args: argparse.Namespace) -> int:
    """Turn a submitted issue form into records; print the problems, and the issue comment when asked."""
    written, found = aanmelding.run(Path(args.root), Path(args.bestand), datetime.date.today())
    for path in written:
        print(f"Nieuw bestand: {path}")
    status = report(found, sys.stdout, args.format or default_style())
    if args.reactie:
        try:
            Path(args.reactie).write_text(aanmelding.comment(written, found, Path(args.bestand).name),
                                          encoding="utf-8", newline="\n")
        except OSError as error:
            return report([Problem(args.reactie, 1, 1, "PB715", f"de reactie kan niet worden geschreven: "
                                   f"{dutch_os_error(error)}", "geef met --reactie een bestand in een bestaande map")],
                          sys.stdout, args.format or default_style()) or 1
    return status


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve  # imported here: only this command needs the file watcher

    try:
        serve(Path(args.root), args.port)
    except OSError as error:
        if error.errno in (errno.EADDRINUSE, errno.EACCES):
            print(f"praktijkbank: de server kan niet starten op poort {args.port} ({dutch_os_error(error)}); "
                  "probeer een andere poort met --port", file=sys.stderr)
        else:
            print(f"praktijkbank: de voorvertoning stopte door een fout van het systeem: {dutch_os_error(error)}",
                  file=sys.stderr)
        return 1
    return 0


def cmd_codes(_args: argparse.Namespace) -> int:
    sys.stdout.write(problem_table.code_table())
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    """Write the generated reference documents into docs/ and the editor hints into the
    repository's schemas (generator/schemas/, when the project has them)."""
    root = Path(args.root)
    docs = root / "docs"
    docs.mkdir(exist_ok=True)
    files = {docs / name: text for name, text in reference_documents().items()}
    if (root / SCHEMA_SOURCES).is_dir():
        files |= editor_hints.hinted_files(root / SCHEMA_SOURCES, read_settings(root).site_url)
    for path, text in files.items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
            print(f"{path} geschreven")
    return 0


def parser() -> argparse.ArgumentParser:
    main = _Parser(prog="praktijkbank", description="Praktijkbank: records controleren en de site bouwen.")
    main.add_argument("--root", default=".", help="projectmap (standaard: de huidige map)")
    sub = main.add_subparsers(dest="command", required=True, parser_class=_Parser)

    validate = sub.add_parser("validate", help="controleer records (ook citaten en regelnummers, met de "
                              "vingerafdrukken van de bronnen) en meld alle problemen")
    validate.add_argument("paths", nargs="*", help="alleen problemen in deze bestanden of mappen tonen")
    validate.add_argument("--format", choices=["text", "github", "json", "markdown"],
                          help="uitvoer (standaard text; github in GitHub Actions; markdown voor een samenvatting)")
    validate.set_defaults(run=cmd_validate, project={})

    build_cmd = sub.add_parser("build", help="controleer, genereer de pagina's en bouw de site in site/")
    build_cmd.add_argument("--alleen-markdown", action="store_true", help="alleen de Markdown-pagina's schrijven")
    build_cmd.add_argument("--voorbeeld", action="store_true",
                           help=f"maak ook een voorbeeld in {PREVIEW_DIR}/ dat werkt als je het vanaf schijf opent")
    build_cmd.add_argument("--format", choices=["text", "github", "json"],
                           help=FORMAT_HELP)
    build_cmd.set_defaults(run=cmd_build, project={"pages": True})

    sources = sub.add_parser("check-sources", help="controleer regelnummers en citaten tegen de brondocumenten")
    sources.add_argument("paths", nargs="*", help="alleen de records in deze bestanden of mappen controleren")
    sources.add_argument("--sources", help="map met de tekstversies van de brondocumenten; voor een bron "
                         "zonder tekst in die map de vingerafdruk (zonder deze optie: de vingerafdrukken in "
                         "content/bronnen/)")
    sources.add_argument("--format", choices=["text", "github", "json"],
                         help=FORMAT_HELP)
    sources.set_defaults(run=cmd_check_sources, project={})

    new = sub.add_parser("new", help="begin een nieuw record (praktijk, gemeente, organisatie of bron) vanuit een sjabloon")
    kinds = new.add_subparsers(dest="soort", required=True, parser_class=_Parser)
    for kind, what in new_record.KINDS.items():
        one = kinds.add_parser(kind, help=f"nieuw {kind}record")
        one.add_argument("titel", help=what)
        if kind in ("praktijk", "organisatie"):
            one.add_argument("--gemeente", action="append", metavar="SLUG", help="gemeente of regio (mag vaker)")
        if kind == "praktijk":
            one.add_argument("--thema", action="append", metavar="SLUG", help="thema; het eerste is het hoofdthema (mag vaker)")
            one.add_argument("--bron", action="append", metavar="SLUG", help="bron in content/bronnen/ (mag vaker); "
                             "bij een webpagina vraagt het bestand om een fragment in plaats van regels")
        if kind == "bron":
            one.add_argument("--soort", dest="bronsoort", choices=new_record.source_kinds(), help="soort document")
            one.add_argument("--url", help="webadres van de bron (https://…)")
            one.add_argument("--tekst", metavar="BESTAND", help="tekstversie van de bron: maakt ook de vingerafdruk")
        one.set_defaults(run=cmd_new, project={"record_kind": kind})

    submit = sub.add_parser("aanmelding", help="maak records van een ingevuld formulier Praktijk aanmelden (de tekst van het issue)")
    submit.add_argument("bestand", help="bestand met de tekst van het issue, zoals GitHub die maakt")
    submit.add_argument("--reactie", metavar="BESTAND", help="schrijf ook een reactie voor het issue (Markdown) in dit bestand")
    submit.add_argument("--format", choices=["text", "github", "json"],
                        help=FORMAT_HELP)
    submit.set_defaults(run=cmd_aanmelding, project={"form": True})

    source = sub.add_parser("bron", help="hulpmiddelen voor bronrecords")
    source_tools = source.add_subparsers(dest="hulpmiddel", required=True, parser_class=_Parser)
    fingerprint = source_tools.add_parser("vingerafdruk", help="maak de vingerafdruk van een bron uit zijn tekstversie")
    fingerprint.add_argument("bron", help="het bronrecord, bijvoorbeeld content/bronnen/mijn-bron.yml")
    fingerprint.add_argument("--tekst", required=True, metavar="BESTAND", help="de tekstversie van de bron (UTF-8)")
    fingerprint.set_defaults(run=cmd_fingerprint, project={})

    serve_cmd = sub.add_parser("serve", help="bouw de site, toon hem op http://127.0.0.1:8000/ en bouw opnieuw bij elke wijziging")
    serve_cmd.add_argument("--port", type=int, default=8000, help="poort (standaard 8000)")
    serve_cmd.set_defaults(run=cmd_serve, project={"pages": True})

    codes = sub.add_parser("codes", help="toon de tabel met foutcodes (Markdown)")
    codes.set_defaults(run=cmd_codes, project=None)

    docs = sub.add_parser("docs", help="schrijf docs/velden.md, docs/foutcodes.md en de editorhulp in de schema's "
                                       "opnieuw uit de code")
    docs.set_defaults(run=cmd_docs, project={})
    return main


def main(argv: list[str] | None = None) -> int:
    """Run a command; one that works on a project first checks the project folder (`--root`)
    and what the command needs of it, and stops with exit code 2 when that is missing."""
    args = parser().parse_args(argv)
    if args.project is not None:
        found = project.problems(Path(args.root), **args.project)
        if found:
            report(found, sys.stdout, getattr(args, "format", None) or default_style())
            return 2
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
