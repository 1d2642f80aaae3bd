"Write README.md from nbs/index.ipynb with nbconvert (nbdev_readme needs Quarto); with --check, fail if they differ."

import re, sys
from pathlib import Path
import nbformat
from nbconvert import MarkdownExporter
from nbconvert.preprocessors import Preprocessor

ROOT = Path(__file__).resolve().parent.parent
HEADER = "<!-- Generated from nbs/index.ipynb by tools/make_readme.py: edit the notebook, not this file. -->\n\n"


class NbdevDirectives(Preprocessor):
    "Drop `#| hide` cells and `#|` directive lines, as nbdev's renderer does."

    def preprocess(self, nb, resources):
        nb.metadata.setdefault("language_info", {"name": "python"})  # nbdev_clean strips it; code blocks need it
        nb.cells = [
            c for c in nb.cells if not (c.cell_type == "code" and re.search(r"^#\|\s*hide\s*$", c.source, re.M))
        ]
        for c in nb.cells:
            if c.cell_type == "code":
                c.source = "\n".join(l for l in c.source.splitlines() if not l.startswith("#|")).strip()
        return nb, resources


def render(nb_path=ROOT / "nbs" / "index.ipynb") -> str:
    "The README text for the notebook at `nb_path`."
    exporter = MarkdownExporter()
    exporter.register_preprocessor(NbdevDirectives, enabled=True)
    body, _ = exporter.from_notebook_node(nbformat.read(nb_path, as_version=4))
    return HEADER + body.strip() + "\n"


if __name__ == "__main__":
    readme, text = ROOT / "README.md", render()
    if "--check" in sys.argv:
        if not readme.exists() or readme.read_text(encoding="utf-8") != text:
            sys.exit(
                "README.md does not match nbs/index.ipynb: run `python tools/make_readme.py` and commit the result"
            )
        print("README.md matches nbs/index.ipynb")
    else:
        readme.write_text(text, encoding="utf-8")
        print("wrote README.md")
