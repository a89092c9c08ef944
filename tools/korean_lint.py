"""Lint the Korean sources for the glitches that make Korean read as translated.

    python tools/korean_lint.py            # every Korean page; exit 1 if anything is found
    python tools/korean_lint.py --counts   # the number of findings per rule

Rules (each finding names the file, the line and the rule):

``particle``
    A particle must attach to the inline code or role before it: ````grad_fn``\\ 이`` in a
    gallery script (reST needs the escaped space), ```grad_fn`이`` in a MyST page, never
    ````grad_fn`` 이``.
``myst-escape``
    ``\\ `` in a MyST page: Markdown needs no escaped space before a particle, and shows it.
``doubled``
    The same word twice in a row ("텐서 텐서").
``term``
    A variant the glossary (``tools/glossary.toml``) replaces: 인수 for 인자, 갱신 for
    업데이트, Python in prose for 파이썬... A paragraph that names the Korean translation of
    the PyTorch tutorials (``tutorials.pytorch.kr``) may use their words, to explain them.
``haerache``
    A prose sentence that ends in the plain style (``…한다.``, ``…이다.``) instead of
    합니다체. Quoted text is left alone.

Prose is the module docstring and ``# %%`` text cells of a gallery script, a chapter's
``GALLERY_HEADER.rst``, the text of a MyST page outside its code cells, and the Korean
definitions (``ko_definition``) of the glossary, which the site's Glossary page shows; comments
inside code and displayed strings (``print`` text, figure labels) are checked for ``doubled``
and ``term`` only.
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import sys
import tokenize
import tomllib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = Path(__file__).with_name("glossary.toml")

PARTICLES = (
    "이|가|은|는|을|를|의|에|에서|에게|으로|로|와|과|도|만|까지|부터|처럼|보다|이나|나|"
    "이며|며|이고|고|이면|면|이라는|라는|이라고|라고|이란|란|입니다|입니까|이지만|지만|인|"
    "인지|이므로|이라서|라서|으로써|로써|으로서|로서|에는|에도|에서는|에서도|으로는|로는|"
    "으로도|로도|와는|과는|이랑|랑|마다|뿐|밖에|조차|마저|이자|이었|였|과의|와의|에서의|으로의|로의"
)
# a closing backtick (inline code or a role), a space, then a particle standing alone
DETACHED = re.compile(rf"`[ \t]+(?:{PARTICLES})(?=$|[^가-힣])")
HANGUL = re.compile(r"[가-힣]")
WORD = re.compile(r"\S+")
TRIM = ".,;:!?()[]{}\"'“”‘’「」…·"
# what is not prose inside a prose line: inline code, roles, links' targets, math, URLs
REST_CODE = re.compile(r"``.+?``|:[\w:+-]+:`[^`]*`|`[^`]*`_{0,2}|https?://\S+")
MYST_CODE = re.compile(r"\{[\w:+-]+\}`[^`]*`|`[^`]*`|\]\([^)]*\)|\$[^$]*\$|https?://\S+")
QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|‘[^’]*’|'[^']*'|「[^」]*」")
PLAIN_STYLE = re.compile(r"(?<=[가-힣])(?<![니보시])다[.!?](?=\s|$)")
EXEMPT = "tutorials.pytorch.kr"


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int
    rule: str
    message: str

    def __str__(self) -> str:
        try:
            shown = self.path.relative_to(ROOT)
        except ValueError:
            shown = self.path
        return f"{shown}:{self.line}: [{self.rule}] {self.message}"


@dataclass(frozen=True)
class Text:
    """A run of reader-visible text: ``kind`` is ``rest``, ``myst`` or ``plain``."""

    line: int
    text: str
    kind: str
    prose: bool


def load_terms(path: Path = GLOSSARY) -> list[tuple[re.Pattern[str], str, str]]:
    """The glossary's variants, as ``(pattern, use, english)``."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [(re.compile(t["pattern"]), t["use"], t["english"]) for t in data["term"] if "pattern" in t]


# --- extracting text ------------------------------------------------------------------


