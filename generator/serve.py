"""`praktijkbank serve`: a local preview that rebuilds when a record or the theme changes, and reloads the browser.

The live-reload script is added to HTML only while it is served from here, never
written into site/. A rebuild writes only the Markdown pages whose text changed and
lets MkDocs rebuild just those (`--dirty`), so saving one record re-renders the
pages that show it, not the whole site (and skips the HTML compaction of a full
build). The saved records' own pages go first and the browser reloads at once; the
pages that merely link to them follow a moment later. An invalid record never stops
the server: its problems are printed and shown in the browser instead of the site,
until they are fixed.
"""

from __future__ import annotations

import html
import http.server
import os
import sys
import threading
import time
import traceback
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .build import Layout, build, check, generate, read_settings
from .load import editor_file
from .render import Site, record_pages
from .problems import Problem, errors, format_problem, printable, report
from .site import BuildFailed, _run, index
from .write import HANDWRITTEN, docs_files

WATCHED = ("practices", "content", "theme", "mkdocs.yml")
# Changes here alter every page's HTML, so MkDocs must rebuild all pages.
FULL_REBUILD = ("theme/overrides", "mkdocs.yml", str(HANDWRITTEN))
QUIET_SECONDS = 0.2
MKDOCS_DIRTY = ["mkdocs", "build", "--dirty", "--no-strict", "--quiet", "--site-dir"]

RELOAD_SCRIPT = """<script>
(function () {{
  var version = {version};
  function poll() {{
    fetch("/__reload", {{cache: "no-store"}}).then(function (r) {{ return r.text(); }}).then(function (v) {{
      if (Number(v) !== version) {{ location.reload(); }} else {{ setTimeout(poll, 500); }}
    }}, function () {{ setTimeout(poll, 2000); }});
  }}
  setTimeout(poll, 500);
}})();
</script>"""

