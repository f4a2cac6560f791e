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
  one 10,000 build takes minutes); each run starts a new process and builds into a new folder.
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
  (generator/site.py `compact_pages`) and indexing it, in parts above 3,000 pages.
"""

from __future__ import annotations

import argparse
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
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path[:0] = [str(REPO), str(BENCH)]

import search_bytes  # noqa: E402
import synthetic  # noqa: E402
from generator import site as site_builder  # noqa: E402
from tests.conftest import make_project  # noqa: E402

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


def run_child(command: list[str], cwd: Path = REPO) -> dict:
    """Run a command to completion: wall seconds, peak memory in MB (ru_maxrss of that child) and stdout."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "usage"
        done = subprocess.run([sys.executable, "-S", "-c", LAUNCHER, str(report), *command], cwd=cwd,
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command[:5])} faalde ({done.returncode}):\n{done.stdout}{done.stderr}")
        seconds, maxrss = report.read_text().split()
    return {"seconds": float(seconds), "mb": int(maxrss) / 1024, "stdout": done.stdout}


def sampled(command: list[str], samples: Path | None) -> list[str]:
    """The command, run under py-spy writing collapsed stacks to `samples` when that is given.
    `--nonblocking` reads the process without pausing it, so the timing stays valid."""
    if samples is None:
        return command
    return [str(Path(sys.executable).with_name("py-spy")), "record", "--nonblocking", "--rate", str(PROFILE_RATE),
            "--format", "raw", "--output", str(samples), "--"] + command


def worker(mode: str, *arguments: object, samples: Path | None = None) -> dict:
    """Run `workers.py` in a fresh process; its JSON answer (its last line of output) plus wall time and peak memory."""
    measured = run_child(sampled([sys.executable, str(BENCH / "workers.py"), mode, *map(str, arguments)], samples))
    answer = [line for line in measured["stdout"].splitlines() if line.startswith("{")][-1]
    return {**json.loads(answer), "mb": measured["mb"], "seconds": measured["seconds"]}


# --- one catalogue -----------------------------------------------------------------------------


def site_figures(site_dir: Path) -> dict:
    """Size of the site, and of its practice pages (raw and gzip level 6, as a web server sends them)."""
    files = [p for p in site_dir.rglob("*") if p.is_file()]
    pages = [p.read_bytes() for p in sorted((site_dir / "praktijken").glob("*/index.html"))]
    raw = [len(page) for page in pages]
    packed = [len(gzip.compress(page, 6)) for page in pages]
    return {"site_bytes": sum(p.stat().st_size for p in files), "site_files": len(files),
            "page_median": statistics.median(raw), "page_max": max(raw),
            "page_gzip_median": statistics.median(packed), "page_gzip_max": max(packed)}


def median_of(runs: list[dict], *keys: str) -> float:
    values = []
    for run in runs:
        for key in keys:
            run = run[key]
        values.append(run)
    return statistics.median(values)


def build_once(project: Path, site_dir: Path, samples: Path | None = None) -> dict:
    """Our stages, MkDocs and Pagefind once each, every one in a new process; plus the floor.
    With `samples`, our stages and MkDocs are sampled into `stages.txt` and `mkdocs.txt` there."""
    stages = worker("stages", project, samples=samples and samples / "stages.txt")
    if stages["errors"] or stages["warnings"]:
        raise AssertionError("de synthetische catalogus is niet schoon:\n" + "\n".join(stages["problems"]))
    floor = worker("floor", project)
    shutil.rmtree(site_dir, ignore_errors=True)
    mkdocs = run_child(sampled([sys.executable, "-m", *site_builder.MKDOCS, str(site_dir)], samples and samples / "mkdocs.txt"), cwd=project)
    pagefind = worker("pagefind", site_dir, project)
    return {"stages": stages, "floor": floor, "mkdocs": mkdocs, "pagefind": pagefind}


def summarise(runs: list[dict]) -> dict:
    """Medians over the runs of one catalogue."""
    stage_times = {stage: median_of(runs, "stages", "times", stage) for stage in STAGES}
    ours = sum(stage_times[s] for s in ("load", "validate", "link", "render"))
    floor = median_of(runs, "floor", "parse") + median_of(runs, "floor", "template")
    mkdocs, pagefind = median_of(runs, "mkdocs", "seconds"), median_of(runs, "pagefind", "seconds")
    peaks = {part: max(run[part]["mb"] for run in runs) for part in ("stages", "mkdocs", "pagefind")}
    return {"runs": len(runs), "stages": stage_times, "ours": ours, "floor": floor,
            "floor_parse": median_of(runs, "floor", "parse"), "floor_template": median_of(runs, "floor", "template"),
            "ratio": ours / floor, "mkdocs": mkdocs, "pagefind": pagefind,
            "whole": sum(stage_times.values()) + mkdocs + pagefind, "peaks": peaks,
            "whole_mb": peaks["stages"] + max(peaks["mkdocs"], peaks["pagefind"]), "pages": runs[0]["stages"]["pages"]}


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