def _comments_and_strings(source: str, first_line: int) -> Iterator[Text]:
    """Comments and string literals of Python code (code-cell text, not prose)."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return
    for tok in tokens:
        line = first_line + tok.start[0] - 1
        if tok.type == tokenize.COMMENT:
            yield Text(line, tok.string.lstrip("#").strip(), "plain", False)
        elif tok.type == tokenize.STRING:
            try:
                value = ast.literal_eval(tok.string)
            except (ValueError, SyntaxError):
                value = tok.string  # an f-string: its literal text is what matters
            if isinstance(value, str):
                yield Text(line, value, "plain", False)
        elif tok.type == getattr(tokenize, "FSTRING_MIDDLE", -1):
            yield Text(line, tok.string, "plain", False)


def gallery_texts(path: Path) -> Iterator[Text]:
    """Prose (docstring, text cells) and code text of a sphinx-gallery script."""
    lines = path.read_text(encoding="utf-8").splitlines()
    tree = ast.parse("\n".join(lines))
    doc = tree.body[0] if tree.body and isinstance(tree.body[0], ast.Expr) else None
    body_start = 0
    if doc is not None and isinstance(doc.value, ast.Constant) and isinstance(doc.value.value, str):
        for number in range(doc.lineno, doc.end_lineno + 1):
            yield Text(number, lines[number - 1].strip().strip('"').strip("r").strip('"'), "rest", True)
        body_start = doc.end_lineno
    in_text = False
    code: list[str] = []
    code_start = body_start + 1
    for number, raw in enumerate(lines[body_start:], start=body_start + 1):
        stripped = raw.strip()
        if stripped.startswith("# %%"):
            if code:
                yield from _comments_and_strings("\n".join(code), code_start)
            code, in_text = [], True
            continue
        if in_text and (stripped.startswith("#") or not stripped):
            yield Text(number, stripped[1:].strip() if stripped else "", "rest", True)
            continue
        if in_text:
            in_text, code_start = False, number
        if not code:
            code_start = number
        code.append(raw)
    if code:
        yield from _comments_and_strings("\n".join(code), code_start)


def rest_texts(path: Path) -> Iterator[Text]:
    in_directive_body = False
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if raw.startswith(".. ") and "::" in raw:
            in_directive_body = raw.split("::", 1)[0].strip() in {".. code-block", ".. code"}
            continue
        if in_directive_body and (raw.startswith(" ") or not raw.strip()):
            continue
        in_directive_body = False
        yield Text(number, raw.strip(), "rest", True)


def myst_texts(path: Path) -> Iterator[Text]:
    """Prose outside fences, and the comments and strings of code cells, of a MyST page."""
    lines = path.read_text(encoding="utf-8").splitlines()
    number = 0
    if lines and lines[0].strip() == "---":  # front matter
        number = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), 0) + 1
    while number < len(lines):
        raw = lines[number]
        fence = re.match(r"^(`{3,}|~{3,})\s*(\{?[\w-]*\}?)(.*)$", raw.strip())
        if fence:
            marker, kind = fence.group(1), fence.group(2)
            end = number + 1
            while end < len(lines) and not lines[end].strip().startswith(marker):
                end += 1
            body = [line for line in lines[number + 1 : end] if not line.startswith(":")]
            if kind in {"{code-cell}", "python", "{code-block}", "py"}:
                yield from _comments_and_strings("\n".join(body), number + 2)
            elif kind in {"{note}", "{tip}", "{important}", "{warning}", "{admonition}", "{seealso}", "{dropdown}"}:
                for offset, line in enumerate(lines[number + 1 : end], start=number + 2):
                    if not line.startswith(":"):
                        yield Text(offset, line.strip(), "myst", True)
            number = end + 1
            continue
        if not raw.startswith("%") and not raw.startswith("("):
            yield Text(number + 1, raw.strip(), "myst", True)
        number += 1


def glossary_texts(path: Path) -> Iterator[Text]:
    """The Korean definitions of the glossary: one line of MyST prose each."""
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = re.match(r"^ko_definition\s*=\s*(.+)$", raw)
        if match:
            value = tomllib.loads(f"v = {match.group(1)}")["v"]
            yield Text(number, value, "myst", True)


def texts_of(path: Path) -> Iterator[Text]:
    if path.suffix == ".toml":
        return glossary_texts(path)
    if path.suffix == ".py":
        return gallery_texts(path)
    if path.suffix == ".md":
        return myst_texts(path)
    return rest_texts(path)


def korean_sources(root: Path = ROOT) -> list[Path]:
    """Every hand-written Korean page: gallery scripts, chapter headers, MyST pages, and the
    glossary (its Korean definitions are a page's prose)."""
    gallery = root / "gallery" / "ko"
    docs = root / "docs" / "ko"
    found = [*gallery.rglob("*.py"), *gallery.rglob("*.rst")]
    found += [p for p in docs.rglob("*.md") if "auto_examples" not in p.parts]
    glossary = root / "tools" / "glossary.toml"
    return sorted(found) + ([glossary] if glossary.exists() else [])


# --- checking -------------------------------------------------------------------------


def _paragraphs(texts: Iterable[Text]) -> Iterator[list[Text]]:
    """Consecutive texts of the same kind, split at blank lines."""
    block: list[Text] = []
    for text in texts:
        if block and (not text.text or text.kind != block[-1].kind or text.prose != block[-1].prose
                      or text.line != block[-1].line + 1):
            yield block
            block = []
        if text.text:
            block.append(text)
    if block:
        yield block


def _mask(text: Text) -> str:
    pattern = MYST_CODE if text.kind == "myst" else REST_CODE
    return pattern.sub(" ", text.text)


def check_file(path: Path, terms: list[tuple[re.Pattern[str], str, str]] | None = None) -> list[Finding]:
    terms = load_terms() if terms is None else terms
    findings: list[Finding] = []
    for block in _paragraphs(texts_of(path)):
        exempt = any(EXEMPT in t.text for t in block)
        previous: tuple[int, str] | None = None
        for text in block:
            if text.prose:
                for match in DETACHED.finditer(text.text):
                    findings.append(Finding(path, text.line, "particle",
                                            f"particle detached from inline code: {match.group(0)!r}"))
                if text.kind == "myst" and "\\ " in text.text:
                    findings.append(Finding(path, text.line, "myst-escape",
                                            "MyST needs no '\\ ' before a particle"))
            masked = _mask(text)
            if text.prose:
                for match in PLAIN_STYLE.finditer(QUOTED.sub(" ", masked)):
                    findings.append(Finding(path, text.line, "haerache",
                                            f"plain style instead of 합니다체: {match.group(0)!r}"))
            if not exempt:
                for pattern, use, english in terms:
                    for match in pattern.finditer(masked):
                        findings.append(Finding(path, text.line, "term",
                                                f"{match.group(0)!r}: the glossary says {use!r} ({english})"))
            for word in WORD.finditer(masked):
                raw = word.group(0)
                token = raw.strip(TRIM)
                if previous and token and token == previous[1] and HANGUL.search(token):
                    findings.append(Finding(path, text.line, "doubled", f"doubled word: {token!r}"))
                # punctuation between two words ("한 다음, 다음 예측") ends the comparison
                previous = None if raw[-1] in TRIM else (text.line, token)
    return findings


def check(paths: Iterable[Path]) -> list[Finding]:
    terms = load_terms()
    return [finding for path in paths for finding in check_file(path, terms)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="files to check (default: every Korean page)")
    parser.add_argument("--counts", action="store_true", help="print only the count per rule")
    args = parser.parse_args(argv)
    findings = check([p.resolve() for p in args.paths] or korean_sources())
    if args.counts:
        counts = Counter(f.rule for f in findings)
        for rule in ("particle", "myst-escape", "doubled", "term", "haerache"):
            print(f"{rule:12} {counts.get(rule, 0)}")
        print(f"{'total':12} {len(findings)}")
    else:
        for finding in findings:
            print(finding)
        print(f"{len(findings)} finding(s)", file=sys.stderr if findings else sys.stdout)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
