// Typeset every Sphinx math element with KaTeX (bundled in _static/katex, no CDN). A formula KaTeX cannot parse
// stays as raw TeX and is reported on the console, which the docs-site test treats as a failure.
document.addEventListener("DOMContentLoaded", () => {
  for (const el of document.querySelectorAll(".math")) {
    renderMathInElement(el, {
      delimiters: [{left: "\\[", right: "\\]", display: true}, {left: "\\(", right: "\\)", display: false}],
      throwOnError: true,
    });
  }
});