ERROR_PAGE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Fout in de records – Praktijkbank</title>
<style>body{{font:1rem/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}}
pre{{white-space:pre-wrap;background:#fdf1f0;border-left:4px solid #b3261e;padding:1rem}}</style></head>
<body><main><h1>De site kan niet worden gebouwd</h1>
<p>{intro}</p><pre>{details}</pre>
<p>Sla het bestand op na je verbetering; deze pagina laadt dan vanzelf opnieuw.</p></main></body></html>"""


class State:
    """What the server shows: a version number that changes on every rebuild, and the current problems."""

    def __init__(self) -> None:
        self.version = 0
        self.intro = ""
        self.details = ""
        self.lock = threading.Lock()

    def publish(self, intro: str = "", details: str = "") -> None:
        with self.lock:
            self.version += 1
            self.intro, self.details = intro, details

    def error_page(self) -> str | None:
        """The Dutch error page (every value escaped), or None while the site is fine."""
        if not self.intro:
            return None
        return ERROR_PAGE.format(intro=html.escape(self.intro), details=html.escape(self.details))


def _write_if_changed(target: Path, content: bytes) -> bool:
    """Write a file only when its bytes differ (an unchanged file keeps its time, so MkDocs skips it)."""
    if target.is_file() and target.read_bytes() == content:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return True


def sync_docs(files: dict[str, bytes], docs_dir: Path) -> tuple[set[str], set[str]]:
    """Write only files whose bytes changed (unchanged ones keep their time, so MkDocs skips them);
    remove files that are gone. Returns (changed, removed)."""
    changed = {name for name, content in files.items() if _write_if_changed(docs_dir / name, content)}
    removed = set()
    for path in docs_dir.rglob("*"):
        if path.is_file() and path.relative_to(docs_dir).as_posix() not in files:
            path.unlink()
            removed.add(path.relative_to(docs_dir).as_posix())
    return changed, removed


class Rebuilder:
    """Rebuilds the site after changes; the first build and any theme or config change rebuild everything."""

    def __init__(self, layout: Layout, state: State, out=sys.stdout):
        self.layout = layout
        self.state = state
        self.out = out
        self.full = True

    def _problems(self, found: list[Problem]) -> None:
        report(found, self.out)
        self.state.publish(f"{len(errors(found))} fout(en) in de records. Verbeter ze; de site wordt daarna opnieuw gebouwd.",
                           "\n".join(format_problem(p) for p in sorted(set(errors(found)))))

    def _incremental(self, saved: set[str]) -> bool:
        """Re-render every page, write the changed ones and let MkDocs rebuild only those; False if invalid.

        The pages of the saved record files are written, built and shown first: in a large
        catalogue, rendering every page takes seconds, and the editor is looking at this one.
        """
        catalogue, found = check(self.layout.root)
        if errors(found):
            self._problems(found)
            return False
        settings = read_settings(self.layout.root)
        saved_records = {(record.kind, record.slug) for kinds in catalogue.records.values()
                         for record in kinds.values() if record.path in saved}
        if saved_records:
            first = record_pages(Site(catalogue, settings), saved_records)
            if self._write_and_build({name: text.encode("utf-8") for name, text in first.items()}):
                self.state.publish()
        pages = generate(catalogue, settings)
        changed, removed = sync_docs(dict(docs_files(pages, self.layout.root)), self.layout.docs_dir)
        if removed:  # MkDocs --dirty would keep serving the pages of a deleted record
            return self._everything()
        if changed:
            _run(MKDOCS_DIRTY + [str(self.layout.site_dir)], self.layout.root)
        print(f"{len(changed)} bestand(en) bijgewerkt.", file=self.out)
        return True

    def _write_and_build(self, files: dict[str, bytes]) -> bool:
        """Write these docs files where they changed and rebuild their pages; True if any changed."""
        changed = {name for name, content in files.items() if _write_if_changed(self.layout.docs_dir / name, content)}
        if changed:
            _run(MKDOCS_DIRTY + [str(self.layout.site_dir)], self.layout.root)
        return bool(changed)

    def _everything(self) -> bool:
        found = build(self.layout)
        if errors(found):
            self._problems(found)
            return False
        print(f"Site gebouwd in {self.layout.site_dir}.", file=self.out)
        return True

    def rebuild(self, saved: set[str] = frozenset()) -> None:
        """One rebuild after `saved` files changed (paths relative to the root); problems and
        failures end up on the error page, never as a crash."""
        started = time.monotonic()
        whole = self.full or not self.layout.site_dir.is_dir()
        try:
            built = self._everything() if whole else self._incremental(saved)
            if built:
                self.full = False
                self.state.publish()
                print(f"Klaar in {time.monotonic() - started:.1f} s; de browser laadt de pagina opnieuw.", file=self.out)
            if built and not whole:  # a whole build indexed already; after the reload, search catches up
                index(self.layout.site_dir, self.layout.root)
        except BuildFailed as failure:
            print(failure, file=self.out)
            self.state.publish("De sitebouwer meldde een fout.", str(failure))
            return
        except Exception:  # a template or theme error while editing must not stop the server
            details = traceback.format_exc()
            print(details, file=self.out)
            self.state.publish("Er ging iets mis bij het bouwen van de site.", details)


class Watcher(FileSystemEventHandler):
    """Collects changes to records, theme and config; the rebuild loop picks them up once saving has settled."""

    def __init__(self, root: Path):
        # Paths are made absolute, never resolved: resolving a symbolic link loop raises, and an
        # exception here would end the observer thread, after which no save rebuilds anything.
        self.root = Path(os.path.abspath(root))
        self.changed: set[str] = set()
        self.last = 0.0
        self.event = threading.Event()
        self.lock = threading.Lock()  # the observer thread adds while the rebuild loop takes

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            if raw:
                try:
                    path = Path(os.path.abspath(os.fsdecode(raw))).relative_to(self.root).as_posix()
                except ValueError:
                    continue
                if editor_file(path.rsplit("/", 1)[-1]):
                    continue  # an editor's lock or backup file, not a change to the record
                with self.lock:
                    self.changed.add(path)
        self.last = time.monotonic()
        self.event.set()

    def settled(self) -> set[str]:
        """Wait for changes, then until nothing changed for a moment; return the changed paths."""
        self.event.wait()
        while time.monotonic() - self.last < QUIET_SECONDS:
            time.sleep(QUIET_SECONDS / 4)
        self.event.clear()
        with self.lock:
            changed, self.changed = self.changed, set()
        return changed


def _handler(site_dir: Path, state: State) -> type[http.server.SimpleHTTPRequestHandler]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        """Serves the site; adds the reload script to HTML, answers `/__reload`, shows the error page."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site_dir), **kwargs)

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _html(self, status: int, text: str) -> None:
            script = RELOAD_SCRIPT.format(version=state.version)
            text = text.replace("</body>", script + "</body>", 1) if "</body>" in text else text + script
            self._send(status, text.encode("utf-8"), "text/html; charset=utf-8")

        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            path = self.path.split("?", 1)[0]
            if path == "/__reload":
                self._send(200, str(state.version).encode(), "text/plain; charset=utf-8")
                return
            page = state.error_page()
            if page is not None and not path.startswith(("/assets/", "/pagefind/")):
                self._html(500, page)
                return
            local = Path(self.translate_path(path))
            if local.is_dir() and path.endswith("/"):
                local = local / "index.html"
            if local.suffix == ".html" and local.is_file():
                self._html(200, local.read_text(encoding="utf-8"))
                return
            if self.command == "HEAD":
                super().do_HEAD()
            else:
                super().do_GET()

        do_HEAD = do_GET

        def log_message(self, format: str, *args) -> None:  # noqa: A002 - the signature http.server uses
            pass  # the terminal is for the editor's problems, not for every request

    return Handler


class Server(http.server.ThreadingHTTPServer):
    """The preview's HTTP server; a browser that hangs up mid-answer is normal, not an error."""

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):  # BrokenPipeError, ConnectionResetError
            return
        super().handle_error(request, client_address)


def serve(root: Path, port: int = 8000, host: str = "127.0.0.1", out=sys.stdout) -> None:
    """Build, serve on http://host:port/ and rebuild on every change until interrupted."""
    layout = Layout.of(root)
    state = State()
    server = Server((host, port), _handler(layout.site_dir, state))
    rebuilder = Rebuilder(layout, state, out)
    rebuilder.rebuild()
    watcher = Watcher(root)
    observer = Observer()
    for name in WATCHED:
        path = root / name
        if path.is_dir():
            observer.schedule(watcher, str(path), recursive=True)
        elif path.is_file():  # a single file: watch its folder, but not the folders below it (site/, build/)
            observer.schedule(watcher, str(root), recursive=False)
    observer.start()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"De site staat op http://{host}:{port}/ — stop met Ctrl+C.", file=out, flush=True)
    try:
        while True:
            changed = {c for c in watcher.settled() if c.startswith(WATCHED)}
            if changed:
                print(f"Gewijzigd: {printable(', '.join(sorted(changed)))}", file=out, flush=True)
                rebuilder.full = rebuilder.full or any(c.startswith(FULL_REBUILD) for c in changed)
                rebuilder.rebuild(changed)
                out.flush()
    except KeyboardInterrupt:
        print("Gestopt.", file=out)
    finally:
        observer.stop()
        server.shutdown()
