"""Check a built docs site in a real browser: headless Chromium (Debian's `chromium`) driven by Playwright.

    python tools/check_site.py [_docs]    # prints the problems, exits 1 if there are any

The site is served on 127.0.0.1 and every HTML page is opened. A page passes when it logs no console error and
raises no JavaScript error; asks for nothing outside the site (no CDN) and nothing that is missing; every math
element was typeset by KaTeX and no raw TeX delimiter (`$$`, `\\(`, `\\[`, `$...\\cmd...$`) is left in its text;
every image loaded; and every internal link points at a file of the site, and at an anchor that exists there.
`check_site(..., shots=...)` also saves screenshots of the given pages.
"""

import asyncio, concurrent.futures, functools, http.server, os, re, sys, threading
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

CHROMIUM = os.environ.get("SYNTHBOOK_CHROMIUM", "/usr/bin/chromium")
# Quiet, offline-friendly flags (the machine has no network: background requests would only log errors).
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

# Runs in the page once it has loaded: what the reader would see broken.
INSPECT = r"""async () => {
  const imgs = [...document.images];
  imgs.forEach(i => { i.loading = "eager"; });
  await Promise.all(imgs.map(i => i.decode().catch(() => null)));
  const broken = imgs.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.getAttribute("src"));
  const maths = [...document.querySelectorAll(".math")];
  const unrendered = maths.filter(m => !m.querySelector(".katex")).map(m => m.textContent.trim().slice(0, 60));
  const errors = [...document.querySelectorAll(".katex-error")].map(e => e.textContent.slice(0, 60));
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {acceptNode: n =>
    n.parentElement.closest("pre, code, script, style, textarea, .katex, .highlight")
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
  const raw = [];
  for (let n; (n = walker.nextNode());) {
    const t = n.textContent;
    if (/\$\$|\\\(|\\\[|\$[^$\n]*\\[A-Za-z]+[^$\n]*\$/.test(t)) raw.push(t.trim().slice(0, 60));
  }
  const links = [...document.querySelectorAll("a[href]")].map(a => a.href);
  const ids = [...document.querySelectorAll("[id]")].map(e => e.id)
    .concat([...document.querySelectorAll("a[name]")].map(a => a.name));
  return {broken, n_math: maths.length, unrendered, errors, raw, links, ids};
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site):
    "Serve `site` on a free port of 127.0.0.1 in a background thread; returns the server (call `.shutdown()`)."
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def pages_of(site):
    "Every HTML page of the site, front page first (theme and build folders such as `_static/` left out)."
    site = Path(site)
    found = [
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not any(part.startswith("_") for part in p.relative_to(site).parts[:-1])
    ]
    return sorted(found, key=lambda p: (p != "index.html", p))


def _target(site, path):
    "The file a URL path names in the site, or None."
    f = Path(site) / unquote(path).lstrip("/")
    if f.is_dir():
        f = f / "index.html"
    return f if f.is_file() else None


def _local_only(base, seen):
    "A route handler that lets requests for the site through and refuses, and notes, any other: no CDN."

    def handle(route):  # one parameter: Playwright passes (route, request) to a handler that takes two
        url = route.request.url
        if url.startswith(base + "/") or url.startswith(("data:", "blob:")):
            return route.continue_()
        seen.append(f"asks for a URL outside the site: {url}")
        route.abort()

    return handle


def check_site(site, shots=(), shots_dir=None, timeout_ms=30_000, full_page=False):
    """Open every page of the built site at `site` in headless Chromium; return the problems found (empty: all good).
    `shots` names pages (e.g. "index.html") to screenshot into `shots_dir` (default: `site/_screenshots`),
    the whole page when `full_page`."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _check(site, shots, shots_dir, timeout_ms, full_page)
    # In Jupyter an event loop is running, where Playwright's sync API refuses to start: use a thread of its own.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(_check, site, shots, shots_dir, timeout_ms, full_page).result()


def _check(site, shots, shots_dir, timeout_ms, full_page=False):
    from playwright.sync_api import sync_playwright

    site = Path(site).resolve()
    pages = pages_of(site)
    if not pages:
        return [f"{site}: no HTML pages (was the site built?)"]
    srv = serve(site)
    base = f"http://127.0.0.1:{srv.server_address[1]}"
    problems, found, ids = [], {}, {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            ctx = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
            for name in pages:
                page, seen = ctx.new_page(), []

                page.route("**/*", _local_only(base, seen))
                page.on("console", lambda m, seen=seen: m.type == "error" and seen.append(f"console error: {m.text}"))
                page.on("pageerror", lambda e, seen=seen: seen.append(f"JavaScript error: {e}"))
                page.on(
                    "response",
                    lambda r, seen=seen: r.status >= 400 and seen.append(f"HTTP {r.status}: {r.url[len(base) :]}"),
                )
                page.on(
                    "requestfailed",
                    lambda r, seen=seen: (
                        r.url.startswith(base) and seen.append(f"request failed: {r.url[len(base) :]}")
                    ),
                )
                page.goto(f"{base}/{name}", wait_until="load", timeout=timeout_ms)
                info = page.evaluate(INSPECT)
                seen += [f"image did not load: {s}" for s in info["broken"]]
                seen += [f"math not rendered: {s!r}" for s in info["unrendered"]]
                seen += [f"KaTeX error: {s!r}" for s in info["errors"]]
                seen += [f"raw TeX left in the text: {s!r}" for s in info["raw"]]
                found[name], ids[name] = info, set(info["ids"])
                if name in shots:
                    out = Path(shots_dir or site / "_screenshots")
                    out.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(out / (Path(name).stem + ".png")), full_page=full_page)
                problems += [f"{name}: {s}" for s in dict.fromkeys(seen)]
                page.close()
            browser.close()
    finally:
        srv.shutdown()
        srv.server_close()
    for name, info in found.items():  # links, once every page's anchors are known
        for href in dict.fromkeys(info["links"]):
            url, frag = urldefrag(href)
            if not url.startswith(base + "/"):
                continue  # external links are not followed: the checks run offline
            path = urlsplit(url).path
            f = _target(site, path)
            if f is None:
                problems.append(f"{name}: broken link to {href[len(base) :]}")
                continue
            rel = f.relative_to(site).as_posix()
            if frag and rel in ids and unquote(frag) not in ids[rel]:
                problems.append(f"{name}: link to a missing anchor: {href[len(base) :]}")
    return problems


if __name__ == "__main__":
    site = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "_docs")
    probs = check_site(site, shots=("index.html",))
    print("\n".join(probs) or f"{site}: {len(pages_of(site))} pages, no problems")
    sys.exit(1 if probs else 0)
