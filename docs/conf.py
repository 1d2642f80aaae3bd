"""Sphinx configuration of the docs site. `python tools/build_docs.py` copies this file next to the prepared
notebooks and builds the site into `_docs/`; see that script for how the notebooks are prepared."""
from configparser import ConfigParser
from pathlib import Path

cfg = ConfigParser(delimiters=["="])
cfg.read(Path(__file__).with_name("settings.ini"), encoding="utf-8")  # the build copies settings.ini beside this file
cfg = cfg["DEFAULT"]

project, author, release = cfg["title"], cfg["author"], cfg["version"]
copyright = cfg["copyright"]
root_doc = "index"  # the front page is nbs/index.ipynb

extensions = ["myst_nb", "katex_math", "sphinx.ext.githubpages"]
html_math_renderer = "katex"
exclude_patterns = ["_build", "**.ipynb_checkpoints", "settings.ini"]

# Notebooks: executed afresh in a kernel (only index.ipynb stores outputs), each in its own temporary folder.
# A cell that raises is a warning with its traceback; the build goes on with the other notebooks, and
# build_docs.py then fails, naming every notebook that failed with the end of its traceback.
nb_execution_mode = "force"
nb_execution_timeout = 900
nb_execution_in_temp = True
nb_execution_raise_on_error = False
nb_execution_show_tb = True
nb_execution_excludepatterns = ["99_docs_site.ipynb"]  # the docs-site test checks a built site, so it is shown, not run
nb_merge_streams = True
nb_output_stderr = "remove"  # TensorFlow's C++ start-up log lines (not silenced by TF_CPP_MIN_LOG_LEVEL) are no reading
nb_code_prompt_show, nb_code_prompt_hide = "Show the exported source", "Hide the exported source"  # `#| export` cells
nb_render_markdown_format = "gfm"  # nbdev's show_doc output is Markdown with tables
nb_ipywidgets_js = {}  # no widgets, and nothing fetched from a CDN

# Markdown in the notebooks: $...$ and $$...$$ math (rendered offline by KaTeX, see katex_math.py).
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_dmath_double_inline = True
myst_heading_anchors = 3
suppress_warnings = ["myst.header", "mystnb.unknown_mime_type"]

html_theme = "furo"
html_title = project
html_static_path = ["_static"]
html_css_files = ["custom.css"]
html_baseurl = f'{cfg["doc_host"]}{cfg["doc_baseurl"]}/'
html_show_sourcelink = False
html_copy_source = False
html_theme_options = {
    "source_repository": cfg["git_url"] + "/",
    "source_branch": cfg["branch"],
    "source_directory": "nbs/",
}
