"""The Pages workflow (.github/workflows/pages.yml) and the torch install behind it.

``PAGES_WORKFLOW`` points the workflow tests at another file (an older copy, say).
PyYAML comes with the docs tools (myst-parser needs it); comments, which YAML drops,
are read from the text.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
import types
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = Path(os.environ.get("PAGES_WORKFLOW") or ROOT / ".github" / "workflows" / "pages.yml")

SHA = re.compile(r"[0-9a-f]{40}")
# owner/repo[/path]@<40 hex> # vN[.N[.N]]
PINNED_USES = re.compile(
    r"^\s*(?:-\s+)?uses:\s*[\"']?(?P<action>[\w.-]+/[\w./-]+)@(?P<ref>[0-9a-f]{40})[\"']?"
    r"\s+#\s*v\d+(?:\.\d+){0,2}\b"
)
# name:X.Y.Z[-variant] (an exact release) or name[:tag]@sha256:<64 hex>
EXACT_IMAGE = re.compile(
    r"^(?:[\w.-]+(?::\d+)?/)*[\w.-]+"
    r"(?::v?\d+\.\d+\.\d+(?:[-_.][\w.-]+)?(?:@sha256:[0-9a-f]{64})?|(?::[\w.-]+)?@sha256:[0-9a-f]{64})$"
)
PIP_INDEX_VARIABLES = ("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL")


@pytest.fixture(scope="module")
def text() -> str:
    return WORKFLOW.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def workflow(text: str) -> dict[str, Any]:
    return yaml.safe_load(text)


def jobs(workflow: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return workflow.get("jobs") or {}


def steps_using(job: dict[str, Any], action: str) -> list[dict[str, Any]]:
    return [
        step for step in job.get("steps") or [] if str(step.get("uses", "")).split("@")[0] == action
    ]


def evaluate(value: Any, ref: str, event: str) -> bool:
    """``cancel-in-progress`` for a run of ``event`` on ``ref``: a boolean or an expression
    of ``github.ref`` / ``github.event_name``, string literals, ==, !=, !, && and ||."""
    if isinstance(value, bool) or value is None:
        return bool(value)
    expression = str(value).strip()
    match = re.fullmatch(r"\$\{\{(.*)\}\}", expression, flags=re.S)
    if not match:
        return expression.lower() == "true"
    tokens = re.findall(
        r"'(?:[^']|'')*'|github\.ref|github\.event_name|==|!=|&&|\|\||!|\(|\)|\S+", match.group(1)
    )
    python = []
    for token in tokens:
        if token.startswith("'"):
            python.append(repr(token[1:-1].replace("''", "'")))
        elif token == "github.ref":
            python.append(repr(ref))
        elif token == "github.event_name":
            python.append(repr(event))
        elif token in ("==", "!=", "(", ")"):
            python.append(token)
        elif token in ("&&", "||", "!"):
            python.append({"&&": "and", "||": "or", "!": "not"}[token])
        else:
            pytest.fail(f"cannot evaluate {token!r} in cancel-in-progress: {value!r}")
    return bool(eval(" ".join(python), {"__builtins__": {}}, {}))  # literals and operators only


MAIN_RUNS = [("refs/heads/main", "push"), ("refs/heads/main", "workflow_dispatch")]


def test_the_workflow_has_jobs(workflow: dict[str, Any]) -> None:
    """Guards the tests below against passing on an empty or unparsed file."""
    assert jobs(workflow), f"no jobs in {WORKFLOW}"
    assert any(job.get("steps") for job in jobs(workflow).values())


def test_every_action_is_pinned_to_a_commit_with_its_tag(
    text: str, workflow: dict[str, Any]
) -> None:
    """``uses: owner/action@<full commit SHA> # vX.Y.Z``: a tag can be moved, a commit cannot."""
    used = [
        str(entry["uses"])
        for job in jobs(workflow).values()
        for entry in [job, *(job.get("steps") or [])]
        if "uses" in entry
    ]
    assert used, "the workflow uses no action"
    for uses in used:
        if uses.startswith("./"):
            continue  # an action of this repository, pinned by the checkout itself
        if uses.startswith("docker://"):
            assert "@sha256:" in uses, f"not pinned to a digest: {uses}"
        else:
            assert SHA.fullmatch(uses.rpartition("@")[2]), f"not pinned to a commit: {uses}"
    lines = [line for line in text.splitlines() if re.match(r"^\s*(?:-\s+)?uses:", line)]
    assert len(lines) == len(used)
    for line in lines:
        if re.search(r"uses:\s*[\"']?(\./|docker://)", line):
            continue
        assert PINNED_USES.match(line), f"want 'uses: owner/action@<sha> # vX.Y.Z': {line.strip()}"


