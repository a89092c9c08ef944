"""Compare a Korean page with its English twin, ignoring what may differ.

A page is split into cells (``# %%`` in a gallery script, ``{code-cell}`` blocks
and prose in a MyST-NB page). Two pages are parallel when they have the same
sequence of cells and headings and every code cell has the same syntax tree once
comments, docstrings and *displayed* strings are set aside.

A displayed string is one whose text is itself shown to the reader: a string that
is a direct argument of a printing or labelling call (``print``, ``set_title``,
``legend``...) or the value of a ``label=``/``title=``-style keyword (or of
``print``'s ``sep=``/``end=``), or one reached from there only through expressions
that build text: both branches of ``a if cond else b``, either side of ``+``, the
template of ``"..." % values``, the elements of a tuple, list or set (as in
``legend(["train", "valid"])``), and the receiver of ``"...".format(...)`` or
``", ".join(...)``. In a displayed f-string only its literal text (and format spec)
is set aside. Everything else stays code and must agree, even inside a display
call: the ``{expressions}`` of an f-string, the condition of ``if``/``else``, the
values given to ``%``, ``format`` and ``join``, other keywords of a display call
(``ha=``, ``loc=``, ``file=``...), and every string inside any other call,
subscript, attribute access, comparison, dict or comprehension, so
``print(x.to("cpu"))`` and ``print(x.to("meta"))`` differ.
"""

from __future__ import annotations

import ast
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

DISPLAY_CALLS = frozenset(
    {
        "print",
        "set_title",
        "set_xlabel",
        "set_ylabel",
        "suptitle",
        "title",
        "xlabel",
        "ylabel",
        "text",
        "annotate",
        "legend",
        "set_xticklabels",
        "set_yticklabels",
        "bar_label",
        "figtext",
        "supxlabel",
        "supylabel",
        # a figure's description, its alternative text (pytorch_basics.plotting)
        "describe_figure",
    }
)
DISPLAY_KEYWORDS = frozenset({"label", "title", "xlabel", "ylabel", "labels"})
# keywords that are displayed text only for the call they belong to
DISPLAY_CALL_KEYWORDS = {"print": frozenset({"sep", "end"})}
# methods that build text from their receiver string: "{}".format(...), ", ".join(...)
TEXT_METHODS = frozenset({"format", "join"})
PLACEHOLDER = "<displayed>"


@dataclass(frozen=True)
class Cell:
    kind: str  # "code" or "text"
    source: str
    line: int  # 1-based line of the cell in its file
    headings: int = 0


class _Normaliser(ast.NodeTransformer):
    """Blank out docstrings and displayed strings so only the code is compared."""

    def visit_Call(self, node: ast.Call) -> ast.AST:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        node.func = self.visit(node.func)
        if name in DISPLAY_CALLS:
            node.args = [self._displayed(arg) for arg in node.args]
        else:
            node.args = [self.visit(arg) for arg in node.args]
        text_keywords = DISPLAY_KEYWORDS | DISPLAY_CALL_KEYWORDS.get(name or "", frozenset())
        for keyword in node.keywords:
            if keyword.arg in text_keywords:
                keyword.value = self._displayed(keyword.value)
            else:
                keyword.value = self.visit(keyword.value)
        return node

    def _displayed(self, node: ast.expr) -> ast.expr:
        """Normalise ``node``, an expression whose value is displayed as text.

        Only the strings that make up that text are blanked: string constants, the
        literal parts of f-strings, and whatever is reached from them through
        expressions that merely build text. Anything else, including every string
        inside another call, subscript, attribute access or comparison, is code.
        """
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return ast.copy_location(ast.Constant(PLACEHOLDER), node)
        if isinstance(node, ast.JoinedStr):
            # its wording (and where the values sit in it) may differ between
            # languages; the values themselves may not
            node.values = [
                self._displayed_value(v)
                for v in node.values
                if isinstance(v, ast.FormattedValue)  # the rest is the literal text
            ]
            return node
        if isinstance(node, ast.IfExp):
            node.test = self.visit(node.test)
            node.body = self._displayed(node.body)
            node.orelse = self._displayed(node.orelse)
            return node
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            node.left = self._displayed(node.left)
            node.right = self._displayed(node.right)
            return node
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            # "template %s" % values: the template is text, the values are code
            node.left = self._displayed(node.left)
            node.right = self.visit(node.right)
            return node
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            node.elts = [self._displayed(e) for e in node.elts]
            return node
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in TEXT_METHODS
        ):
            # "template {}".format(values) / "sep".join(items): only the receiver is text
            node.func.value = self._displayed(node.func.value)
            node.args = [self.visit(arg) for arg in node.args]
            node.keywords = [self.visit(keyword) for keyword in node.keywords]
            return node
        return self.visit(node)

    def _displayed_value(self, node: ast.FormattedValue) -> ast.FormattedValue:
        # the expression inside {...} is code and must agree; its format spec is display
        node.value = self.visit(node.value)
        if node.format_spec is not None:
            node.format_spec = self._displayed(node.format_spec)
        return node

    def visit_Expr(self, node: ast.Expr) -> ast.AST | None:
        if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            return None  # a docstring or a bare string statement
        return self.generic_visit(node)