def measure_size(n: int, repeat: int, options: argparse.Namespace, scratch: Path) -> dict:
    """Every figure for a synthetic catalogue of `n` practices."""
    folder = scratch / f"n{n}"
    project = make_project(folder / "project", synthetic.write_records(folder / "records", n, options.seed))
    site_dir = folder / "site"
    print(f"N={n}: {repeat} run(s)", flush=True)
    profiled = options.profile and n == max(options.sizes)
    if profiled:  # an extra run: under py-spy, a child's peak memory would be py-spy's own
        build_once(project, site_dir, folder)
    runs = []
    for number in range(repeat):
        runs.append(build_once(project, site_dir))
        print(f"  run {number + 1}: stages {sum(runs[-1]['stages']['times'].values()):.1f} s, "
              f"mkdocs {runs[-1]['mkdocs']['seconds']:.1f} s, pagefind {runs[-1]['pagefind']['seconds']:.1f} s", flush=True)
    result = {"n": n, **summarise(runs), **site_figures(site_dir), "query": search_bytes.first_query_bytes(site_dir, QUERY)}
    if n >= 10_000 or n == max(options.sizes):
        result["validate_cli"] = measure_validate(project, 3)
    if n == 1000 and options.serve and has_serve():
        result["serve"] = measure_serve(project)
    if profiled:
        result["profile"] = {part: profile_table(folder / f"{part}.txt") for part in ("stages", "mkdocs")}
    if not options.keep:
        shutil.rmtree(folder)
    return result


def measure_real(repeat: int, scratch: Path) -> dict:
    """`praktijkbank build` on a copy of the repository's own records."""
    project = make_project(scratch / "echt")
    try:
        times = [run_child([PRAKTIJKBANK, "--root", str(project), "build"]) for _ in range(repeat)]
    except RuntimeError as failure:
        return {"failed": str(failure)[:2000]}
    site_dir = project / "site"
    result = {"seconds": statistics.median(t["seconds"] for t in times), "mb": max(t["mb"] for t in times),
              "runs": repeat, "practices": len(list((project / "practices").glob("*.yml"))),
              **site_figures(site_dir), "query": search_bytes.first_query_bytes(site_dir, QUERY)}
    shutil.rmtree(project)
    return result


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
    else:
        rows.append(("Figures at 10,000", "not run (--sizes)", "", verdict(None)))
    if "failed" in real:
        rows.append(("Whole build of the real catalogue", "build failed", "< 10 s", "**FAIL**"))
    else:
        rows.append(("Whole build of the real catalogue", f"{real['seconds']:.1f} s", "< 10 s", verdict(real["seconds"] < 10)))
        rows.append(("Pagefind first query, real site", kb(real["query"]["gzip"]), "< 150 KB",
                     verdict(real["query"]["gzip"] < 150 * 1024)))
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
           "work on the machine slows every figure down.\n",
           "## Targets\n", table(["Figure", "Measured", "Target", "Result"], [list(r) for r in targets(sizes, real)]),
           "\n## Time per stage (median, seconds)\n",
           table(["N", "runs", "pages"] + list(STAGES) + ["ours¹", "floor parse", "floor template", "ours / floor",
                                                         "MkDocs", "Pagefind", "whole"],
                 [[f"{s['n']:,}", str(s["runs"]), f"{s['pages']:,}"] + [f"{s['stages'][st]:.2f}" for st in STAGES]
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
    out.append("\n## Real catalogue\n")
    if "failed" in real:
        out.append(f"`praktijkbank build` failed on the repository's records:\n\n```\n{real['failed']}\n```\n")
    else:
        out.append(f"`praktijkbank build` on a copy of the repository's {real['practices']} practices: "
                   f"{real['seconds']:.1f} s (median of {real['runs']}), largest process {real['mb']:.0f} MB; site {real['site_bytes'] / 2**20:.1f} MB in {real['site_files']:,} files; practice "
                   f"page median {kb(real['page_median'])}, max {kb(real['page_max'])} ({kb(real['page_gzip_max'])} "
                   f"gzip); first query for '{QUERY}' {kb(real['query']['gzip'])} gzip, {kb(real['query']['raw'])} raw, "
                   f"{len(real['query']['files'])} files.\n")
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
    parser.add_argument("--repeat", type=int, help="runs per size (default: 3 up to 1,000 practices, 1 above)")
    parser.add_argument("--quick", action="store_true", help="100 practices, one run, no profile; writes no file")
    parser.add_argument("--no-profile", dest="profile", action="store_false", help="do not sample the largest size with py-spy")
    parser.add_argument("--no-serve", dest="serve", action="store_false", help="skip the `praktijkbank serve` test")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    parser.add_argument("--output", type=Path, help=f"report file (default {RESULTS.relative_to(REPO)})")
    parser.add_argument("--raw", type=Path, help="also write the measurements as JSON to this file")
    parser.add_argument("--from-raw", type=Path, help="write the report from such a JSON file, measuring nothing")
    options = parser.parse_args(argv)
    if options.quick:
        options.sizes, options.repeat, options.profile, options.serve = "100", 1, False, False
    elif options.output is None:
        options.output = RESULTS
    options.sizes = [int(size) for size in options.sizes.split(",")]
    return options


def measure(options: argparse.Namespace) -> dict:
    """Every measurement: the synthetic sizes and the real catalogue, with the machine's load around them."""
    load_before = load_average()
    scratch = Path(tempfile.mkdtemp(prefix="praktijkbank-bench-"))
    try:
        sizes = [measure_size(n, options.repeat or (3 if n <= 1000 else 1), options, scratch) for n in options.sizes]
        print("real catalogue", flush=True)
        real = measure_real(options.repeat or 3, scratch)
    finally:
        if not options.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    return {"info": {**machine(), "load_before": load_before}, "sizes": sizes, "real": real}


def main(argv: list[str]) -> int:
    options = parse_arguments(argv)
    if options.from_raw:
        measured = json.loads(options.from_raw.read_text(encoding="utf-8"))
    else:
        measured = measure(options)
    if options.raw:
        options.raw.write_text(json.dumps(measured, indent=1), encoding="utf-8")
    text = report(measured["info"], measured["sizes"], measured["real"], "python bench/run.py " + " ".join(argv))
    if options.output:
        options.output.write_text(text + "\n" + kept_analysis(options.output), encoding="utf-8")
    print("\n".join(" | ".join(row) for row in targets(measured["sizes"], measured["real"])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
