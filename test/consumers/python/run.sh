#!/usr/bin/env bash
# The Python consumer suite: installs the built wheel into a fresh virtual environment, with aws-cdk-lib
# at the library's minimum version (or the newest), then type-checks the Python CDK app and the tests
# with mypy and runs them with pytest, the README examples check among them.
#
#   bash test/consumers/python/run.sh [--latest-cdk] [--wheel FILE] [--api-docs FILE] [-- PYTEST_ARGS...]
#
#   --latest-cdk     install the newest aws-cdk-lib on PyPI instead of the minimum (fails if that is the minimum)
#   --wheel FILE     test this wheel instead of dist/python/*.whl
#   --api-docs FILE  check the Python blocks of this file instead of docs/python/API.md
#
# Needs python3 with venv and pip, Node.js (for jsii), and PyPI. Downloads come from pip's cache when it
# has them; mypy keeps its cache under ${XDG_CACHE_HOME:-~/.cache}/secure-fargate-web-service/, keyed by
# the aws-cdk-lib version, so that a second run does not type-check aws-cdk-lib's stubs again.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
[[ -f "$root/package.json" ]] || {
  echo "run.sh: $root does not look like the repository root" >&2
  exit 2
}

latest_cdk=false
wheel=""
api_docs="$root/docs/python/API.md"
pytest_args=()
while (($#)); do
  case "$1" in
    --wheel | --api-docs) (($# >= 2)) || { echo "run.sh: $1 needs a file" >&2; exit 2; } ;;&
    --latest-cdk) latest_cdk=true ;;
    --wheel) wheel="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift ;;
    --api-docs) api_docs="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift ;;
    --) shift; pytest_args=("$@"); break ;;
    -h | --help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if [[ -z "$wheel" ]]; then
  shopt -s nullglob
  wheels=("$root"/dist/python/*.whl)
  shopt -u nullglob
  if ((${#wheels[@]} != 1)); then
    echo "run.sh: expected one wheel in dist/python, found ${#wheels[@]}: build it first (npx projen package:python)" >&2
    exit 2
  fi
  wheel="${wheels[0]}"
fi
[[ -f "$wheel" ]] || { echo "run.sh: no wheel at $wheel" >&2; exit 2; }
[[ -f "$api_docs" ]] || { echo "run.sh: no Python API docs at $api_docs" >&2; exit 2; }

min_cdk="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["devDependencies"]["aws-cdk-lib"])' "$root/package.json")"
[[ "$min_cdk" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || {
  echo "run.sh: devDependencies[\"aws-cdk-lib\"] in package.json is '$min_cdk', not an exact version" >&2
  exit 2
}

# jsii: no banner about Node.js 20's end of life; nothing reaches for EC2 instance metadata.
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
export AWS_EC2_METADATA_DISABLED=true
export PYTHONDONTWRITEBYTECODE=1
export PIP_DISABLE_PIP_VERSION_CHECK=1
export SFWS_PYTHON_API_DOCS="$api_docs"

work="$(mktemp -d "${TMPDIR:-/tmp}/sfws-python-consumer.XXXXXX")"
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

timings=()
now() { date +%s.%N; }
step_start=""
begin() {
  step_start="$(now)"
  echo
  echo "==> $1"
}
finish() { # name status
  local seconds
  seconds="$(awk -v a="$step_start" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')"
  timings+=("$(printf '%-28s %6s s  %s' "$1" "$seconds" "$2")")
}

begin "virtual environment ($(python3 --version))"
python3 -m venv "$work/venv"
python="$work/venv/bin/python"
finish "virtual environment" ok

if $latest_cdk; then cdk_requirement="aws-cdk-lib"; else cdk_requirement="aws-cdk-lib==$min_cdk"; fi
begin "install $(basename "$wheel"), $cdk_requirement, constructs, requirements-dev.txt"
"$python" -m pip install --quiet "$wheel" "$cdk_requirement" -r "$here/requirements-dev.txt"
finish "install" ok
installed() { "$python" -c 'import importlib.metadata as m, sys; print(m.version(sys.argv[1]))' "$1"; }
cdk_version="$(installed aws-cdk-lib)"
for package in secure-fargate-web-service aws-cdk-lib constructs jsii pytest mypy; do
  printf '    %-28s %s\n' "$package" "$(installed "$package")"
done
if $latest_cdk; then
  echo "    newest aws-cdk-lib installed: $cdk_version (the library's minimum is $min_cdk)"
  if [[ "$cdk_version" == "$min_cdk" ]]; then
    echo "run.sh: --latest-cdk installed aws-cdk-lib $cdk_version, the minimum: the newest did not install" >&2
    exit 1
  fi
elif [[ "$cdk_version" != "$min_cdk" ]]; then
  echo "run.sh: installed aws-cdk-lib $cdk_version, not the minimum $min_cdk" >&2
  exit 1
fi

export MYPY_CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/secure-fargate-web-service/mypy-aws-cdk-lib-$cdk_version"
mkdir -p "$MYPY_CACHE_DIR"
status=0

begin "type check: mypy (strict) over app.py and the tests, against the wheel's type hints"
if (cd "$here" && "$python" -m mypy --config-file pyproject.toml); then
  finish "type check (mypy)" ok
else
  finish "type check (mypy)" FAILED
  status=1
fi

begin "tests: pytest"
pytest_log="$work/pytest.log"
set +e
(cd "$here" && "$python" -m pytest -p no:cacheprovider "${pytest_args[@]}") 2>&1 | tee "$pytest_log"
pytest_status="${PIPESTATUS[0]}"
set -e
if ((pytest_status == 0)); then finish "tests (pytest)" ok; else finish "tests (pytest)" "FAILED (exit $pytest_status)"; status=1; fi

echo
echo "==> Python consumer suite, aws-cdk-lib $cdk_version$($latest_cdk && echo ' (newest)' || echo ' (minimum)')"
printf '    %s\n' "${timings[@]}"
grep -E '^README examples: ' "$pytest_log" | sed 's/^/    /' || true
summary="$(grep -E '^(=+ )?[0-9]+ (passed|failed|errors?|skipped|deselected|xfailed|xpassed)\b.* in [0-9.]+s|no tests ran' "$pytest_log" | tail -1 | sed -E 's/^=+ //; s/ =+$//')"
echo "    pytest: ${summary:-no summary line}"
exit "$status"
