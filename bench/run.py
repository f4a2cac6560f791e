"""`make bench`: build synthetic catalogues of 100 to 10,000 practices with the real pipeline and
write the figures, against their targets, to `bench/RESULTS.md`.

How things are measured (also written into RESULTS.md):

- Our stages (load, validate, link, render, write) run in a fresh worker process, timed one by one
  with `time.perf_counter()` and called in the order `generator/build.py` calls them. Their peak
  memory is that worker's `ru_maxrss` (interpreter and imports included, about 40 MB).
- MkDocs (`generator.site.MKDOCS`) and Pagefind (`generator.site.index`, in a worker) are child
  processes; their wall time is measured around them and their peak memory is the `ru_maxrss` that
  `os.wait4` reports for exactly that child (the per-child form of `RUSAGE_CHILDREN`, which
  includes its own children, such as the Pagefind binary). Every child, workers included, is
  started from a small launcher process: Linux would otherwise count the benchmark's own memory
  at fork time as the child's peak.
- Every figure is the median of `--repeat` runs (default 3 up to 1,000 practices, 1 above, since
  one 10,000 build takes minutes, 2 with `--baseline`); each run starts a new process and builds
  into a new folder.
- The "floor" is what plain Python needs for the same records: `yaml.load` with `CSafeLoader` on
  every record file, and each practice through a minimal Jinja2 template and python-markdown to
  HTML, without theme, checks or cross-links.
- A whole build is the sum of the stage medians; its peak memory is the stages' peak plus the
  larger child's peak, because `praktijkbank build` keeps the catalogue while MkDocs runs.
  For the real catalogue, `praktijkbank build` itself is timed; its peak is that of its largest
  single process (MkDocs, Pagefind or the build itself).
- "Where the time goes": an extra run at the largest size, not counted in the figures, samples
  our stages' worker and MkDocs with py-spy (`--nonblocking`, so it does not pause them).
- The "Pagefind" column is what `praktijkbank build` does after MkDocs: compacting the HTML
  (generator/site.py `compact_pages`) and indexing it, in parts above `PAGES_PER_BUNDLE` pages
  (3,500), practices in parts of their own.
- `--baseline REV` also builds every catalogue with the pipeline of commit REV, checked out with
  `git worktree add --detach` into a temporary folder (removed afterwards), in the same run and
  the same venv, from the same synthetic records: the two alternate run by run (now first in odd
  runs, before first in even ones), so load on the machine hits both alike. Each child runs
  through `bench/pinned.py`, which puts that tree first on `sys.path` (PYTHONPATH for its own
  children) and stops unless `generator` is imported from it; each tree makes its own project
  (its `tests/conftest.py` `make_project`: its mkdocs.yml and theme) and runs its own
  `bench/workers.py`. The floor, `validate`, `serve` and the profile are measured for now only;
  the real catalogue is each tree's own.
- "Largest page of every kind": every HTML page of the site, classified by its path: `index.html`
  the home page, `<section>/index.html` that section's overview (`praktijken/`, `themas/`, …),
  `<section>/<slug>/` a record page, a last part `pagina-2`, `2` or `pagina/2` a further page of
  an overview or a record page, anything deeper a sub page, and the pages outside the record
  sections (search, about, 404, …) "other". Sizes raw and gzip level 6.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import gzip
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path[:0] = [str(REPO), str(BENCH)]

import search_bytes  # noqa: E402
import synthetic  # noqa: E402
from generator.pages import SECTIONS  # noqa: E402

PRAKTIJKBANK = str(Path(sys.executable).with_name("praktijkbank"))
STAGES = ("load", "validate", "link", "render", "write")  # "render" is generate(): pages, exports and feeds
RESULTS = BENCH / "RESULTS.md"
ANALYSIS_HEADING = "## Analysis and suggestions"  # hand-written; kept when the file is rewritten
PROFILE_LINES = 12
PROFILE_RATE = 100  # samples per second
SERVE_TIMEOUT = 30.0
QUERY = "schulden"  # a word most catalogues use on many pages


# --- measuring child processes -----------------------------------------------------------------


# Linux starts a child's ru_maxrss at its parent's resident size at fork time, so children are
# started from this small launcher (about 5 MB), not from the benchmark process itself. It also
# times the child, without its own start-up. Usage: launcher REPORT_FILE COMMAND...
LAUNCHER = """import os, sys, time
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_pid, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as report:
    report.write(f"{time.perf_counter() - started} {usage.ru_maxrss}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_child(command: list[str], cwd: Path = REPO, env: dict[str, str] | None = None) -> dict:
    """Run a command to completion: wall seconds, peak memory in MB (ru_maxrss of that child) and stdout."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "usage"
        done = subprocess.run([sys.executable, "-S", "-c", LAUNCHER, str(report), *command], cwd=cwd,
                              capture_output=True, text=True, env=env)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command[:5])} faalde ({done.returncode}):\n{done.stdout}{done.stderr}")
        seconds, maxrss = report.read_text().split()
    return {"seconds": float(seconds), "mb": int(maxrss) / 1024, "stdout": done.stdout}


# Makes a project in a tree's own way (its mkdocs.yml and theme): argv target [records folder].
MAKE_PROJECT = """import sys
from pathlib import Path
from tests.conftest import make_project
make_project(Path(sys.argv[1]), *map(Path, sys.argv[2:]))
"""
# The builder command of a tree (generator.site.MKDOCS), printed as JSON.
MKDOCS_COMMAND = "import json\nfrom generator.site import MKDOCS\nprint(json.dumps(MKDOCS))"


@dataclass(frozen=True)
class Pipeline:
    """The code a catalogue is built with: the work tree ("now") or a baseline commit ("before").
    Every child runs through bench/pinned.py, which imports `generator` from `tree` or stops."""

    name: str
    tree: Path
    mkdocs: tuple[str, ...] = ()

    def command(self, target: str | Path, *arguments: object) -> list[str]:
        """Run a script (or `-m MODULE`, `-c CODE`) with this tree's generator."""
        return [sys.executable, str(BENCH / "pinned.py"), str(self.tree), str(target), *map(str, arguments)]

    def run(self, target: str | Path, *arguments: object, cwd: Path = REPO, samples: Path | None = None) -> dict:
        """`run_child` of `command`; its own children (MkDocs in a build) find this tree first through PYTHONPATH."""
        return run_child(sampled(self.command(target, *arguments), samples), cwd=cwd,
                         env={**os.environ, "PYTHONPATH": str(self.tree)})

    def project(self, target: Path, records: Path | None = None) -> Path:
        """A buildable project made by this tree's `make_project`: its config and theme, the given records
        (or, without them, the tree's own)."""
        self.run("-c", MAKE_PROJECT, target, *([records] if records else []))
        return target


def pipeline(name: str, tree: Path) -> Pipeline:
    """A pipeline with its tree's MkDocs command."""
    found = Pipeline(name, tree.resolve()).run("-c", MKDOCS_COMMAND)["stdout"]
    return Pipeline(name, tree.resolve(), tuple(json.loads(found)))


@contextlib.contextmanager
def checked_out(revision: str) -> Iterator[Path]:
    """Commit `revision` of this repository in a temporary worktree, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="praktijkbank-baseline-")) / "tree"
    subprocess.run(["git", "worktree", "add", "--quiet", "--detach", str(folder), revision], cwd=REPO, check=True)
    try:
        if not (folder / "bench" / "workers.py").is_file():
            raise SystemExit(f"{revision} heeft geen bench/workers.py: kies een nieuwere commit als basis")
        yield folder
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(folder)], cwd=REPO, check=True)
        shutil.rmtree(folder.parent, ignore_errors=True)


def sampled(command: list[str], samples: Path | None) -> list[str]:
    """The command, run under py-spy writing collapsed stacks to `samples` when that is given.
    `--nonblocking` reads the process without pausing it, so the timing stays valid."""
    if samples is None:
        return command
    return [str(Path(sys.executable).with_name("py-spy")), "record", "--nonblocking", "--rate", str(PROFILE_RATE),
            "--format", "raw", "--output", str(samples), "--"] + command


def worker(code: Pipeline, mode: str, *arguments: object, samples: Path | None = None) -> dict:
    """Run the tree's `bench/workers.py` in a fresh process; its JSON answer (its last line of output)
    plus wall time and peak memory."""
    measured = code.run(code.tree / "bench" / "workers.py", mode, *arguments, samples=samples)
    answer = [line for line in measured["stdout"].splitlines() if line.startswith("{")][-1]
    return {**json.loads(answer), "mb": measured["mb"], "seconds": measured["seconds"]}


# --- one catalogue -----------------------------------------------------------------------------


def site_figures(site_dir: Path) -> dict:
    """Size of the site, of its practice pages (raw and gzip level 6, as a web server sends them),
    and the largest page of every kind."""
    files = [p for p in site_dir.rglob("*") if p.is_file()]
    pages = [p.read_bytes() for p in sorted((site_dir / "praktijken").glob("*/index.html"))]
    raw = [len(page) for page in pages]
    packed = [len(gzip.compress(page, 6)) for page in pages]
    return {"site_bytes": sum(p.stat().st_size for p in files), "site_files": len(files),
            "page_median": statistics.median(raw), "page_max": max(raw),
            "page_gzip_median": statistics.median(packed), "page_gzip_max": max(packed),
            "largest": largest_pages(site_dir)}


KIND_NAMES = {"praktijk": "practice", "gemeente": "municipality", "thema": "theme", "organisatie": "organisation",
              "doelgroep": "target group", "bron": "source", "begrip": "glossary term"}
# The last parts of a further page of a split list: `pagina-2/`, `2/`, `pagina/2/`, `page-3/`.
FURTHER_PAGE = re.compile(r"(?:pagina|page|deel|p)?-?[0-9]+|pagina|page|deel")
NOT_PAGES = ("assets", "pagefind")  # folders of the theme and of the search index, not pages


def page_kind(path: str, sections: dict[str, str] = SECTIONS) -> str:
    """The kind of a site page, from its path relative to the site root (`praktijken/x/index.html`):
    a record page, an overview of a section, a further page of either, a sub page, the home page or
    one of the other pages. `sections` maps record kinds to their folders (generator.pages.SECTIONS)."""
    parts = path.split("/")
    parts[-1] = parts[-1].removesuffix(".html").removesuffix("index")
    parts = [part for part in parts if part]
    kinds = {section: KIND_NAMES.get(kind, kind) for kind, section in sections.items()}
    if not parts:
        return "home page"
    if parts[0] not in kinds:
        return "other page"
    kind, rest = kinds[parts[0]], parts[1:]
    further = [FURTHER_PAGE.fullmatch(part) is not None for part in rest]
    if all(further):
        return f"{kind} overview" + (", further pages" if rest else "")
    if not further[0] and all(further[1:]):
        return kind + (", further pages" if rest[1:] else "")
    return f"{kind}, sub page"


def largest_pages(site_dir: Path, sections: dict[str, str] = SECTIONS) -> dict[str, dict]:
    """The largest HTML page of every kind (`page_kind`) in a built site: its path, raw and gzip bytes."""
    largest: dict[str, tuple[int, str]] = {}
    for path in site_dir.rglob("*.html"):
        name = path.relative_to(site_dir).as_posix()
        if name.split("/")[0].startswith(NOT_PAGES):
            continue
        kind, size = page_kind(name, sections), path.stat().st_size
        if (size, name) > largest.get(kind, (-1, "")):
            largest[kind] = (size, name)
    return {kind: {"page": name, "raw": size, "gzip": len(gzip.compress((site_dir / name).read_bytes(), 6, mtime=0))}
            for kind, (size, name) in sorted(largest.items())}


def median_of(runs: list[dict], *keys: str) -> float:
    values = []
    for run in runs:
        for key in keys:
            run = run[key]
        values.append(run)
    return statistics.median(values)


def build_once(code: Pipeline, project: Path, site_dir: Path, samples: Path | None = None, floor: bool = True) -> dict:
    """Our stages, MkDocs and Pagefind once each, every one in a new process; plus the floor (when
    asked). With `samples`, our stages and MkDocs are sampled into `stages.txt` and `mkdocs.txt` there."""
    stages = worker(code, "stages", project, samples=samples and samples / "stages.txt")
    if stages["errors"] or stages["warnings"]:
        raise AssertionError(f"de synthetische catalogus is niet schoon ({code.name}):\n" + "\n".join(stages["problems"]))
    shutil.rmtree(site_dir, ignore_errors=True)
    mkdocs = code.run("-m", *code.mkdocs, site_dir, cwd=project, samples=samples and samples / "mkdocs.txt")
    pagefind = worker(code, "pagefind", site_dir, project)
    return {"stages": stages, "mkdocs": mkdocs, "pagefind": pagefind} | ({"floor": worker(code, "floor", project)} if floor else {})


def summarise(runs: list[dict]) -> dict:
    """Medians over the runs of one catalogue (the floor only when the runs measured it)."""
    stage_times = {stage: median_of(runs, "stages", "times", stage) for stage in runs[0]["stages"]["times"]}
    ours = sum(seconds for stage, seconds in stage_times.items() if stage != "write")
    mkdocs, pagefind = median_of(runs, "mkdocs", "seconds"), median_of(runs, "pagefind", "seconds")
    peaks = {part: max(run[part]["mb"] for run in runs) for part in ("stages", "mkdocs", "pagefind")}
    summary = {"runs": len(runs), "stages": stage_times, "ours": ours, "mkdocs": mkdocs, "pagefind": pagefind,
               "whole": sum(stage_times.values()) + mkdocs + pagefind, "peaks": peaks,
               "whole_mb": peaks["stages"] + max(peaks["mkdocs"], peaks["pagefind"]), "pages": runs[0]["stages"]["pages"]}
    if "floor" in runs[0]:
        floor = median_of(runs, "floor", "parse") + median_of(runs, "floor", "template")
        summary |= {"floor": floor, "floor_parse": median_of(runs, "floor", "parse"),
                    "floor_template": median_of(runs, "floor", "template"), "ratio": ours / floor}
    return summary


def measure_validate(project: Path, repeat: int) -> float:
    """Median wall time of `praktijkbank validate` on a project (it must report no problem)."""
    return statistics.median(run_child([PRAKTIJKBANK, "--root", str(project), "validate"])["seconds"]
                             for _ in range(repeat))


OUR_CODE = ("generator/", ".md.j2")  # frames of the project itself (templates show up as .md.j2 files)


def profile_table(samples: Path) -> dict:
    """From py-spy's collapsed stacks: the functions and files with the most own time, and our own
    functions with the most cumulative time; each as (name, share of the samples in %)."""
    counts: dict[str, dict[str, int]] = {"function": {}, "file": {}, "ours": {}}
    total = 0
    for line in samples.read_text(encoding="utf-8").splitlines():
        stack, _, number = line.rpartition(" ")
        if not number.isdigit():
            continue  # a blank line
        frames = [short_frame(frame) for frame in stack.split(";") if frame] or ["(no Python frame)"]
        total += int(number)
        leaf = frames[-1]
        for kind, key in (("function", leaf), ("file", leaf.partition(" (")[2].rstrip(")") or leaf)):
            counts[kind][key] = counts[kind].get(key, 0) + int(number)
        for frame in set(frames):
            if any(marker in frame for marker in OUR_CODE):
                counts["ours"][frame] = counts["ours"].get(frame, 0) + int(number)

    def top(found: dict[str, int]) -> list[tuple[str, float]]:
        ranked = sorted(found.items(), key=lambda item: (-item[1], item[0]))[:PROFILE_LINES]
        return [(name, 100 * number / total) for name, number in ranked]

    return {"seconds": total / PROFILE_RATE, **{kind: top(found) for kind, found in counts.items()}}


def short_frame(frame: str) -> str:
    """`render (/work/main/generator/render.py:120)` as `render (generator/render.py)`: one entry per function."""
    name, _, where = frame.partition(" (")
    where = where.rstrip(")").rpartition(":")[0] or where.rstrip(")")
    for marker in ("site-packages/", "/lib/python3.", str(REPO) + "/"):
        if marker in where:
            where = where.split(marker, 1)[1]
    return f"{name} ({where})" if where else name


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def has_serve() -> bool:
    return subprocess.run([PRAKTIJKBANK, "serve", "--help"], capture_output=True).returncode == 0


def measure_serve(project: Path) -> float | None:
    """Seconds from saving a changed title to that title being served (None when not seen in time)."""
    port = free_port()
    server = subprocess.Popen([PRAKTIJKBANK, "--root", str(project), "serve", "--port", str(port)], cwd=project,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    record = sorted((project / "practices").glob("*.yml"))[0]
    url = f"http://127.0.0.1:{port}/praktijken/{record.stem}/"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                return answer.read().decode("utf-8", "replace")
        except OSError:
            return ""

    try:
        deadline = time.monotonic() + 600
        while not page():  # the server answers only after its first full build
            if time.monotonic() > deadline or server.poll() is not None:
                return None
            time.sleep(0.2)
        new_title = "Gewijzigde titel voor de benchmark"
        text = re.sub(r"^titel: .*$", f"titel: {new_title}", record.read_text(encoding="utf-8"), count=1, flags=re.M)
        record.write_text(text, encoding="utf-8")
        saved = time.perf_counter()
        while time.perf_counter() - saved < SERVE_TIMEOUT:
            if new_title in page():
                return time.perf_counter() - saved
            time.sleep(0.05)
        return None
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the server and the MkDocs or Pagefind run it may have started
        server.wait()


def alternating(pipelines: list[Pipeline], run: int) -> list[Pipeline]:
    """The order of the pipelines in run number `run` (from 0): reversed in every other run, so that
    a busy spell of the machine does not always hit the same one first."""
    return pipelines if run % 2 == 0 else pipelines[::-1]


def measure_size(n: int, repeat: int, options: argparse.Namespace, scratch: Path, pipelines: list[Pipeline]) -> dict:
    """Every figure for a synthetic catalogue of `n` practices: for the work tree, and under
    "before" for the baseline (same records, runs alternating)."""
    folder = scratch / f"n{n}"
    records = synthetic.write_records(folder / "records", n, options.seed)
    now = pipelines[0]
    projects = {code.name: code.project(folder / f"project-{code.name}", records) for code in pipelines}
    sites = {code.name: folder / f"site-{code.name}" for code in pipelines}
    print(f"N={n}: {repeat} run(s) of {', '.join(code.name for code in pipelines)}", flush=True)
    profiled = options.profile and n == max(options.sizes)
    if profiled:  # an extra run: under py-spy, a child's peak memory would be py-spy's own
        build_once(now, projects[now.name], sites[now.name], folder, floor=False)
    runs: dict[str, list[dict]] = {code.name: [] for code in pipelines}
    for number in range(repeat):
        for code in alternating(pipelines, number):
            runs[code.name].append(build_once(code, projects[code.name], sites[code.name], floor=code is now))
            last = runs[code.name][-1]
            print(f"  run {number + 1} {code.name}: stages {sum(last['stages']['times'].values()):.1f} s, "
                  f"mkdocs {last['mkdocs']['seconds']:.1f} s, pagefind {last['pagefind']['seconds']:.1f} s", flush=True)
    results = {code.name: {"n": n, **summarise(runs[code.name]), **site_figures(sites[code.name]),
                           "query": search_bytes.first_query_bytes(sites[code.name], QUERY)} for code in pipelines}
    result = results.pop(now.name)
    if results:
        result["before"] = results.popitem()[1]
    if n >= 10_000 or n == max(options.sizes):
        result["validate_cli"] = measure_validate(projects[now.name], 3)
    if n == 1000 and options.serve and has_serve():
        result["serve"] = measure_serve(projects[now.name])
    if profiled:
        result["profile"] = {part: profile_table(folder / f"{part}.txt") for part in ("stages", "mkdocs")}
    if not options.keep:
        shutil.rmtree(folder)
    return result


def measure_real(pipelines: list[Pipeline], repeat: int, scratch: Path) -> dict:
    """`praktijkbank build` on a copy of each tree's own records, alternating as for the synthetic
    catalogues; the baseline's figures under "before"."""
    projects = {code.name: code.project(scratch / f"echt-{code.name}") for code in pipelines}
    times: dict[str, list[dict]] = {code.name: [] for code in pipelines}
    results = {}
    for number in range(repeat):
        for code in alternating(pipelines, number):
            if code.name in results:
                continue  # failed before
            try:
                times[code.name].append(code.run("-m", "generator.cli", "--root", projects[code.name], "build"))
            except RuntimeError as failure:
                results[code.name] = {"failed": str(failure)[:2000]}
    for code in pipelines:
        project, site_dir = projects[code.name], projects[code.name] / "site"
        if code.name not in results:
            results[code.name] = {
                "seconds": statistics.median(t["seconds"] for t in times[code.name]),
                "mb": max(t["mb"] for t in times[code.name]), "runs": repeat,
                "practices": len(list((project / "practices").glob("*.yml"))),
                **site_figures(site_dir), "query": search_bytes.first_query_bytes(site_dir, QUERY)}
        shutil.rmtree(project)
    result = results.pop(pipelines[0].name)
    return result | ({"before": results.popitem()[1]} if results else {})


# --- the report ------------------------------------------------------------------------------


def load_average() -> str:
    return " ".join(f"{load:.1f}" for load in os.getloadavg())


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next(line.split(":", 1)[1].strip() for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO,
                           capture_output=True, text=True).stdout.strip()
    return {"date": datetime.date.today().isoformat(), "load": load_average(), "cpu": cpu, "nproc": os.cpu_count(),
            "memory": f"{int(memory.split()[0]) / 1024 / 1024:.1f} GB", "python": platform.python_version(),
            "commit": commit.stdout.strip() + (" (with uncommitted changes)" if dirty else "")}


def verdict(ok: bool | None) -> str:
    return "not measured" if ok is None else ("PASS" if ok else "**FAIL**")


def kb(value: float) -> str:
    return f"{value / 1024:.1f} KB"


def targets(sizes: list[dict], real: dict) -> list[tuple[str, str, str, str]]:
    """(figure, measured, target, verdict) for every target the brief sets."""
    rows = []
    big = next((s for s in sizes if s["n"] >= 10_000), None)
    if big:
        rows.append(("Our stages (load+validate+link+render) at 10,000", f"{big['ours']:.1f} s", "< 10 s",
                     verdict(big["ours"] < 10)))
        rows.append(("… relative to the floor (parse + template)", f"{big['ratio']:.2f}× ({big['floor']:.1f} s)", "≤ 1.5×",
                     verdict(big["ratio"] <= 1.5)))
        rows.append(("Whole build at 10,000", f"{big['whole']:.0f} s", "< 180 s", verdict(big["whole"] < 180)))
        rows.append(("Peak memory of the whole build at 10,000", f"{big['whole_mb']:.0f} MB", "< 2 GB",
                     verdict(big["whole_mb"] < 2048)))
        rows.append(("`praktijkbank validate` on 10,000 records", f"{big['validate_cli']:.1f} s", "< 5 s",
                     verdict(big["validate_cli"] < 5)))
        rows.append(("Pagefind first query at 10,000", kb(big["query"]["gzip"]), "< 300 KB",
                     verdict(big["query"]["gzip"] < 300 * 1024)))
        kind, largest = max(big["largest"].items(), key=lambda item: item[1]["raw"])
        shown = f"{kb(largest['raw'])} ({kind}, `{largest['page'].removesuffix('index.html')}`)"
        rows.append(("Largest generated page at 10,000", shown, "< 100 KB", verdict(largest["raw"] < 100 * 1024)))
        rows += ratio_rows(big)
    else:
        rows.append(("Figures at 10,000", "not run (--sizes)", "", verdict(None)))
    if "failed" in real:
        rows.append(("Whole build of the real catalogue", "build failed", "< 10 s", "**FAIL**"))
    else:
        rows.append(("Whole build of the real catalogue", f"{real['seconds']:.1f} s", "< 10 s", verdict(real["seconds"] < 10)))
        rows.append(("Pagefind first query, real site", kb(real["query"]["gzip"]), "< 150 KB",
                     verdict(real["query"]["gzip"] < 150 * 1024)))
        practice = real["largest"]["practice"]
        shown = f"{kb(practice['raw'])} (`{practice['page'].removesuffix('index.html')}`)"
        rows.append(("Longest practice page, real site", shown, "≤ 25 KB", verdict(practice["raw"] <= 25 * 1024)))
    pages = sizes + ([] if "failed" in real else [real])
    worst = max(p["page_max"] for p in pages)
    worst_gzip = max(p["page_gzip_max"] for p in pages)
    rows.append(("Largest practice page, any N and the real site", f"{kb(worst)} ({kb(worst_gzip)} gzip)",
                 "≤ 25 KB (8 KB gzip)", verdict(worst <= 25 * 1024 and worst_gzip <= 8 * 1024)))
    serve = next((s["serve"] for s in sizes if "serve" in s), "absent")
    if serve == "absent":
        rows.append(("`praktijkbank serve`: saved change visible (1,000)", "not measured", "< 3 s", verdict(None)))
    else:
        shown = "not seen within 30 s" if serve is None else f"{serve:.1f} s"
        rows.append(("`praktijkbank serve`: saved change visible (1,000)", shown, "< 3 s",
                     verdict(serve is not None and serve < 3)))
    return rows


RATIO_TARGETS = (("MkDocs", "mkdocs", 0.5), ("Whole build", "whole", 0.6))  # at 10,000, now / before at most


def ratio_rows(big: dict) -> list[tuple[str, str, str, str]]:
    """The targets relative to the baseline at 10,000 (none when no baseline was measured)."""
    if "before" not in big:
        return []
    return [(f"{figure} at 10,000, now / before", f"{big[key] / big['before'][key]:.2f}× "
             f"({big[key]:.0f} s / {big['before'][key]:.0f} s)", f"≤ {limit}×", verdict(big[key] <= limit * big["before"][key]))
            for figure, key, limit in RATIO_TARGETS]


COMPARED = (("MkDocs", "{:.1f} s", lambda s: s["mkdocs"]), ("Whole build", "{:.1f} s", lambda s: s["whole"]),
            ("Our stages", "{:.2f} s", lambda s: s["ours"]), ("Pagefind", "{:.1f} s", lambda s: s["pagefind"]),
            ("Peak memory", "{:.0f} MB", lambda s: s["whole_mb"]),
            ("First query (gzip)", "{:.1f} KB", lambda s: s["query"]["gzip"] / 1024))
COMPARED_REAL = (("Whole build", "{:.1f} s", lambda r: r["seconds"]), ("Peak memory", "{:.0f} MB", lambda r: r["mb"]),
                 ("First query (gzip)", "{:.1f} KB", lambda r: r["query"]["gzip"] / 1024))


def comparison(sizes: list[dict], real: dict) -> list[list[str]]:
    """Rows (figure, catalogue, before, now, now / before) for every catalogue measured with a baseline."""
    measured = [(f"{s['n']:,}", s, COMPARED) for s in sizes]
    if "failed" not in real and "failed" not in real.get("before", {}):
        measured.append(("real", real, COMPARED_REAL))
    return [[figure, catalogue, shown.format(value(now["before"])), shown.format(value(now)),
             f"{value(now) / value(now['before']):.2f}×" if value(now["before"]) else "–"]
            for catalogue, now, figures in measured if "before" in now for figure, shown, value in figures]


def kinds_table(sizes: list[dict], real: dict) -> tuple[list[str], list[list[str]]]:
    """The largest page of every kind (rows) in every site (columns: each N and the real site, now and
    before where a baseline was measured), as "raw / gzip KB" and, for kinds of many pages, which one."""
    columns = [(f"{s['n']:,}", s) for s in sizes] + ([] if "failed" in real else [("real", real)])
    sites = []
    for name, site in columns:
        sites.append((f"{name} now" if "before" in site else name, site["largest"]))
        if "before" in site and "largest" in site["before"]:
            sites.append((f"{name} before", site["before"]["largest"]))
    kinds = sorted({kind for _, largest in sites for kind in largest})

    def cell(page: dict | None, kind: str) -> str:
        if page is None:
            return "–"
        name = page["page"].removesuffix("index.html").rstrip("/")
        many = not (kind.endswith("overview") or kind == "home page")
        return f"{page['raw'] / 1024:.1f} / {page['gzip'] / 1024:.1f}" + (f" `{name}`" if many else "")

    return ["kind"] + [name for name, _ in sites], [[kind] + [cell(largest.get(kind), kind) for _, largest in sites]
                                                     for kind in kinds]


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def profile_markdown(tables: dict) -> str:
    """The profile of one process as a table: side by side, the top functions, files and our own functions."""
    columns = [("function", "own time, by function"), ("file", "own time, by file")]
    columns += [("ours", "cumulative, our code")] if tables["ours"] else []
    header = [cell for _, heading in columns for cell in ("%", heading)]
    rows = []
    for rank in range(PROFILE_LINES):
        row = []
        for kind, _ in columns:
            found = tables[kind]
            row += [f"{found[rank][1]:.1f} %", f"`{found[rank][0]}`"] if rank < len(found) else ["", ""]
        rows.append(row)
    return table(header, rows)


def report(info: dict, sizes: list[dict], real: dict, command: str) -> str:
    """RESULTS.md, without the hand-written analysis."""
    out = [f"# Benchmark results\n\nDate {info['date']}, commit {info['commit']}. Machine: {info['cpu']}, "
           f"{info['nproc']} cores, {info['memory']} memory, Python {info['python']}. Command: `{command}`. "
           f"Load average (1, 5, 15 min) at the start {info['load_before']}, at the end {info['load']}: other "
           "work on the machine slows every figure down."
           + (f" Before: the pipeline of {info['baseline']}, measured in the same run.\n" if "baseline" in info else "\n"),
           "## Targets\n", table(["Figure", "Measured", "Target", "Result"], [list(r) for r in targets(sizes, real)]),
           "\n## Time per stage (median, seconds)\n",
           table(["N", "runs", "pages"] + list(STAGES) + ["ours¹", "floor parse", "floor template", "ours / floor",
                                                         "MkDocs", "Pagefind", "whole"],
                 [[f"{s['n']:,}", str(s["runs"]), f"{s['pages']:,}"] + [f"{s['stages'].get(st, 0):.2f}" for st in STAGES]
                  + [f"{s['ours']:.2f}", f"{s['floor_parse']:.2f}", f"{s['floor_template']:.2f}", f"{s['ratio']:.2f}×",
                     f"{s['mkdocs']:.1f}", f"{s['pagefind']:.1f}", f"{s['whole']:.1f}"] for s in sizes]),
           "\n¹ load + validate + link + render (write is not part of the comparison with the floor).\n",
           "## Memory and output\n",
           table(["N", "peak stages", "peak MkDocs", "peak Pagefind", "peak whole build", "site size", "site files",
                  "practice page median / max", "gzip median / max", "first query gzip / raw (files)"],
                 [[f"{s['n']:,}", f"{s['peaks']['stages']:.0f} MB", f"{s['peaks']['mkdocs']:.0f} MB",
                   f"{s['peaks']['pagefind']:.0f} MB", f"{s['whole_mb']:.0f} MB", f"{s['site_bytes'] / 2**20:.0f} MB",
                   f"{s['site_files']:,}", f"{kb(s['page_median'])} / {kb(s['page_max'])}",
                   f"{kb(s['page_gzip_median'])} / {kb(s['page_gzip_max'])}",
                   f"{kb(s['query']['gzip'])} / {kb(s['query']['raw'])} ({len(s['query']['files'])})"]
                  for s in sizes])]
    compared = comparison(sizes, real)
    if compared:
        out += ["\n## Now and before (medians; before = the baseline's pipeline, same records, same run)\n",
                table(["Figure", "N", "before", "now", "now / before"], compared)]
    out += ["\n## Largest page of every kind (KB raw / gzip)\n", table(*kinds_table(sizes, real))]
    out.append("\n## Real catalogue\n")
    if "failed" in real:
        out.append(f"`praktijkbank build` failed on the repository's records:\n\n```\n{real['failed']}\n```\n")
    else:
        out.append(f"`praktijkbank build` on a copy of the repository's {real['practices']} practices: "
                   f"{real['seconds']:.1f} s (median of {real['runs']}), largest process {real['mb']:.0f} MB; site {real['site_bytes'] / 2**20:.1f} MB in {real['site_files']:,} files; practice "
                   f"page median {kb(real['page_median'])}, max {kb(real['page_max'])} ({kb(real['page_gzip_max'])} "
                   f"gzip); first query for '{QUERY}' {kb(real['query']['gzip'])} gzip, {kb(real['query']['raw'])} raw, "
                   f"{len(real['query']['files'])} files.\n")
    before = real.get("before")
    if before and "failed" in before:
        out.append(f"Before: the build failed:\n\n```\n{before['failed']}\n```\n")
    elif before:
        out.append(f"Before, on the baseline's {before['practices']} practices: {before['seconds']:.1f} s, largest process "
                   f"{before['mb']:.0f} MB; practice page max {kb(before['page_max'])}; first query "
                   f"{kb(before['query']['gzip'])} gzip.\n")
    profiled = next((s for s in sizes if "profile" in s), None)
    if profiled:
        out.append(f"## Where the time goes (py-spy, N = {profiled['n']:,})\n\nShare of the samples "
                   f"({PROFILE_RATE} per second) in which a function was running itself (own) or was on the stack "
                   "(cumulative).\n")
        for part, title in (("stages", "Our stages"), ("mkdocs", "MkDocs")):
            out.append(f"### {title} ({profiled['profile'][part]['seconds']:.0f} s sampled)\n")
            out.append(profile_markdown(profiled["profile"][part]) + "\n")
    out.append("## Method\n\n" + "\n\n".join(module.__doc__.split("\n\n", 1)[1].strip()
                                               for module in (sys.modules[__name__], synthetic, search_bytes)) + "\n")
    return "\n".join(out)


def kept_analysis(path: Path) -> str:
    """The hand-written analysis section of an existing RESULTS.md, if any."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    return text[text.index(ANALYSIS_HEADING):] if ANALYSIS_HEADING in text else f"{ANALYSIS_HEADING}\n\n(to be written)\n"


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="catalogue sizes, comma-separated")
    parser.add_argument("--repeat", type=int, help="runs per size (default: 3 up to 1,000 practices, "
                                                    "1 above, 2 with --baseline)")
    parser.add_argument("--quick", action="store_true", help="100 practices, one run, no profile; writes no file")
    parser.add_argument("--no-profile", dest="profile", action="store_false", help="do not sample the largest size with py-spy")
    parser.add_argument("--no-serve", dest="serve", action="store_false", help="skip the `praktijkbank serve` test")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    parser.add_argument("--output", type=Path, help=f"report file (default {RESULTS.relative_to(REPO)})")
    parser.add_argument("--raw", type=Path, help="also write the measurements as JSON to this file")
    parser.add_argument("--from-raw", type=Path, help="write the report from such a JSON file, measuring nothing")
    parser.add_argument("--baseline", metavar="REV", help="also build every catalogue with the pipeline of commit REV "
                                                          "(e.g. the commit before a change), in the same run")
    options = parser.parse_args(argv)
    if options.quick:
        options.sizes, options.repeat, options.profile, options.serve = "100", 1, False, False
    elif options.output is None:
        options.output = RESULTS
    options.sizes = [int(size) for size in options.sizes.split(",")]
    return options


def measure(options: argparse.Namespace) -> dict:
    """Every measurement: the synthetic sizes and the real catalogue, with the machine's load around
    them; with a baseline, each also built by the baseline's pipeline."""
    load_before = load_average()
    scratch = Path(tempfile.mkdtemp(prefix="praktijkbank-bench-"))
    try:
        with contextlib.ExitStack() as stack:
            pipelines = [pipeline("now", REPO)]
            if options.baseline:
                pipelines.append(pipeline("before", stack.enter_context(checked_out(options.baseline))))
            sizes = [measure_size(n, options.repeat or default_repeat(n, options.baseline), options, scratch, pipelines)
                     for n in options.sizes]
            print("real catalogue", flush=True)
            real = measure_real(pipelines, options.repeat or 3, scratch)
    finally:
        if not options.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    baseline = {"baseline": baseline_name(options.baseline)} if options.baseline else {}
    return {"info": {**machine(), "load_before": load_before, **baseline}, "sizes": sizes, "real": real}


def default_repeat(n: int, baseline: str | None) -> int:
    """Runs per size without --repeat: 3 up to 1,000 practices, above that 1, or 2 with a baseline
    (so that each pipeline runs first once)."""
    return 3 if n <= 1000 else (2 if baseline else 1)


def baseline_name(revision: str) -> str:
    """The baseline as short hash and subject line."""
    return subprocess.run(["git", "log", "-1", "--format=%h (%s)", revision], cwd=REPO, capture_output=True,
                          text=True, check=True).stdout.strip()


def main(argv: list[str]) -> int:
    options = parse_arguments(argv)
    if options.from_raw:
        measured = json.loads(options.from_raw.read_text(encoding="utf-8"))
    else:
        measured = measure(options)
        measured["info"]["command"] = "python bench/run.py " + " ".join(argv)
    if options.raw:
        options.raw.write_text(json.dumps(measured, indent=1), encoding="utf-8")
    # A report written again from raw figures names the run that measured them.
    command = measured["info"].get("command", "python bench/run.py " + " ".join(argv))
    text = report(measured["info"], measured["sizes"], measured["real"], command)
    if options.output:
        options.output.write_text(text + "\n" + kept_analysis(options.output), encoding="utf-8")
    print("\n".join(" | ".join(row) for row in targets(measured["sizes"], measured["real"])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
