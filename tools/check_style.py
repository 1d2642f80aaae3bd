"""The readability rules `ruff` cannot check, run by CI beside `ruff check`: exported cells a reader can follow,
each public name tested right after its definition, no reach into another module's private names or Keras's
internals, and references a reader of the repository can follow. Prints one line per breach; exits 1 if any."""

import ast, json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_LINES = 40  # the longest exported cell
MAX_COLUMNS = 120  # the longest line of the package (ruff checks the notebooks it is exported from)
TESTED_NEAR = (  # chapters held to the rule
    ("01c_tables", "06_gan", "07_vae", "07c_table_generators", "08_evaluate", "08b_experiment")
    + ("08c_table_experiment", "09_case_study", "09b_table_case_study")
)
NEAR = 2  # a public name must be used by a test cell at most this many cells after its definition
UNFOLLOWABLE = re.compile(r"SPEC\.md|Issue #|seed article|source article")


def cells(nb):
    for c in json.loads(nb.read_text())["cells"]:
        yield c["cell_type"], "".join(c["source"])


def exported(src):
    return re.match(r"#\|\s*export", src) is not None


def public_names(src):
    "Names a cell defines at top level that the module exports (not private, not patched methods)."
    try:
        tree = ast.parse(src)
    except SyntaxError:
        return []
    names = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            patched = any(getattr(d, "id", None) == "patch" for d in getattr(node, "decorator_list", []))
            if not patched:
                names.append(node.name)
        elif isinstance(node, ast.Assign):
            names += [t.id for t in node.targets if isinstance(t, ast.Name)]
    return [n for n in names if not n.startswith("_")]


def notebook_breaches(nb):
    found, cs = [], list(cells(nb))
    for i, (kind, src) in enumerate(cs):
        if UNFOLLOWABLE.search(src):
            found.append(f"{nb.name} cell {i}: a reference the reader cannot follow ({UNFOLLOWABLE.search(src)[0]})")
        if kind != "code" or not exported(src):
            continue
        if src.count("\n") + 1 > MAX_LINES:
            found.append(f"{nb.name} cell {i}: exported cell of {src.count(chr(10)) + 1} lines (at most {MAX_LINES})")
        if nb.stem not in TESTED_NEAR:
            continue
        near = [s for k, s in cs[i + 1 : i + 1 + NEAR] if k == "code" and not exported(s)]
        for name in public_names(src):
            if not any(re.search(rf"\b{re.escape(name)}\b", s) for s in near):
                found.append(f"{nb.name} cell {i}: `{name}` has no test within {NEAR} cells of its definition")
    return found


def module_breaches(py):
    text, found = py.read_text(), []
    for m in re.finditer(r"^from (\S+) import ([^\n(]+|\([^)]*\))", text, re.M):
        private = [n.strip() for n in m[2].strip("()").split(",") if n.strip().startswith("_")]
        if private and ("synthbook" in m[1] or m[1].startswith(".")) and private != ["__version__"]:
            found.append(f"{py.name}: imports another module's private names {private} from {m[1]}")
    if re.search(r"keras\.src\b|keras\._[a-z]", text):
        found.append(f"{py.name}: reaches into Keras's internals (keras.src): use a public Keras API")
    for n, line in enumerate(text.splitlines(), 1):
        if len(line) > MAX_COLUMNS and not line.startswith("__all__ = "):  # nbdev wraps __all__ before its prefix
            found.append(f"{py.name}:{n}: line of {len(line)} columns (at most {MAX_COLUMNS})")
    if UNFOLLOWABLE.search(text):
        found.append(f"{py.name}: a reference the reader cannot follow ({UNFOLLOWABLE.search(text)[0]})")
    return found


def main():
    found = [b for nb in sorted((ROOT / "nbs").glob("*.ipynb")) for b in notebook_breaches(nb)]
    found += [
        b for py in sorted((ROOT / "synthbook").glob("*.py")) if py.name != "_modidx.py" for b in module_breaches(py)
    ]
    print("\n".join(found) or "style: all rules hold")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
