"""Where the project's code lives, and that it needs nothing from outside the repository.

The Sphinx extensions are in ``docs/_ext`` and the build tooling in ``tools/sitekit``;
``docs/<lang>/conf.py`` and pytest's ``pythonpath`` (``pyproject.toml``) say so, and
nothing else edits ``sys.path`` (``noxfile.py`` reads the settings, stdlib only).
"""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

import pytest
from sitekit import settings

ROOT = Path(__file__).resolve().parents[1]
# the tooling's configuration: the only files that may say where Python finds code
ALLOWED = {"docs/ko/conf.py", "docs/en/conf.py", "noxfile.py"}


def project_files(*patterns: str) -> list[Path]:
    """The files of the project (tracked, or new and not ignored) matching ``patterns``."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", *patterns],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    return [ROOT / name for name in listed if (ROOT / name).is_file()]


def _is_sys_path(node: ast.AST) -> bool:
    """``sys.path`` itself, or a subscript or slice of it."""
    while isinstance(node, ast.Subscript):
        node = node.value
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "path"
        and isinstance(node.value, ast.Name)
        and node.value.id == "sys"
    )


def path_edits(source: str) -> list[int]:
    """Lines of ``source`` that change ``sys.path`` (a call on it, or an assignment to it).

    >>> path_edits("import sys\\nsys.path.insert(0, 'x')\\nsys.path[:0] = ['y']\\nprint(sys.path)\\n")
    [2, 3]
    >>> path_edits("s = 'sys.path.insert(0, x)'\\nimport site\\nsite.addsitedir('z')\\n")
    [3]
    """
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            if _is_sys_path(owner) or (
                isinstance(owner, ast.Name) and owner.id == "site" and node.func.attr == "addsitedir"
            ):
                lines.append(node.lineno)
        elif isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(_is_sys_path(target) for target in targets):
                lines.append(node.lineno)
    return sorted(lines)


def test_path_edits_finds_every_kind() -> None:
    assert path_edits("import sys\nsys.path.append('a')\nsys.path += ['b']\n") == [2, 3]
    assert path_edits("import sys\nsys.path = ['a']\nsys.path.extend(['b'])\n") == [2, 3]


def test_only_the_tooling_configuration_edits_sys_path() -> None:
    edits = {
        path.relative_to(ROOT).as_posix(): lines
        for path in project_files("*.py")
        if (lines := path_edits(path.read_text(encoding="utf-8")))
    }
    outside = {name: lines for name, lines in edits.items() if name not in ALLOWED}
    assert not outside, (
        f"sys.path is edited outside the tooling's configuration ({sorted(ALLOWED)}): {outside}; "
        "put the code in docs/_ext (Sphinx-time) or tools/sitekit (build and publish)"
    )
    assert {"docs/ko/conf.py", "docs/en/conf.py"} <= set(edits)


def test_pytest_and_conf_name_the_same_folders() -> None:
    import tomllib

    pythonpath = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "pytest"
    ]["ini_options"]["pythonpath"]
    assert sorted(pythonpath) == ["docs/_ext", "tools"]
    for lang in settings.LANGUAGES:
        conf = (ROOT / "docs" / lang / "conf.py").read_text(encoding="utf-8")
        assert '"_ext"' in conf and '"tools"' in conf


def test_no_tool_imports_a_test_module() -> None:
    tests = {p.stem for p in (ROOT / "tests").glob("*.py")}
    for path in [*(ROOT / "tools").rglob("*.py"), *(ROOT / "docs" / "_ext").rglob("*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [alias.name for alias in node.names] if isinstance(node, ast.Import)
                else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            )  # fmt: skip
            for name in names:
                assert name.split(".")[0] not in tests | {"tests", "conftest"}, (
                    f"{path.relative_to(ROOT)} imports the test module {name}"
                )


def test_settings_are_the_ones_the_pages_were_built_with() -> None:
    import torch

    assert torch.__version__.split("+")[0] == settings.TORCH_VERSION, (
        "the tests run with another torch than the pin in pyproject.toml "
        "([tool.pytorch-basics-site] torch)"
    )


@pytest.mark.parametrize(
    "fact", [settings.TORCH_VERSION, settings.WHEEL, *settings.TITLES.values()]
)
def test_each_fact_is_written_once(fact: str) -> None:
    """The torch pin, the wheel's name and the site's titles live in pyproject.toml.

    Everything else reads them (``sitekit.settings``); pages use a substitution
    (``{{ torch_version }}``, ``|wheel|`` in code). The README, which GitHub shows
    unrendered, is the one exception, and must agree with the settings; the sources
    page quotes a post whose title contains the Korean site title.
    """
    holders = [
        path.relative_to(ROOT).as_posix()
        for path in project_files()
        if fact in path.read_text(encoding="utf-8", errors="replace")
    ]
    allowed = {"pyproject.toml", "README.md", "docs/ko/sources.md", "docs/en/sources.md"}
    assert set(holders) <= allowed, (
        f"{fact!r} is written in {sorted(set(holders) - allowed)}: read it from "
        "sitekit.settings, or in a page use the substitution"
    )


def test_readme_agrees_with_the_settings() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"`{settings.TORCH_REQUIREMENT}`" in readme
    assert readme.startswith(f"# {settings.TITLES['ko']} · {settings.TITLES['en']}\n")


def test_reads_beside_the_checkout_are_noticed() -> None:
    """conftest's audit hook fails any test that opens a file beside the checkout."""
    from conftest import outside_the_repository

    root = Path("/work/main")
    assert outside_the_repository("/work/shared/seeds/a.txt", root)
    assert not outside_the_repository("/work/main/docs/x.md", root)
    assert not outside_the_repository("/work/.cache/matplotlib/x", root)
    assert not outside_the_repository("/usr/lib/python3.11/os.py", Path("/repo"))


def test_the_build_digests_paths_that_exist() -> None:
    """A renamed folder left out of the build's digests would let stale pages through."""
    from sitekit.build import PACKAGE_INPUTS, TOOLING_INPUTS

    for name in (*TOOLING_INPUTS, *PACKAGE_INPUTS):
        assert (ROOT / name).exists(), name


def test_the_build_digests_every_tooling_module_the_extensions_import() -> None:
    """An edit to a module the extensions import must make the next build re-read pages."""
    from sitekit.build import TOOLING_INPUTS

    imported = set()
    for path in (ROOT / "docs" / "_ext").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sitekit."):
                imported.add(f"tools/sitekit/{node.module.split('.')[1]}.py")
    assert imported and imported <= set(TOOLING_INPUTS), sorted(imported - set(TOOLING_INPUTS))
