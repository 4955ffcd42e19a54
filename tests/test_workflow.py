"""The contribution workflow: the problem matcher reads real Sphinx errors, the issue forms are
valid, the helpline report link reaches a form, pre-commit needs only PyPI, CODEOWNERS names
real files."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import yaml

from conftest import ROOT, build_fails

GITHUB = ROOT / ".github"
FORMS = GITHUB / "ISSUE_TEMPLATE"
FORM_ELEMENTS = {"markdown", "input", "textarea", "dropdown", "checkboxes"}
PRIVATE_REPORTS = "https://github.com/onebyone-handbook/handbook/security/advisories/new"


def matchers() -> dict[str, tuple[re.Pattern[str], dict]]:
    """The problem matcher's patterns by owner, compiled as GitHub reads them."""
    data = json.loads((GITHUB / "problem-matchers" / "sphinx.json").read_text("utf-8"))
    return {
        matcher["owner"]: (re.compile(matcher["pattern"][0]["regexp"]), matcher["pattern"][0])
        for matcher in data["problemMatcher"]
    }


def annotation(line: str) -> dict[str, str | None] | None:
    """What GitHub would annotate for one line of output, or None if no pattern matches it."""
    for regexp, fields in matchers().values():
        if match := regexp.match(line):
            return {
                key: match.group(fields[key]) if key in fields else None
                for key in ("file", "line", "message", "code")
            }
    return None


def test_the_problem_matcher_reads_every_error_of_a_failing_build(scratch_project):
    source = scratch_project(
        {
            "index": """\
                ---
                description: A short page used by a test to check how the build treats its content.
                audience: [teachers]
                reviewed: 2026-11-24
                review-due: 2027-11-24
                ---

                # Scratch

                See {cite:p}`missing-2020-key` and [nowhere](nowhere.md).
                """,
        }
    )
    # Written after the scratch project, so that no toctree lists it.
    (source / "orphan.md").write_text("# A page in no toctree\n", encoding="utf-8")

    stderr = build_fails(source)
    problems = [line for line in stderr.splitlines() if ": WARNING: " in line]
    assert len(problems) >= 4, stderr
    found = {}
    for line in problems:
        result = annotation(line)
        assert result, f"the problem matcher does not match this Sphinx line: {line!r}"
        assert Path(result["file"]).is_file(), f"not a file: {result['file']!r} from {line!r}"
        assert result["message"] and not result["message"].startswith(("WARNING", " ")), line
        found[(Path(result["file"]).name, result["line"], result["code"])] = result["message"]

    assert ("index.md", "3", "onebyone.front-matter") in found  # audience: [teachers]
    assert ("index.md", "10", "bibtex.key_not_found") in found
    assert ("index.md", "10", "myst.xref_missing") in found
    # A problem with a whole page has no line; GitHub then annotates the file.
    assert ("orphan.md", None, "toc.not_included") in found
    assert "missing-2020-key" in found[("index.md", "10", "bibtex.key_not_found")]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "handbook/x.md:7: ERROR: Unknown directive type: 'boxx'. [myst.directive_unknown]",
            {"file": "handbook/x.md", "line": "7", "code": "myst.directive_unknown"},
        ),
        (
            "WARNING: unknown config value 'x' in override, ignoring [config.unknown]",
            {"file": None, "line": None, "code": "config.unknown"},
        ),
        # Sphinx colours its messages when it writes to a terminal.
        (
            "\x1b[91m/w/handbook/a.md:4: WARNING: a message\x1b[39;49;00m",
            {"file": "/w/handbook/a.md", "line": "4", "message": "a message"},
        ),
    ],
)
def test_the_problem_matcher_reads_errors_unplaced_problems_and_colour(line, expected):
    result = annotation(line)
    assert result, f"no match for {line!r}"
    for key, value in expected.items():
        assert result[key] == value, (key, result)


@pytest.mark.parametrize(
    "line",
    [
        "Running Sphinx v9.0.4",
        "reading sources... [ 50%] index",
        "build finished with problems, 5 warnings (with warnings treated as errors).",
    ],
)
def test_the_problem_matcher_ignores_progress_lines(line):
    assert annotation(line) is None


