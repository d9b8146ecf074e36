"""Runs cfn-lint over the template sets that the test suite writes and prints a summary.

    lint.py --config FILE [--show-ignored] [--report FILE] NAME=ASSEMBLY[,ASSEMBLY...] ...

Each set is one or more cloud assemblies (folders with a manifest.json, as `cdk synth` and integ-runner
write them); its templates are the stack templates that the manifests list, so asset manifests, tree.json
and the like are never linted. A set without a manifest or without a template fails the run: a missing set
must not pass as a clean one. A template without resources is skipped (listed in the summary): the CDK CLI
does not deploy such a stack (integ-tests-alpha writes one for every test case without assertions).

cfn-lint runs once over all templates with FILE's settings, except its ignore_checks: those are applied
here, by prefix as cfn-lint applies them, so that the summary can count what each ignored rule hides. An
ignored rule needs its reason in the comment lines directly above it, and an ignored rule that matches
nothing fails the run (remove it). Exit status: 0 clean, 1 errors or warnings, 2 a set or the setup is wrong.
Runs in the virtual environment that holds cfn-lint (run.sh makes it); needs Python 3.10 or later.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import yaml  # cfn-lint's own dependency (PyYAML)


def fail(message: str) -> None:
    print(f"cfn-lint: {message}", file=sys.stderr)
    sys.exit(2)


def ignored_rules(config_file: Path) -> tuple[dict, dict[str, str]]:
    """FILE's settings without ignore_checks, and each ignored rule with the reason written above it."""
    text = config_file.read_text()
    settings = yaml.safe_load(text) or {}
    rules = settings.pop("ignore_checks", None) or []
    reasons: dict[str, str] = {}
    lines = text.splitlines()
    for rule in rules:
        pattern = re.compile(rf"^\s*-\s*['\"]?{re.escape(rule)}['\"]?\s*(#.*)?$")
        index = next((i for i, line in enumerate(lines) if pattern.match(line)), None)
        comment: list[str] = []
        if index is not None:
            i = index - 1
            while i >= 0 and lines[i].strip().startswith("#"):
                comment.insert(0, lines[i].strip().lstrip("#").strip())
                i -= 1
        if not comment:
            fail(f"{config_file}: ignored rule {rule} has no reason: write it in comment lines directly above it")
        reasons[rule] = " ".join(comment)
    return settings, reasons


