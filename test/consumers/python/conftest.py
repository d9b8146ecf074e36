"""The consumer suite's settings, before anything loads jsii, and its summary line."""

import os

# Set before the first import of a jsii package starts its Node.js process: no banner about Node.js 20's
# end of life, and no SDK call reaching for EC2 instance metadata.
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")

import pytest  # noqa: E402


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line on the README examples: how many blocks were checked and how many examples ran."""
    import sys

    examples = sys.modules.get("readme_examples")
    summary = getattr(examples, "SUMMARY", None)
    if not summary:
        return
    if "python app section" not in summary:
        python_app = "not run"
    else:
        python_app = {1: "checked"}.get(
            summary["python app section"], f"{summary['python app section']} blocks found, 1 expected"
        )
    terminalreporter.write_line(
        f"README examples: {summary['checked']} Python blocks checked"
        f" ({summary['checked long-description']} in the long description,"
        f" {summary['checked API.md']} in docs/python/API.md; {summary['names']} names),"
        f" {summary['checked with problems']} with problems; examples run: {summary['executed']}"
        f" ({summary['failed to run']} failed), listed as not executable: {summary['not executable']};"
        f" the Python app page: {python_app}"
    )
