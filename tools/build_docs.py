"""Build the docs site into `_docs/`, offline: every notebook in `nbs/` is a page, executed afresh.

    python tools/build_docs.py            # -> _docs/index.html

Sphinx with myst-nb renders the notebooks (see the README for why). The notebooks are first prepared in a
temporary folder, never in `nbs/`: nbdev's own processor `add_show_docs` adds a `show_doc` cell after every
exported function or class, as nbdev's Quarto site does; nbdev's `#|` directives become myst-nb cell tags
(`hide`/`default_exp` cells run but are not shown, `export` cells are folded above their API doc, `echo: false`
hides the code, and cells flagged with a `tst_flags` flag such as `slow` are shown but not run, as `nbdev_test`
skips them unless asked); the pictures the pages show (`nbs/images/`) are copied beside them; and the front page
gets the chapter navigation, built from the file names so that a new
chapter appears without editing any configuration. Math is typeset by KaTeX from the npm package pinned in
`docs/package.json` (installed with `npm ci` on first use) and served from the site itself: no CDN.
"""

import argparse, hashlib, json, os, re, shutil, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS, NBS = ROOT / "docs", ROOT / "nbs"
KATEX = DOCS / "node_modules" / "katex" / "dist"
ASSETS = ("images",)  # folders of nbs/ that pages refer to (e.g. `![...](images/x.png)`), copied beside the notebooks
STAMP = ".synthbook-build.json"  # written into the site: which notebooks and docs sources it was built from

# nbdev directive -> myst-nb tags (https://myst-nb.readthedocs.io/en/latest/render/hiding.html)
TAGS = {
    "hide": ["remove-cell"],
    "default_exp": ["remove-cell"],
    "include:": ["remove-cell"],
    "export": ["hide-input"],
    "exporti": ["hide-input"],
    "echo:": ["remove-input"],
    "output:": ["remove-output"],
    "eval:": ["skip-execution"],
}
# Run first (hidden) in a notebook that gets API docs: nbdev's show_doc, rendered without its Quarto-only markup
# (a `---` rule and a `[source]{target=...}` link): a heading, the signature, the docstring, the parameter table.
SHOW_DOC = """from nbdev.showdoc import show_doc as _nbdev_show_doc, BasicMarkdownRenderer, MarkdownRenderer
class _SiteRenderer(BasicMarkdownRenderer):
    def _repr_markdown_(self):
        return f"{'#' * self.title_level} {self.nm}\\n\\n" + MarkdownRenderer._repr_markdown_(self)
def show_doc(sym, renderer=_SiteRenderer, **kwargs): return _nbdev_show_doc(sym, renderer=renderer, **kwargs)"""
CELL_KEYS = {
    "markdown": ("cell_type", "source", "metadata"),
    "raw": ("cell_type", "source", "metadata"),
    "code": ("cell_type", "source", "metadata", "outputs", "execution_count"),
}


def chapters(nbs=NBS):
    "The notebooks in reading order: `index.ipynb` first, then the chapters in file-name order (as nbdev finds them)."
    found = [
        p for p in nbs.rglob("*.ipynb") if not any(part.startswith((".", "_")) for part in p.relative_to(nbs).parts)
    ]
    return sorted(found, key=lambda p: (p.relative_to(nbs).as_posix() != "index.ipynb", p.relative_to(nbs).as_posix()))


