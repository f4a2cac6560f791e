"""Installing: the locks resolve for the lowest supported Python, the package builds without
warnings, and a normal (non-editable) install builds a project from any directory."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.specifiers import SpecifierSet
from packaging.requirements import Requirement

from .conftest import FIXTURES, REPO, make_project

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
# lock file -> the extras it installs on top of the site's dependencies
LOCKS = {"requirements.txt": [], "requirements-dev.txt": ["test", "dev"]}
DEBIAN_12_PYTHON = "3.11.2"  # /usr/bin/python3 of Debian 12, the machine the README names
# `name==version ; marker \` in uv's output, followed by `--hash=` lines
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)(?: ; ([^\\]+?))?\s*\\?$")
NETWORK_TROUBLE = ("Failed to fetch", "error sending request", "dns error", "Connection refused", "timed out")


def locked(lock: str) -> list[tuple[str, str, str]]:
    """Every pin of a lock file as (normalized name, version, marker or '')."""
    matches = map(PIN.match, (REPO / lock).read_text(encoding="utf-8").splitlines())
    return [(normalized(m.group(1)), m.group(2), m.group(3) or "") for m in matches if m]


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lowest_python() -> str:
    """The lower bound of `requires-python`, which must be a plain `>=X.Y[.Z]`."""
    match = re.fullmatch(r">=\s*(\d+\.\d+(?:\.\d+)?)", PYPROJECT["project"]["requires-python"])
    assert match, "requires-python must be one lower bound, so that it can be tested"
    return match.group(1)


def linux_environment(python: str) -> dict[str, str]:
    """Marker values of CPython `python` (X.Y or X.Y.Z; X.Y means X.Y.0) on 64-bit Linux."""
    full = python if python.count(".") == 2 else python + ".0"
    return {"python_version": ".".join(full.split(".")[:2]), "python_full_version": full,
            "implementation_name": "cpython", "platform_python_implementation": "CPython",
            "sys_platform": "linux", "platform_system": "Linux", "platform_machine": "x86_64", "os_name": "posix"}


def pins_for(lock: str, python: str) -> dict[str, str]:
    """name -> version of the pins of a lock that apply to `python` on Linux."""
    environment = linux_environment(python)
    return {name: version for name, version, marker in locked(lock)
            if not marker or Marker(marker).evaluate(environment)}


def uv() -> str:
    found = shutil.which("uv", path=str(Path(sys.executable).parent))
    if not found:
        pytest.skip("uv is not installed (it comes with the test tools: make test)")
    return found


def resolved(lock: str, extras: list[str], python: str) -> dict[str, str]:
    """What uv resolves from pyproject.toml for `python` on Linux, held to the lock's versions."""
    command = [uv(), "pip", "compile", "pyproject.toml", "--quiet", "--no-header", "--no-annotate",
               "--python-version", python, "--python-platform", "x86_64-unknown-linux-gnu",
               "--constraint", lock, *(f"--extra={extra}" for extra in extras)]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "UV_NO_PROGRESS": "1"})
    if result.returncode != 0 and any(word in result.stderr for word in NETWORK_TROUBLE) and not os.environ.get("CI"):
        pytest.skip(f"the package index cannot be reached: {result.stderr.strip()[:200]}")
    assert result.returncode == 0, f"{lock} does not resolve for Python {python}:\n{result.stderr}"
    return {normalized(m.group(1)): m.group(2) for m in map(PIN.match, result.stdout.splitlines()) if m}


@pytest.mark.parametrize("python", [lowest_python(), DEBIAN_12_PYTHON])
@pytest.mark.parametrize("lock", LOCKS)
def test_lock_resolves_for_the_lowest_supported_python(lock, python):
    """Resolving pyproject.toml against the lock for the lowest Python gives exactly the lock's
    pins for that Python: every pin installs there, and no dependency is missing from the lock."""
    want = resolved(lock, LOCKS[lock], python)
    have = {name: version for name, version in pins_for(lock, python).items() if name not in ("pip", "setuptools")}
    assert want == have


