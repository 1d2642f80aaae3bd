"""Sphinx math renderer: KaTeX from the npm package pinned in docs/package.json, served from the site itself.

Math is written into the page as `\\( ... \\)` (inline) and `\\[ ... \\]` (display) inside `.math` elements, the
markup Sphinx's MathJax renderer uses; KaTeX's auto-render turns each into typeset math when the page loads.
No CDN is involved: `tools/build_docs.py` copies KaTeX's `dist/` folder to `_static/katex/`."""
from docutils import nodes

KATEX = ["katex/katex.min.js", "katex/contrib/auto-render.min.js", "katex-render.js"]


def visit_math(self, node):
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate nohighlight"))
    self.body.append(self.encode(r"\(" + node.astext() + r"\)") + "</span>")
    raise nodes.SkipNode


def visit_displaymath(self, node):
    self.body.append(self.starttag(node, "div", CLASS="math notranslate nohighlight"))
    if node["number"]:
        self.body.append(f'<span class="eqno">({node["number"]})')
        self.add_permalink_ref(node, "Link to this equation")
        self.body.append("</span>")
    self.body.append(self.encode(r"\[" + node.astext() + r"\]") + "</div>\n")
    raise nodes.SkipNode


def setup(app):
    app.add_html_math_renderer("katex", (visit_math, None), (visit_displaymath, None))
    app.add_css_file("katex/katex.min.css")
    for js in KATEX: app.add_js_file(js, defer="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