def test_the_container_image_is_an_exact_release_or_digest(workflow: dict[str, Any]) -> None:
    images = []
    for name, job in jobs(workflow).items():
        container = job.get("container")
        if container is None:
            continue
        image = container.get("image") if isinstance(container, dict) else container
        images.append((name, str(image)))
    assert images, "no job runs in a container (the browser tests need Debian's chromium)"
    for name, image in images:
        assert EXACT_IMAGE.match(image), f"{name}: {image!r} is a moving tag"


def test_no_pip_index_applies_to_every_install(workflow: dict[str, Any]) -> None:
    """A global extra index makes every pip install consult it; only torch may use one."""
    scopes = {"workflow": workflow.get("env") or {}}
    for name, job in jobs(workflow).items():
        scopes[f"job {name}"] = job.get("env") or {}
        if isinstance(job.get("container"), dict):
            scopes[f"job {name} container"] = job["container"].get("env") or {}
    for scope, env in scopes.items():
        for variable in PIP_INDEX_VARIABLES:
            assert variable not in env, f"{variable} set for the whole {scope}"


def test_the_build_still_gets_the_cpu_torch(workflow: dict[str, Any]) -> None:
    """The job that runs nox hands noxfile.py the CPU index for torch alone."""
    for name, job in jobs(workflow).items():
        if any("nox" in str(step.get("run", "")) for step in job.get("steps") or []):
            env = {**(workflow.get("env") or {}), **(job.get("env") or {})}
            assert "download.pytorch.org/whl/cpu" in str(env.get("TORCH_INDEX_URL")), name
            return
    pytest.fail("no job runs nox")


def test_runs_on_main_are_never_cancelled(workflow: dict[str, Any]) -> None:
    concurrency = workflow.get("concurrency")
    groups = [("workflow", concurrency)] + [
        (f"job {name}", job.get("concurrency")) for name, job in jobs(workflow).items()
    ]
    for scope, value in groups:
        if not isinstance(value, dict):
            continue  # a bare group name never cancels a running run
        for ref, event in MAIN_RUNS:
            assert not evaluate(value.get("cancel-in-progress"), ref, event), (
                f"{scope}: a {event} run on {ref} can be cancelled"
            )


def test_pull_requests_still_cancel_their_older_runs(workflow: dict[str, Any]) -> None:
    concurrency = workflow.get("concurrency")
    assert isinstance(concurrency, dict), "no workflow-level concurrency"
    assert "github.ref" in str(concurrency.get("group")), "one group per ref"
    assert evaluate(concurrency.get("cancel-in-progress"), "refs/pull/7/merge", "pull_request")
    assert evaluate(concurrency.get("cancel-in-progress"), "refs/heads/topic", "push")


def test_the_deploy_job_has_its_own_uncancelled_pages_group(workflow: dict[str, Any]) -> None:
    deploying = [job for job in jobs(workflow).values() if steps_using(job, "actions/deploy-pages")]
    assert deploying, "no job deploys to Pages"
    for job in deploying:
        concurrency = job.get("concurrency")
        assert isinstance(concurrency, dict), "the deploy job has no concurrency group"
        assert concurrency.get("group") == "pages"
        assert concurrency.get("cancel-in-progress") is False


def test_the_job_calling_configure_pages_may_read_pages(workflow: dict[str, Any]) -> None:
    configuring = {
        name: job
        for name, job in jobs(workflow).items()
        if steps_using(job, "actions/configure-pages")
    }
    assert configuring, "no job calls actions/configure-pages"
    for name, job in configuring.items():
        permissions = job.get("permissions", workflow.get("permissions"))
        if isinstance(permissions, str):
            assert permissions in ("read-all", "write-all"), f"{name}: permissions {permissions!r}"
            continue
        assert (permissions or {}).get("pages") in ("read", "write"), (
            f"{name}: the token has no pages permission ({permissions!r})"
        )