def templates_of(name: str, assembly: Path) -> list[Path]:
    """The stack templates that a cloud assembly's manifest lists, nested assemblies (stages) included."""
    manifest_file = assembly / "manifest.json"
    if not manifest_file.is_file():
        fail(f"set '{name}': no cloud assembly at {assembly} (no manifest.json): synthesize it first")
    manifest = json.loads(manifest_file.read_text())
    found: list[Path] = []
    for artifact in manifest.get("artifacts", {}).values():
        properties = artifact.get("properties", {})
        if artifact.get("type") == "aws:cloudformation:stack":
            template = assembly / properties["templateFile"]
            if not template.is_file():
                fail(f"set '{name}': {manifest_file} lists {template}, which is missing")
            found.append(template)
        elif artifact.get("type") == "cdk:cloud-assembly":
            found.extend(templates_of(name, assembly / properties["directoryName"]))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--show-ignored", action="store_true", help="list every ignored finding too")
    parser.add_argument("--report", type=Path, help="write every finding, ignored ones included, as JSON")
    parser.add_argument("sets", nargs="+", metavar="NAME=ASSEMBLY[,ASSEMBLY...]")
    args = parser.parse_args()
    root = Path.cwd()

    settings, reasons = ignored_rules(args.config)

    set_of: dict[Path, str] = {}
    linted: Counter[str] = Counter()
    skipped: list[str] = []
    for spec in args.sets:
        name, _, assemblies = spec.partition("=")
        if not assemblies:
            fail(f"set '{spec}': expected NAME=ASSEMBLY[,ASSEMBLY...]")
        for assembly in assemblies.split(","):
            for template in templates_of(name, Path(assembly)):
                if json.loads(template.read_text()).get("Resources"):
                    set_of[template] = name
                    linted[name] += 1
                else:
                    skipped.append(f"{name}: {template.name}")
        if linted[name] == 0:
            fail(f"set '{name}' ({assemblies}) has no template with resources to lint")

    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as config:
        yaml.safe_dump(settings, config)
    started = time.monotonic()
    try:
        completed = subprocess.run(
            [str(Path(sys.executable).parent / "cfn-lint"), "--config-file", config.name, "--format", "json", "--"]
            + [str(t) for t in set_of],
            capture_output=True,
            text=True,
        )
    finally:
        os.unlink(config.name)
    seconds = time.monotonic() - started
    # cfn-lint's exit status is a bit field: 2 errors, 4 warnings, 8 informational; anything else is a failure.
    if completed.returncode & ~(2 | 4 | 8):
        print(completed.stdout + completed.stderr, file=sys.stderr)
        fail(f"cfn-lint failed (exit {completed.returncode})")
    matches = json.loads(completed.stdout or "[]")

    templates = {t: json.loads(t.read_text()) for t in set_of}
    by_path = {str(t): t for t in set_of}
    shown: dict[str, list[dict]] = defaultdict(list)
    hidden: Counter[str] = Counter()
    levels: Counter[str] = Counter()
    report = []
    for match in matches:
        rule = match["Rule"]["Id"]
        template = by_path.get(match["Filename"]) or Path(match["Filename"])
        location = match["Location"]["Path"] or []
        resource = location[1] if len(location) > 1 and location[0] == "Resources" else None
        resources = templates.get(template, {}).get("Resources", {})
        ignored_by = next((r for r in reasons if rule.startswith(r)), None)
        entry = {
            "rule": rule,
            "level": match["Level"],
            "set": set_of.get(template, "?"),
            "template": str(template.relative_to(root) if template.is_absolute() else template),
            "resource": resource,
            "type": resources.get(resource, {}).get("Type") if resource else None,
            "path": "/".join(str(p) for p in location),
            "message": match["Message"],
            "ignoredBy": ignored_by,
        }
        report.append(entry)
        if ignored_by:
            hidden[ignored_by] += 1
        else:
            levels[match["Level"]] += 1
        if not ignored_by or args.show_ignored:
            shown[rule].append(entry)

    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(json.dumps(report, indent=1) + "\n")

    for rule in sorted(shown):
        entries = shown[rule]
        note = f" (ignored: {entries[0]['ignoredBy']})" if entries[0]["ignoredBy"] else ""
        print(f"\n{rule} {entries[0]['level']}, {len(entries)} finding(s){note}")
        for e in entries:
            where = f"{e['resource']} ({e['type']})" if e["resource"] else e["path"]
            print(f"  {e['set']}: {Path(e['template']).name}  {where}\n    {e['message']}")

    version = subprocess.run(
        [str(Path(sys.executable).parent / "cfn-lint"), "--version"], capture_output=True, text=True
    ).stdout.strip()
    print(f"\n{version}, config {args.config}")
    for name, count in linted.items():
        print(f"  {name:<8} {count:>3} template(s)")
    if skipped:
        print(f"  skipped, no resources (the CDK CLI does not deploy them): {', '.join(skipped)}")
    for rule, reason in reasons.items():
        print(f"  ignored {rule}: {hidden[rule]} finding(s) ({reason.split(':')[0]})")
    stale = [rule for rule in reasons if hidden[rule] == 0]
    errors, warnings = levels["Error"], levels["Warning"]
    print(
        f"cfn-lint: {sum(linted.values())} templates linted in {seconds:.1f} s: {errors} errors, {warnings} warnings"
        f" ({sum(hidden.values())} ignored by rule: "
        + (", ".join(f"{r} {n}" for r, n in hidden.items()) or "none")
        + ")"
    )
    if stale:
        print(f"cfn-lint: ignored rule(s) {', '.join(stale)} match nothing: remove them from {args.config}")
    sys.exit(1 if errors or warnings or stale else 0)


if __name__ == "__main__":
    main()