def issue_forms() -> list[Path]:
    return sorted(path for path in FORMS.glob("*.yml") if path.name != "config.yml")


@pytest.mark.parametrize("form", issue_forms(), ids=lambda path: path.name)
def test_each_issue_form_has_what_github_requires(form: Path):
    data = yaml.safe_load(form.read_text("utf-8"))
    for key in ("name", "description", "body"):
        assert data.get(key), f"{form.name}: add '{key}:' at the top level"
    ids = []
    for number, element in enumerate(data["body"], start=1):
        where = f"{form.name}, body item {number}"
        assert element.get("type") in FORM_ELEMENTS, f"{where}: type must be one of {FORM_ELEMENTS}"
        attributes = element.get("attributes") or {}
        if element["type"] == "markdown":
            assert attributes.get("value"), f"{where}: a markdown item needs 'value'"
            continue
        assert element.get("id"), f"{where}: give it an 'id' (lower case, hyphens)"
        assert re.fullmatch(r"[a-z0-9_-]+", element["id"]), f"{where}: id {element['id']!r}"
        assert attributes.get("label"), f"{where}: give it a 'label'"
        if element["type"] in ("dropdown", "checkboxes"):
            assert attributes.get("options"), f"{where}: a {element['type']} needs 'options'"
        ids.append(element["id"])
    assert len(ids) == len(set(ids)), f"{form.name}: two items share an id: {ids}"


def test_the_issue_chooser_offers_only_forms_and_the_private_route():
    forms = {yaml.safe_load(path.read_text("utf-8"))["name"] for path in issue_forms()}
    assert len(forms) >= 5
    config = yaml.safe_load((FORMS / "config.yml").read_text("utf-8"))
    assert config["blank_issues_enabled"] is False
    links = {link["url"]: link["about"] for link in config["contact_links"]}
    assert PRIVATE_REPORTS in links
    assert any("emergency number" in about for about in links.values())


def conf_value(conf: Path, name: str):
    """A literal value assigned in a conf.py, read without running the file."""
    for node in ast.parse(conf.read_text("utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == name for target in node.targets
        ):
            return ast.literal_eval(node.value)
    pytest.fail(f"{conf} does not set {name}")


def test_the_helpline_report_link_opens_a_form_that_exists():
    url = conf_value(ROOT / "handbook" / "conf.py", "onebyone_helplines_report_url")
    template = parse_qs(urlparse(url).query)["template"][0]
    assert (FORMS / template).is_file(), (
        f"onebyone_helplines_report_url in handbook/conf.py opens {template}, which is not in "
        ".github/ISSUE_TEMPLATE/: rename the form back, or change the link"
    )
    form = yaml.safe_load((FORMS / template).read_text("utf-8"))
    assert {"country", "service", "source"} <= {item.get("id") for item in form["body"]}


def test_pre_commit_uses_only_local_hooks_with_pinned_packages():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    for repo in config["repos"]:
        assert repo["repo"] == "local", (
            f"pre-commit repo {repo['repo']!r}: a remote hook repository is fetched with git "
            "from GitHub, which our machines and CI cannot reach, so every run would fail. "
            "Write the hook under 'repo: local' and install its PyPI package with "
            "additional_dependencies."
        )
        for hook in repo["hooks"]:
            for package in hook.get("additional_dependencies", []):
                assert "==" in package, f"hook {hook['id']}: pin {package!r} to one version"
    entries = " ".join(hook["entry"] for repo in config["repos"] for hook in repo["hooks"])
    for builds in ("-n -W --keep-going -q handbook", "-n -W --keep-going -q docs"):
        assert builds in entries, f"no strict-build hook runs '{builds}'"


def test_codeowners_names_files_that_exist():
    for line in (GITHUB / "CODEOWNERS").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, *owners = line.split()
        assert owners and all(owner.startswith("@onebyone-handbook/") for owner in owners), line
        if pattern != "*":
            assert any(ROOT.glob(pattern.strip("/"))), (
                f".github/CODEOWNERS: nothing matches {pattern!r}; a page was moved or renamed, "
                "so correct the path"
            )