def sources_digest(nbs=NBS):
    "A hash of everything the site is built from, so a test can tell whether `_docs/` is up to date."
    h = hashlib.sha256()
    files = chapters(nbs) + sorted(p for p in DOCS.rglob("*") if p.is_file() and "node_modules" not in p.parts)
    files += sorted(p for a in ASSETS for p in (nbs / a).rglob("*") if p.is_file())
    for p in files + [Path(__file__), ROOT / "settings.ini"]:
        h.update(p.relative_to(ROOT).as_posix().encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def _tags(cell, skip=()):
    "myst-nb tags for a processed cell, from its nbdev directives; cells flagged with one of `skip` are not run."
    d = getattr(cell, "directives_", None) or {}
    tags = ["skip-execution"] if set(skip) & d.keys() else []
    for k, v in d.items():
        if k.endswith(":") and (v or [""])[0].lower() != "false":
            continue  # `#| echo: true` and the like
        tags += TAGS.get(k, [])
    if cell.get("has_sd"):
        tags.append("remove-input")  # the show_doc cells nbdev adds: output only
    if "nbdev_export" + "(" in cell.source:
        tags += ["remove-cell", "skip-execution"]  # exports into the repo
    return list(dict.fromkeys(tags))


def prepare(nb_path, dest):
    "Write `nb_path` to `dest` ready for myst-nb: `show_doc` for exported names, directives as tags."
    from nbdev.config import get_config
    from nbdev.process import NBProcessor

    skip = (
        get_config(path=ROOT).get("tst_flags", "").split()
    )  # `#| slow` cells: not run, as `nbdev_test` without --flags
    from nbdev.processors import add_show_docs, hide_line, populate_language, rm_header_dash, strip_ansi

    proc = NBProcessor(nb_path, procs=[populate_language, add_show_docs, strip_ansi, hide_line, rm_header_dash])
    proc.process()
    cells = []
    for c in proc.nb.cells:
        cell = {k: c[k] for k in CELL_KEYS[c.cell_type] if k in c}
        cell["metadata"] = {k: v for k, v in dict(c.get("metadata", {})).items() if k not in ("language",)}
        if c.cell_type == "code":
            tags = _tags(c, skip)
            if tags:
                cell["metadata"]["tags"] = tags
            # nbdev leaves a directive-only cell's line, and Quarto options (`#| echo: false`), in the source
            cell["source"] = "\n".join(l for l in c.source.splitlines() if not l.lstrip().startswith("#|")).strip("\n")
        cells.append(cell)
    if any(c.get("has_sd") for c in proc.nb.cells):
        cells.insert(
            0,
            dict(
                cell_type="code", source=SHOW_DOC, outputs=[], execution_count=None, metadata={"tags": ["remove-cell"]}
            ),
        )
    nb = {"cells": cells, "metadata": dict(proc.nb.metadata), "nbformat": 4, "nbformat_minor": 5}
    nb["metadata"].setdefault("kernelspec", {"display_name": "Python 3", "language": "python", "name": "python3"})
    for i, c in enumerate(nb["cells"]):
        c["id"] = f"c{i}"
        if isinstance(c["source"], list):
            c["source"] = "".join(c["source"])
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def add_nav(index, pages):
    "Add a hidden table of contents listing `pages` (in order) to the front page: the site's navigation."
    nb = json.loads(index.read_text(encoding="utf-8"))
    toc = "```{toctree}\n:hidden:\n:maxdepth: 2\n\n" + "\n".join(pages) + "\n```"
    nb["cells"].append({"cell_type": "markdown", "id": "nav", "metadata": {}, "source": toc})
    index.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def failed_notebooks(
    warnings: str,  # what Sphinx wrote to its warning file (`-w`)
    lines: int = 25,  # of each traceback, from its end
) -> dict:
    "The notebooks myst-nb could not execute, each with the end of its traceback (colour codes removed)."
    found, name = {}, None
    for line in re.sub(r"\x1b\[[0-9;]*m", "", warnings).splitlines():
        m = re.match(r"(\S+\.ipynb): WARNING: Executing notebook failed", line)
        if m:
            name = Path(m[1]).name
            found[name] = []
        elif re.match(r"\S+: WARNING: ", line):
            name = None
        elif name:
            found[name].append(line)
    for k, v in found.items():  # the cell and its error, without the executor's own frames
        start = next((i for i, line in enumerate(v) if "CellExecutionError" in line), 0)
        found[k] = "\n".join(v[start:][-lines:]).replace(" [mystnb.exec]", "").rstrip()
    return found


def ensure_katex():
    "Install KaTeX from the npm registry (pinned by docs/package-lock.json) unless it is there already."
    if (KATEX / "katex.min.js").exists():
        return
    npm = shutil.which("npm")
    if not npm:
        sys.exit("build_docs: KaTeX is missing and npm is not installed: install Node.js and npm, then run again")
    print("installing KaTeX with npm ci (docs/package-lock.json)", flush=True)
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=DOCS, check=True)


def build(out=ROOT / "_docs", nbs=NBS, quiet=True):
    "Build the site from the notebooks in `nbs` into `out` (replaced only once the build succeeded)."
    from sphinx.cmd.build import build_main

    ensure_katex()
    os.environ.setdefault(
        "TF_CPP_MIN_LOG_LEVEL", "3"
    )  # the kernels inherit it: no TensorFlow start-up chatter in the pages
    out, start = Path(out).resolve(), time.time()
    with tempfile.TemporaryDirectory(prefix="synthbook-docs-") as tmp:
        src, site = Path(tmp) / "src", Path(tmp) / "site"
        pages = []
        for p in chapters(nbs):
            rel = p.relative_to(nbs)
            prepare(p, src / rel)
            if rel.as_posix() != "index.ipynb":
                pages.append(rel.with_suffix("").as_posix())
        add_nav(src / "index.ipynb", pages)
        for a in ASSETS:
            if (nbs / a).is_dir():
                shutil.copytree(nbs / a, src / a)
        for f in ("conf.py", "katex_math.py"):
            shutil.copy(DOCS / f, src / f)
        shutil.copy(ROOT / "settings.ini", src / "settings.ini")
        shutil.copytree(DOCS / "_static", src / "_static")
        shutil.copytree(
            KATEX,
            src / "_static" / "katex",
            ignore=shutil.ignore_patterns("*.mjs", "katex.js", "katex.css", "README.md"),
        )
        args = ["-b", "html", "-d", str(Path(tmp) / "doctrees"), "-j", "1", "--keep-going", "-T"] + (
            ["-q"] if quiet else []
        )
        warnings = Path(tmp) / "warnings.log"
        sys.path.insert(0, str(src))  # katex_math, the local extension
        try:
            rc = build_main(args + ["-w", str(warnings), str(src), str(site)])
        finally:
            sys.path.remove(str(src))
        failed = failed_notebooks(warnings.read_text(encoding="utf-8") if warnings.exists() else "")
        for name, tail in failed.items():
            print(f"\n== {name} failed to execute; the end of its traceback:\n{tail}", file=sys.stderr)
        if rc or failed:
            names = ", ".join(failed) or "none"
            sys.exit(f"build_docs: the build failed (sphinx exit {rc}; notebooks that failed to execute: {names})")
        (site / STAMP).write_text(json.dumps({"sources": sources_digest(nbs), "pages": ["index"] + pages}, indent=1))
        shutil.rmtree(site / "_sources", ignore_errors=True)  # empty: the sources are not copied (html_copy_source)
        if out.exists():
            shutil.rmtree(out)
        shutil.move(str(site), str(out))
    print(f"built {len(pages) + 1} pages into {out} in {time.time() - start:.0f} s")
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "_docs"), help="where to write the site (default: _docs/)")
    ap.add_argument("--verbose", action="store_true", help="show Sphinx's progress messages")
    a = ap.parse_args()
    build(a.out, quiet=not a.verbose)
