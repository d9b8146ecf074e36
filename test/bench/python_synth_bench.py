"""The figure Python users feel: import plus synth of the default service, from Python.

Run by `npx projen bench` (through python-bench.sh, in a virtual environment holding the built wheel).
Each run is a new Python process that imports aws-cdk-lib and the library, builds one app and synthesizes
it, timed from the process's start to its end, as `cdk synth` runs `python3 app.py`:

  (a) SecureFargateWebService on the example's defaults (examples/app.ts);
  (b) aws-cdk-lib's ApplicationLoadBalancedFargateService with the same image, port, size, domain and redirect.

Runs are paired, (a) then (b) then (b) then (a) alternately, after one warm-up pair; the table shows the
median of --runs pairs (3 by default). It prints a markdown section and, with --out, writes it into that
file between the markers <!-- bench:python --> and <!-- /bench:python -->.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

# The example's settings and their embedded defaults (examples/app.ts, EXAMPLE_DEFAULTS).
EXAMPLE = {
    "image": "traefik/whoami:v1.11.0",
    "container_port": 3000,
    "health_check_path": "/health",
    "domain_name": "app.example.com",
    "zone_name": "example.com",
    "hosted_zone_id": "Z0123456789EXAMPLE",
}

PROLOGUE = """
import sys
from aws_cdk import App, Stack
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_route53 as route53

app = App(outdir=sys.argv[1])
stack = Stack(app, "Bench")
zone = route53.PublicHostedZone.from_hosted_zone_attributes(
    stack, "Zone", hosted_zone_id={hosted_zone_id!r}, zone_name={zone_name!r}
)
image = ecs.ContainerImage.from_registry({image!r})
"""

CASES = {
    "(a) SecureFargateWebService": PROLOGUE
    + """
from secure_fargate_web_service import SecureFargateWebService

SecureFargateWebService(
    stack,
    "WebService",
    image=image,
    container_port={container_port},
    health_check_path={health_check_path!r},
    environment={{"WHOAMI_PORT_NUMBER": "{container_port}"}},
    domain_name={domain_name!r},
    hosted_zone=zone,
)
app.synth()
""",
    "(b) ApplicationLoadBalancedFargateService": PROLOGUE
    + """
from aws_cdk import aws_ecs_patterns as ecs_patterns
from aws_cdk import aws_elasticloadbalancingv2 as elbv2

ecs_patterns.ApplicationLoadBalancedFargateService(
    stack,
    "Service",
    task_image_options=ecs_patterns.ApplicationLoadBalancedTaskImageOptions(
        image=image, container_port={container_port}
    ),
    cpu=256,
    memory_limit_mib=512,
    desired_count=2,
    domain_name={domain_name!r},
    domain_zone=zone,
    protocol=elbv2.ApplicationProtocol.HTTPS,
    redirect_http=True,
)
app.synth()
""",
}


def run_once(source: str) -> tuple[float, int]:
    """Seconds from the process's start to its end, and the resources it synthesized."""
    with tempfile.TemporaryDirectory() as outdir:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", source, outdir], check=True)
        seconds = time.perf_counter() - start
        template = json.loads((Path(outdir) / "Bench.template.json").read_text())
        return seconds, len(template["Resources"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="paired runs (default 3)")
    parser.add_argument("--out", type=Path, help="the markdown file whose python section to replace")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error(f"--runs {args.runs} is not allowed; allowed: 1 or more")

    sources = {name: case.format(**EXAMPLE) for name, case in CASES.items()}
    names = list(sources)
    for name in names:  # one warm-up run each: the disk cache, as a user's second synth has it
        run_once(sources[name])
    samples: dict[str, list[float]] = {name: [] for name in names}
    resources: dict[str, int] = {}
    for pair in range(args.runs):
        for name in names if pair % 2 == 0 else reversed(names):
            seconds, count = run_once(sources[name])
            samples[name].append(seconds)
            resources[name] = count

    baseline = statistics.median(samples[names[1]])
    rows = [
        f"| {name} | {statistics.median(s):.2f} ({min(s):.2f}–{max(s):.2f}) | "
        f"{statistics.median(s) / baseline:.2f} | {resources[name]} |"
        for name, s in samples.items()
    ]
    load = os.getloadavg()[0]
    section = "\n".join(
        [
            "<!-- bench:python -->",
            "## From Python: import plus synth",
            "",
            f"Seconds from `python3` starting to the app synthesized (imports, the jsii runtime's start, construct "
            f"and synth), each run a new process, as `cdk synth` runs a Python app: median (min–max) of "
            f"{args.runs} paired runs after one warm-up run each, the order alternating pair by pair. "
            f"Ratio: time / time of (b).",
            "",
            "| Case | Seconds | Ratio | Resources |",
            "|---|--:|--:|--:|",
            *rows,
            "",
            f"Machine: {os.cpu_count()} cores (load average {load:.2f} at the end); Python {platform.python_version()}; "
            f"aws-cdk-lib {version('aws-cdk-lib')}; jsii {version('jsii')}; "
            f"secure-fargate-web-service {version('secure-fargate-web-service')}; {datetime.date.today().isoformat()}.",
            "<!-- /bench:python -->",
        ]
    )
    print(section)
    if args.out:
        text = args.out.read_text() if args.out.exists() else ""
        begin, end = "<!-- bench:python -->", "<!-- /bench:python -->"
        if begin in text and end in text:
            text = text[: text.index(begin)] + section + text[text.index(end) + len(end) :]
        else:
            text = text.rstrip("\n") + "\n\n" + section + "\n"
        args.out.write_text(text)


if __name__ == "__main__":
    main()
