"""Report what each built page weighs: its HTML plus the stylesheets and scripts it loads.

    python tools/page_weight.py [build/site]

Images are left out. Prints the median and the heaviest pages, raw and gzip-compressed
(what a server that compresses, such as GitHub Pages, actually sends).
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

ASSET = re.compile(r'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src)="([^"]+)"')
SKIP = {"_static", "_downloads", "_images", "_sources"}


def weights(page: Path) -> tuple[int, int]:
    html = page.read_bytes()
    raw, packed = len(html), len(gzip.compress(html))
    for path in assets(page):
        if path.is_file():
            data = path.read_bytes()
            raw += len(data)
            packed += len(gzip.compress(data))
    return raw, packed


def assets(page: Path) -> list[Path]:
    """The local stylesheets and scripts *page* loads (existing or not)."""
    urls = ASSET.findall(page.read_text(encoding="utf-8"))
    return [page.parent / unquote(urlsplit(u).path) for u in urls if not urlsplit(u).scheme]


def site_weights(site: Path) -> list[tuple[int, int, str]]:
    """``(raw bytes, gzip bytes, page)`` for every page of *site*, lightest first."""
    pages = [p for p in site.rglob("*.html") if not SKIP & set(p.relative_to(site).parts)]
    return sorted((*weights(p), p.relative_to(site).as_posix()) for p in pages)


def main() -> int:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "build/site")
    rows = site_weights(site)
    median = rows[len(rows) // 2]
    print(f"{len(rows)} pages; median {median[0] / 1024:.0f} KB raw, "
          f"{sorted(r[1] for r in rows)[len(rows) // 2] / 1024:.0f} KB gzip")  # fmt: skip
    for raw, packed, name in rows[-5:]:
        print(f"  {raw / 1024:6.0f} KB raw {packed / 1024:5.0f} KB gzip  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
