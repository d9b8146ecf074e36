"""The Python examples that PyPI and Construct Hub show: every name they use exists, and they run.

Sources: the installed wheel's long description (PyPI) and docs/python/API.md (Construct Hub: the same
README, then the API reference). Every Python block of both is checked statically against the installed
packages; every README example runs in the fixture stack (readme_fixture.py) and is synthesized.
"""

import difflib
import textwrap
from pathlib import Path

import pytest

import readme_examples as rx
from support import HERE, REPO_ROOT

BLOCKS = rx.python_blocks(rx.all_blocks())
README_BLOCKS = [block for block in BLOCKS if not block.in_api_reference]


def unique_examples() -> list[rx.Block]:
    """The README examples, each text once (both documents carry the same README)."""
    seen: set[str] = set()
    unique = []
    for block in README_BLOCKS:
        if block.code not in seen:
            seen.add(block.code)
            unique.append(block)
    return unique


EXAMPLES = unique_examples()

# README examples that cannot run in the fixture, each with its reason, found by a piece of its code.
# Keep it short: an example on this list that runs, or an entry that matches no example, fails the suite.
NOT_EXECUTABLE: dict[str, str] = {}


def not_executable_reason(block: rx.Block) -> str | None:
    for snippet, reason in NOT_EXECUTABLE.items():
        if snippet in block.code:
            return reason
    return None


def first_block_in(section: str) -> dict[str, rx.Block]:
    """The first Python block of a README section, per document that has that section."""
    found: dict[str, rx.Block] = {}
    for block in README_BLOCKS:
        if block.in_section(section):
            found.setdefault(block.source, block)
    return found


def test_both_documents_show_python_examples() -> None:
    sources = {block.source for block in README_BLOCKS}
    assert sources == {rx.LONG_DESCRIPTION, rx.API_MD}, f"README examples found only in {sources}"
    assert len([b for b in BLOCKS if b.in_api_reference]) > 100, "docs/python/API.md has no API reference blocks"
    assert first_block_in(rx.SMALLEST_EXAMPLE_HEADING), "no Python block under 'The smallest example'"


def test_pypi_and_construct_hub_show_the_same_examples() -> None:
    """Both are the README translated to Python: different code means one of them was built from another."""
    pypi = [block for block in README_BLOCKS if block.source == rx.LONG_DESCRIPTION]
    construct_hub = [block for block in README_BLOCKS if block.source == rx.API_MD]
    differences = [
        f"{a.where} and {b.where} differ:\n"
        + "\n".join(
            difflib.unified_diff(b.code.splitlines(), a.code.splitlines(), rx.API_MD, rx.LONG_DESCRIPTION, lineterm="")
        )
        for a, b in zip(pypi, construct_hub)
        if a.code != b.code
    ]
    if len(pypi) != len(construct_hub):
        differences.append(f"{len(pypi)} examples in the long description, {len(construct_hub)} in docs/python/API.md")
    if differences:
        pytest.fail("\n\n".join(differences), pytrace=False)


@pytest.mark.parametrize("source", [rx.LONG_DESCRIPTION, rx.API_MD])
def test_no_example_is_left_untranslated(source: str) -> None:
    untranslated = [
        f"{block.where}: ```{block.language}"
        for block in rx.all_blocks()
        if block.source == source and block.language in {"ts", "typescript"}
    ]
    assert not untranslated, "\n".join(untranslated)


@pytest.mark.parametrize("block", BLOCKS, ids=[block.id for block in BLOCKS])
def test_every_name_exists(block: rx.Block) -> None:
    problems, names = rx.static_problems(block)
    rx.SUMMARY["checked"] += 1
    rx.SUMMARY[f"checked {block.source}"] += 1
    rx.SUMMARY["names"] += names
    if problems:
        rx.SUMMARY["checked with problems"] += 1
    if problems:
        pytest.fail(f"{block.where}:\n" + "\n".join(problems) + f"\n\n{indent(block.code)}", pytrace=False)


@pytest.mark.parametrize("block", EXAMPLES, ids=[block.id for block in EXAMPLES])
def test_example_runs(block: rx.Block, tmp_path: Path) -> None:
    reason = not_executable_reason(block)
    try:
        result = rx.execute(block, tmp_path)
    except Exception as error:
        if reason:
            rx.SUMMARY["not executable"] += 1
            pytest.xfail(reason)
        rx.SUMMARY["executed"] += 1
        rx.SUMMARY["failed to run"] += 1
        message = "\n".join(str(error).splitlines()[:12])
        pytest.fail(
            f"{block.where} does not run: {type(error).__name__}: {message}\n\n{indent(block.code)}", pytrace=False
        )
    rx.SUMMARY["executed"] += 1
    assert not reason, f"{block.where} runs: remove it from NOT_EXECUTABLE ({reason!r})"
    assert not result.errors, f"{block.where} synthesizes with errors:\n" + "\n".join(result.errors)
    assert result.stacks, f"{block.where} synthesized no stack"


def test_not_executable_entries_match_examples() -> None:
    unmatched = [snippet for snippet in NOT_EXECUTABLE if not any(snippet in b.code for b in README_BLOCKS)]
    assert not unmatched, f"NOT_EXECUTABLE entries that match no README example: {unmatched}"


def test_smallest_example_builds_the_service(tmp_path: Path) -> None:
    for block in first_block_in(rx.SMALLEST_EXAMPLE_HEADING).values():
        result = rx.execute(block, tmp_path / block.source)
        assert result.errors == []
        assert result.outputs["Fixture"]["Url"] == {"Value": "https://app.example.com"}, block.where
        assert result.stacks["Fixture"] > 50, f"{block.where}: only {result.stacks['Fixture']} resources"


def test_python_app_page_is_app_py_and_runs(tmp_path: Path) -> None:
    source = str(rx.PYTHON_APP_PAGE.relative_to(REPO_ROOT))
    found = [
        block
        for block in rx.code_blocks(rx.PYTHON_APP_PAGE.read_text(), source)
        if block.language == "python" and block.in_section(rx.PYTHON_APP_HEADING)
    ]
    rx.SUMMARY["python app section"] = len(found)
    assert len(found) == 1, f"{source} has {len(found)} Python blocks under '{rx.PYTHON_APP_HEADING}'; expected 1"
    [block] = found
    app_py = (HERE / "app.py").read_text()
    assert normalized(block.code) == normalized(app_py), f"{block.where} is not test/consumers/python/app.py"
    result = rx.execute(block, tmp_path / "python-app")
    assert result.errors == [], block.where
    assert list(result.stacks) == ["SecureWebServicePython"], block.where


def indent(code: str) -> str:
    return textwrap.indent(code, "    | ", lambda line: True)


def normalized(code: str) -> str:
    return "\n".join(line.rstrip() for line in code.strip().splitlines())
