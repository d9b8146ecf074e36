#!/usr/bin/env bash
# The Python figure of the synthesis benchmark (the bench:python task, which `npx projen bench` runs): import
# plus synth of the default service from Python against aws-cdk-lib's ApplicationLoadBalancedFargateService,
# in a fresh virtual environment holding the built wheel and the minimum aws-cdk-lib. It writes its section of
# docs/benchmark.md. Options go to python_synth_bench.py (--runs=N, default 3).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

shopt -s nullglob
wheels=("$root"/dist/python/*.whl)
if [ ${#wheels[@]} -ne 1 ]; then
  echo "python-bench.sh: expected one wheel in dist/python, found ${#wheels[@]}: run npx projen package:python first" >&2
  exit 2
fi
min_cdk=$(node -p "require('$root/package.json').devDependencies['aws-cdk-lib']")

work=$(mktemp -d "${TMPDIR:-/tmp}/sfws-python-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check "${wheels[0]}" "aws-cdk-lib==$min_cdk"

export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20 AWS_EC2_METADATA_DISABLED=true
"$work/venv/bin/python" "$here/python_synth_bench.py" --out "$root/docs/benchmark.md" "$@"