@pytest.mark.parametrize("lock", LOCKS)
def test_lock_pins_every_package_with_hashes_and_the_installers(lock):
    text = (REPO / lock).read_text(encoding="utf-8")
    requirements = [line for line in text.splitlines() if line and not line.startswith((" ", "#"))]
    assert requirements and all(PIN.match(line) for line in requirements), "every requirement is name==version"
    assert all(block.count("--hash=sha256:") for block in re.split(r"\n(?=\S)", text) if PIN.match(block.split("\n")[0]))
    pins = pins_for(lock, lowest_python())
    build_requirement = Requirement(PYPROJECT["build-system"]["requires"][0])
    assert build_requirement.name == "setuptools" and pins["setuptools"] in build_requirement.specifier
    assert "pip" in pins


def test_site_lock_holds_no_test_tools():
    site, dev = pins_for("requirements.txt", lowest_python()), pins_for("requirements-dev.txt", lowest_python())
    assert not {"pytest", "hypothesis", "playwright", "pre-commit", "uv", "zensical"} & set(site)
    assert {name: dev[name] for name in site} == site, "the development lock keeps the site's versions"


def test_requires_python_admits_debian_12():
    assert DEBIAN_12_PYTHON in SpecifierSet(PYPROJECT["project"]["requires-python"])


def source_copy(target: Path) -> Path:
    """What an sdist holds: the files a wheel is built from, outside the repository (a build
    writes into its source folder, and the repository's build/ is the site's)."""
    target.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(REPO / name, target / name)
    shutil.copytree(REPO / "generator", target / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    return target


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the site's locked packages and `pip install .` (not editable);
    returns its bin folder."""
    base = tmp_path_factory.mktemp("install")
    subprocess.run([sys.executable, "-m", "venv", base / "venv"], check=True)
    pip = [base / "venv" / "bin" / "python", "-m", "pip", "--disable-pip-version-check", "--no-input"]
    subprocess.run([*pip, "install", "--quiet", "--quiet", "--require-hashes", "-r", REPO / "requirements.txt"],
                   check=True)
    build = subprocess.run([*pip, "install", "--verbose", "--no-deps", "--no-build-isolation",
                            source_copy(base / "bron")], capture_output=True, text=True, check=True)
    (base / "build.log").write_text(build.stdout + build.stderr, encoding="utf-8")
    return base / "venv" / "bin"


@pytest.mark.slow
def test_package_builds_without_warnings(installed):
    """setuptools warns about a deprecated licence table or data folders left out of the packages;
    make site hides pip's output, so the warnings must not be there at all."""
    log = (installed.parent.parent / "build.log").read_text(encoding="utf-8")
    assert "Successfully installed praktijkbank" in log
    assert "Warning" not in log and "!!" not in log, log


@pytest.mark.slow
def test_installed_package_has_no_theme_and_no_repository_on_its_path(installed):
    probe = "import generator, sys; print(generator.__file__); print(any('/theme' in p for p in sys.path))"
    result = subprocess.run([installed / "python", "-c", probe], cwd="/", capture_output=True, text=True, check=True)
    location, theme_on_path = result.stdout.split()
    assert "site-packages" in location and theme_on_path == "False"
    assert not (Path(location).parent.parent / "theme").exists()


@pytest.mark.slow
def test_non_editable_install_builds_and_scaffolds_a_project_from_another_folder(installed, tmp_path):
    project = make_project(tmp_path / "project", FIXTURES / "catalogus")
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    command = [installed / "praktijkbank", "--root", project]
    build = subprocess.run([*command, "build"], cwd=elsewhere, capture_output=True, text=True)
    assert build.returncode == 0, build.stdout + build.stderr
    assert build.stdout.splitlines()[-1] == f"Site gebouwd in {project / 'site'}"
    assert (project / "site" / "praktijken" / "buurtkas" / "index.html").is_file()
    assert (project / "site" / "pagefind" / "pagefind.js").is_file()
    new = subprocess.run([*command, "new", "gemeente", "Aalten"], cwd=elsewhere, capture_output=True, text=True)
    assert new.returncode == 0, new.stdout + new.stderr
    assert (project / "content" / "gemeenten" / "aalten.yml").is_file()
    assert list(elsewhere.iterdir()) == []


@pytest.mark.slow
def test_installed_command_outside_a_project_says_so(installed, tmp_path):
    result = subprocess.run([installed / "praktijkbank", "build"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stdout.startswith("mkdocs.yml:1:1: PB521 ") and "Traceback" not in result.stdout + result.stderr
