"""The project folder a command works on, and the problems (PB520–PB529) when it is not one.

A project is a folder with `mkdocs.yml`, the records (`practices/`, `content/`) and the theme:
page templates in `theme/templates/`, record templates in `theme/records/` and MkDocs overrides
in `theme/overrides/`. Like MkDocs' `custom_dir`, the templates are read from the project, never
from a folder beside the installed package, so `pip install .` and `praktijkbank --root PROJECT`
work from any directory. The checks run before a command reads or writes anything else.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .load import dutch_yaml_problem
from .problems import Problem, dutch_os_error

CONFIG = "mkdocs.yml"
PAGE_TEMPLATES = Path("theme", "templates")
RECORD_TEMPLATES = Path("theme", "records")
FORM = Path(".github", "ISSUE_TEMPLATE", "praktijk-aanmelden.yml")
NOT_A_PROJECT_TIP = ("start praktijkbank in de projectmap (de map met mkdocs.yml), of geef die map op met "
                     "--root, bijvoorbeeld: praktijkbank --root ~/praktijkbank build")
CONFIG_TIP = "herstel mkdocs.yml op de genoemde regel: inspringing met spaties, `naam: waarde` per regel"
RESTORE_TIP = "haal de map terug uit de repository met: git checkout -- {folder}"


class ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml; tags such as `!!python/name` are kept as plain strings."""


ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def config(root: Path) -> dict:
    """The settings in `mkdocs.yml` (checked by `config_problems` first)."""
    return yaml.load((root / CONFIG).read_text(encoding="utf-8"), Loader=ConfigLoader) or {}


def folder_problems(root: Path) -> list[Problem]:
    """The project folder exists and is a folder (PB520)."""
    if root.is_dir():
        return []
    what = "is geen map" if root.exists() else "bestaat niet"
    return [Problem(str(root), 1, 1, "PB520", f"de projectmap {root} {what}", NOT_A_PROJECT_TIP)]


def config_missing_problems(root: Path) -> list[Problem]:
    """The project folder has a `mkdocs.yml` (PB521): without it, it is no project at all."""
    if (root / CONFIG).is_file():
        return []
    return [Problem(CONFIG, 1, 1, "PB521", f"in {root.resolve()} staat geen {CONFIG}: dit is geen projectmap "
                    "van de Praktijkbank", NOT_A_PROJECT_TIP)]


def config_problems(root: Path) -> list[Problem]:
    """`mkdocs.yml` is a YAML mapping (PB522)."""
    try:
        settings = config(root)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return [Problem(CONFIG, line, column, "PB522",
                        f"{CONFIG} is geen geldige YAML: {dutch_yaml_problem(str(error.problem or error.context))}",
                        CONFIG_TIP)]
    except yaml.YAMLError as error:  # e.g. a ReaderError for a non-printable character
        return [Problem(CONFIG, 1, 1, "PB522", f"{CONFIG} is geen geldige YAML: {dutch_yaml_problem(str(error))}",
                        CONFIG_TIP)]
    except OSError as error:
        return [Problem(CONFIG, 1, 1, "PB522", f"{CONFIG} kan niet worden gelezen: {dutch_os_error(error)}",
                        "geef leesrechten op mkdocs.yml, of haal het terug met: git checkout -- mkdocs.yml")]
    except UnicodeDecodeError:
        return [Problem(CONFIG, 1, 1, "PB522", f"{CONFIG} is geen geldige UTF-8-tekst",
                        "sla mkdocs.yml op als UTF-8-tekst")]
    if not isinstance(settings, dict):
        return [Problem(CONFIG, 1, 1, "PB522", f"{CONFIG} is geen lijst met instellingen (`naam: waarde`)",
                        CONFIG_TIP)]
    return []


def page_template_problems(root: Path) -> list[Problem]:
    """The page templates are in the project, in `theme/templates/` (PB523)."""
    if (root / PAGE_TEMPLATES).is_dir():
        return []
    return [Problem(PAGE_TEMPLATES.as_posix(), 1, 1, "PB523",
                    f"de paginasjablonen ontbreken: {root.resolve() / PAGE_TEMPLATES} is geen map",
                    RESTORE_TIP.format(folder=PAGE_TEMPLATES.as_posix()))]


def record_template_problems(root: Path, kind: str) -> list[Problem]:
    """The template of a new record of `kind` is in the project, in `theme/records/` (PB524)."""
    template = RECORD_TEMPLATES / f"{kind}.yml.j2"
    if (root / template).is_file():
        return []
    return [Problem(template.as_posix(), 1, 1, "PB524",
                    f"het sjabloon voor een nieuw {kind}record ontbreekt: {root.resolve() / template}",
                    RESTORE_TIP.format(folder=RECORD_TEMPLATES.as_posix()))]


def form_problems(root: Path) -> list[Problem]:
    """The submission form, whose fields `aanmelding` reads, is in the project (PB525)."""
    if (root / FORM).is_file():
        return []
    return [Problem(FORM.as_posix(), 1, 1, "PB525", f"het aanmeldformulier ontbreekt: {root.resolve() / FORM}",
                    RESTORE_TIP.format(folder=FORM.parent.as_posix()))]


def problems(root: Path, pages: bool = False, record_kind: str = "", form: bool = False) -> list[Problem]:
    """Everything a command needs of the project folder: always the folder and `mkdocs.yml`;
    the page templates when it renders `pages`; the template of a new record of `record_kind`;
    the submission `form`.
    A folder that is missing or has no `mkdocs.yml` is reported as that alone."""
    found = folder_problems(root) or config_missing_problems(root)
    if found:
        return found
    found = config_problems(root)
    if pages:
        found += page_template_problems(root)
    if record_kind:
        found += record_template_problems(root, record_kind)
    if form:
        found += form_problems(root)
    return found