def normalise(source: str, filename: str = "<cell>") -> str:
    """The syntax tree of ``source`` with comments, docstrings and displayed strings removed."""
    tree = _Normaliser().visit(ast.parse(source, filename=filename))
    return ast.dump(ast.fix_missing_locations(tree), include_attributes=False)


_HEADING_UNDERLINE = re.compile(r"^#\s*([=\-~^\"'`])\1{2,}\s*$")


def gallery_cells(path: Path) -> list[Cell]:
    """Cells of a sphinx-gallery script: the docstring, then text and code per ``# %%``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    tree = ast.parse("\n".join(lines), filename=str(path))
    body_start = tree.body[1].lineno - 1 if len(tree.body) > 1 else len(lines)
    first = tree.body[0]
    doc_end = (first.end_lineno or 0) if isinstance(first, ast.Expr) else 0
    cells = [
        Cell(
            "text",
            "\n".join(lines[:doc_end]),
            1,
            sum(1 for line in lines[:doc_end] if re.fullmatch(r"([=\-~^])\1{2,}", line.strip())),
        )
    ]
    chunks: list[tuple[int, list[str]]] = [(doc_end + 1, [])]
    for number, line in enumerate(lines[doc_end:], start=doc_end + 1):
        if line.strip() == "# %%":
            chunks.append((number + 1, []))  # the cell starts after its marker
        else:
            chunks[-1][1].append(line)
    del body_start
    for start, chunk in chunks:
        comment = [line for line in chunk if line.startswith("#")]
        text_end = 0
        while text_end < len(chunk) and chunk[text_end].startswith("#"):
            text_end += 1
        if text_end:
            cells.append(
                Cell(
                    "text",
                    "\n".join(chunk[:text_end]),
                    start,
                    sum(1 for line in comment[:text_end] if _HEADING_UNDERLINE.match(line)),
                )
            )
        rest = chunk[text_end:]
        blank = next((i for i, line in enumerate(rest) if line.strip()), len(rest))
        code = "\n".join(rest[blank:]).rstrip()
        if code:
            cells.append(Cell("code", code, start + text_end + blank))
    return cells


_CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```\s*$", re.S | re.M)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def myst_cells(path: Path) -> list[Cell]:
    """Cells of a MyST-NB page: prose between code cells, and the code cells."""
    text = path.read_text(encoding="utf-8")
    front = _FRONT_MATTER.match(text)
    offset = front.end() if front else 0
    cells: list[Cell] = []
    position = offset
    for match in _CODE_CELL.finditer(text, offset):
        prose = text[position : match.start()]
        if prose.strip():
            cells.append(_prose_cell(prose, text.count("\n", 0, position) + 1))
        body = re.sub(r"\A(?::[\w-]+:.*\n)+", "", match.group(1))
        body = re.sub(r"\A---\n.*?\n---\n", "", body, flags=re.S)
        options = match.group(1)[: len(match.group(1)) - len(body)].count("\n")
        cells.append(Cell("code", body, text.count("\n", 0, match.start()) + 2 + options))
        position = match.end()
    if text[position:].strip():
        cells.append(_prose_cell(text[position:], text.count("\n", 0, position) + 1))
    return cells


def _prose_cell(prose: str, line: int) -> Cell:
    outside_fences = re.sub(r"^(```|~~~).*?^\1\s*$", "", prose, flags=re.S | re.M)
    headings = len(re.findall(r"^#{1,6} ", outside_fences, flags=re.M))
    return Cell("text", prose, line, headings)


def cells_of(path: Path) -> list[Cell]:
    return gallery_cells(path) if path.suffix == ".py" else myst_cells(path)


def compare(ko: Path, en: Path) -> list[str]:
    """Every way in which the pair ``ko``/``en`` is not parallel (empty when it is)."""
    problems: list[str] = []
    ko_cells, en_cells = cells_of(ko), cells_of(en)
    ko_kinds = [c.kind for c in ko_cells]
    en_kinds = [c.kind for c in en_cells]
    if ko_kinds != en_kinds:
        problems.append(f"cell sequence differs: ko {ko_kinds} vs en {en_kinds}")
        return problems
    for index, (a, b) in enumerate(zip(ko_cells, en_cells, strict=True)):
        if a.headings != b.headings:
            problems.append(
                f"cell {index}: {a.headings} heading(s) in ko (line {a.line}) "
                f"vs {b.headings} in en (line {b.line})"
            )
        if a.kind != "code":
            continue
        try:
            same = normalise(a.source, str(ko)) == normalise(b.source, str(en))
        except SyntaxError as error:
            problems.append(f"cell {index}: syntax error: {error}")
            continue
        if not same:
            problems.append(
                f"cell {index}: code differs (ko line {a.line}, en line {b.line}) "
                "after removing comments and displayed strings:\n"
                + "\n".join(statement_diff(a, b, ko, en))
            )
    return problems


def _statements(cell: Cell, filename: str) -> list[tuple[str, int, str]]:
    """Each top-level statement of a code cell: normalised, its line in the file, its text."""
    tree = ast.parse(cell.source, filename=filename)
    found = []
    for statement in tree.body:
        normal = ast.dump(
            ast.fix_missing_locations(_Normaliser().visit(statement)), include_attributes=False
        )
        text = ast.get_source_segment(cell.source, statement) or ""
        lines = text.splitlines()
        shown = lines[0] + (f"  … ({len(lines) - 1} more lines)" if len(lines) > 1 else "")
        found.append((normal, cell.line + statement.lineno - 1, shown))
    return found


def statement_diff(a: Cell, b: Cell, ko: Path, en: Path) -> list[str]:
    r"""The statements in which two code cells differ, each at its own file and line.

    >>> ko = Cell("code", "import torch\nx = torch.ones(2)\nprint('하나', x)", 10)
    >>> en = Cell("code", "import torch\nx = torch.ones(3)\nprint('one', x)", 12)
    >>> print("\n".join(statement_diff(ko, en, Path("ko.py"), Path("en.py"))))
      - ko.py:11: x = torch.ones(2)
      + en.py:13: x = torch.ones(3)
    """
    left, right = _statements(a, str(ko)), _statements(b, str(en))
    matcher = difflib.SequenceMatcher(
        a=[n for n, _, _ in left], b=[n for n, _, _ in right], autojunk=False
    )
    shown = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        shown += [f"  - {ko}:{line}: {text}" for _, line, text in left[i1:i2]]
        shown += [f"  + {en}:{line}: {text}" for _, line, text in right[j1:j2]]
    return shown