def test_the_site_base_url_comes_from_configure_pages_in_the_same_job(
    workflow: dict[str, Any],
) -> None:
    for name, job in jobs(workflow).items():
        ids = {step.get("id") for step in steps_using(job, "actions/configure-pages")}
        for step in job.get("steps") or []:
            value = str((step.get("env") or {}).get("SITE_BASE_URL", ""))
            if value:
                used = re.findall(r"steps\.([\w-]+)\.outputs\.base_url", value)
                assert used and set(used) <= ids, f"{name}: SITE_BASE_URL={value!r}"


# --- noxfile.py's install(): TORCH_INDEX_URL is for torch alone -------------------------


class RecordingSession:
    def __init__(self) -> None:
        self.installs: list[tuple[str, ...]] = []

    def install(self, *args: str) -> None:
        self.installs.append(args)


@pytest.fixture
def noxfile(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    try:
        import nox  # noqa: F401
    except ImportError:  # the tests session's environment has no nox: a stand-in
        stub = types.ModuleType("nox")
        stub.options = types.SimpleNamespace()
        stub.Session = object
        stub.session = lambda *args, **kwargs: lambda function: function
        monkeypatch.setitem(sys.modules, "nox", stub)
    spec = importlib.util.spec_from_file_location("noxfile_under_test", ROOT / "noxfile.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_without_torch_index_url_the_installs_are_unchanged(
    noxfile: types.ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TORCH_INDEX_URL", raising=False)
    session = RecordingSession()
    noxfile.install(session, "docs", "test")
    assert session.installs == [(noxfile.TORCH,), ("-e", ".[docs,test]")]


def test_torch_index_url_serves_torch_alone(
    noxfile: types.ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "https://download.pytorch.org/whl/cpu"
    monkeypatch.setenv("TORCH_INDEX_URL", url)
    session = RecordingSession()
    noxfile.install(session, "docs")
    first, *rest = session.installs
    # torch only, without its dependencies: those come from PyPI with the project
    assert first[-1] == noxfile.TORCH and "--no-deps" in first
    assert first[first.index("--index-url") + 1] == url
    assert rest == [("-e", ".[docs]")]
    assert not any(url in arg or "index-url" in arg for call in rest for arg in call)


def test_outputs_of_earlier_runs_are_restored_before_the_build(workflow: dict[str, Any]) -> None:
    """A change to one page re-runs that page only: the outputs of earlier runs come back."""
    steps = workflow["jobs"]["build"]["steps"]
    names = [str(step.get("uses", "")) + str(step.get("run", "")) for step in steps]
    cache = next(i for i, name in enumerate(names) if name.startswith("actions/cache@"))
    build = next(i for i, name in enumerate(names) if "nox -s docs" in name)
    assert cache < build
    settings = steps[cache]["with"]
    for path in ("docs/ko/auto_examples", "docs/en/auto_examples", "build/ko", "build/en"):
        assert path in settings["path"].split()
    for source in ("gallery/**", "docs/**", "src/**", "pyproject.toml"):
        assert source in settings["key"]
    assert settings["restore-keys"].strip() == "site-outputs-"


def test_the_notebooks_colab_opens_are_pushed_to_the_branch_the_build_names(
    workflow: dict[str, Any],
) -> None:
    """The pages' Colab links point at SITE_NOTEBOOKS_BRANCH; a job on main fills that branch."""
    build = jobs(workflow)["build"]
    branch = str((build.get("env") or {}).get("SITE_NOTEBOOKS_BRANCH", ""))
    assert branch, "the build does not name the notebooks branch: pages get no Colab link"
    uploads = [s for s in steps_using(build, "actions/upload-artifact") if "notebooks" in str(s)]
    assert uploads and uploads[0]["with"]["path"] == "build/notebooks"
    pushing = [
        (name, job)
        for name, job in jobs(workflow).items()
        if any("--force" in str(s.get("run", "")) for s in job.get("steps") or [])
    ]
    assert len(pushing) == 1, "one job pushes the notebooks branch"
    name, job = pushing[0]
    script = " ".join(str(s.get("run", "")) for s in job["steps"])
    assert re.search(rf"git push .*\b{re.escape(branch)}$", script.strip(), re.M), script
    assert f"git init -q -b {branch}" in script
    assert steps_using(job, "actions/download-artifact"), "the job takes the build's notebooks"
    assert job.get("needs") == "build"
    assert (job.get("permissions") or {}).get("contents") == "write"
    assert "refs/heads/main" in str(job.get("if")) and "push" in str(job.get("if"))
    # the job that runs the project's code never holds a token that writes
    assert (build.get("permissions") or {}).get("contents") == "read"
