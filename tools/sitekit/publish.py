"""``build/site``: assembled from the languages whose pages match their sources.

The site is written to ``build/site.new`` and swapped in whole, so an interrupted
build never leaves a half-written site; a language that may not be published (see
:func:`publish_verdict`) is left out, with the reason.
"""

from __future__ import annotations

import json
import re
import shutil
from html import escape
from pathlib import Path
from string import Template
from urllib.parse import urlsplit

from sitekit import slim
from sitekit.build import LanguageBuild, complete_stamp, normalise_zip, source_digest
from sitekit.settings import BUILD, DOCS, LANGUAGES, TITLES, base_url


def publish_verdict(lang: str, results: dict[str, LanguageBuild]) -> str:
    """Why ``lang`` may not be published, or ``""`` when its pages match its sources."""
    result = results.get(lang)
    if result is not None:
        if result.returncode != 0 or result.error:
            return "its build failed"
        unrun = result.unrun
    else:
        stamp = complete_stamp(lang)
        if not stamp.exists():
            return f"its last build did not complete (build it: nox -s docs -- {lang})"
        last = json.loads(stamp.read_text(encoding="utf-8"))
        if last["digest"] != source_digest(lang):
            return f"its sources changed since it was last built (build it: nox -s docs -- {lang})"
        if last.get("base_url") != base_url():
            return (
                f"it was built for the base URL {last.get('base_url') or '(none)'!r}, not "
                f"{base_url() or '(none)'!r} (build it: nox -s docs -- {lang})"
            )
        unrun = last["unrun"]
    if unrun:
        never = [name for name in unrun if not _ever_ran(name)]
        if never:
            # the first build of a fresh clone, filtered to one page: say so plainly
            return (
                f"{len(never)} of its examples have not run since their outputs were made or "
                "forgotten (a filtered first build, or one after the package changed), so their "
                f"pages show no output: run every example once (nox -s docs -- {lang}); after "
                "that a filtered build runs only what you name"
            )
        return (
            f"these examples changed but did not run (a filtered build): {', '.join(unrun)}; "
            f"build without a filter to publish (nox -s docs -- {lang})"
        )
    return ""


def _ever_ran(script: str) -> bool:
    """Whether ``gallery/<lang>/<chapter>/<name>.py`` has run since its outputs were last
    forgotten (sphinx-gallery keeps its checksum once it ran without error)."""
    _, lang, chapter, name = Path(script).parts
    return (DOCS / lang / "auto_examples" / chapter / f"{name}.md5").exists()


_ASSET = re.compile(r"_(images|downloads)/([^\"'\s?#<>]+)")


def drop_orphan_assets(outdir: Path) -> list[str]:
    """Delete images and downloads that no page of ``outdir`` links.

    Sphinx never deletes what an earlier build copied there: the thumbnail, figures
    and downloads of a deleted page would otherwise stay published.
    """
    named: set[str] = set()
    for page in outdir.rglob("*.html"):
        for kind, name in _ASSET.findall(page.read_text(encoding="utf-8")):
            named.add(f"_{kind}/{name}")
    dropped = []
    for folder in ("_images", "_downloads"):
        for path in sorted((outdir / folder).rglob("*"), reverse=True):
            relative = path.relative_to(outdir).as_posix()
            if path.is_file() and relative not in named:
                path.unlink()
                dropped.append(relative)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return dropped


def relative_links(page: Path, prefix: str) -> None:
    """Make the links of ``page`` that start with ``prefix`` relative to its folder.

    >>> import tempfile
    >>> page = Path(tempfile.mkdtemp()) / "404.html"
    >>> _ = page.write_text('<a href="/ko/index.html"><img src="/ko/_static/a.svg">')
    >>> relative_links(page, "/ko/")
    >>> page.read_text()
    '<a href="index.html"><img src="_static/a.svg">'
    """
    if page.exists():
        html = page.read_text(encoding="utf-8")
        page.write_text(re.sub(rf'(href|src)="{re.escape(prefix)}', r'\1="', html), "utf-8")


def assemble(results: dict[str, LanguageBuild]) -> tuple[Path, dict[str, str]]:
    """Write ``build/site``: each publishable language's HTML and the root pages.

    The site is written beside the old one and swapped in at the end. A language
    that may not be published (see :func:`publish_verdict`) is left out, and the
    reason is returned for it.
    """
    site = BUILD / "site"
    staging = BUILD / "site.new"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    left_out = {}
    for lang in LANGUAGES:
        if reason := publish_verdict(lang, results):
            if (BUILD / lang / "html").exists() or lang in results:
                left_out[lang] = reason
            continue
        target = staging / lang
        shutil.copytree(
            BUILD / lang / "html",
            target,
            # myst-nb writes a failed notebook's traceback into reports/*.err.log
            # (a sitemap left by an earlier build told a base URL is not this site's)
            ignore=shutil.ignore_patterns(
                ".buildinfo", ".buildinfo.bak", ".doctrees", "*.err.log",
                *([] if base_url() else ["sitemap.xml"]),
            ),  # fmt: skip
        )
        drop_orphan_assets(target)
        for folder in sorted(target.rglob("*"), reverse=True):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()  # left by pages deleted since
        for archive in [*target.glob("_downloads/**/*.zip"), *target.glob("_downloads/**/*.whl")]:
            normalise_zip(archive)
        # Pygments' name and whitespace spans lose their class, then unused CSS
        # rules and custom properties dropped, scripts minified
        slim.slim_html(target)
        slim.slim_static(target)
        # what no page, stylesheet or script names is not shipped (source maps, badges)
        slim.drop_unreferenced(target)
    published = tuple(lang for lang in LANGUAGES if (staging / lang).exists())
    # the root page names the site in every language (titles from the settings)
    root_page = Template((DOCS / "root" / "index.html").read_text(encoding="utf-8"))
    (staging / "index.html").write_text(
        root_page.substitute({f"title_{code}": escape(title) for code, title in TITLES.items()}),
        encoding="utf-8",
    )
    # GitHub Pages serves the root 404.html for any missing address: its links are
    # absolute when the base URL is known, relative otherwise (a local preview, or
    # the file opened from disk)
    base = base_url()
    not_found = (DOCS / "root" / "404.html").read_text(encoding="utf-8")
    (staging / "404.html").write_text(
        not_found.replace("{base_path}", urlsplit(base).path if base else ""), encoding="utf-8"
    )
    robots = "User-agent: *\nAllow: /\n"
    if base:  # a sitemap holds absolute addresses only
        sitemaps = "".join(
            f"  <sitemap><loc>{base}{lang}/sitemap.xml</loc></sitemap>\n" for lang in published
        )
        (staging / "sitemap.xml").write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{sitemaps}</sitemapindex>\n",
            encoding="utf-8",
        )
        robots += f"Sitemap: {base}sitemap.xml\n"
    else:
        for lang in published:  # see site_conf: absolute from the site's root
            relative_links(staging / lang / "404.html", f"/{lang}/")
    (staging / "robots.txt").write_text(robots, encoding="utf-8")
    (staging / ".nojekyll").write_text("", encoding="utf-8")
    old = BUILD / "site.old"
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    staging.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    return site, left_out


