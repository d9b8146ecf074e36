#!/usr/bin/env bash
# cfn-lint, AWS's CloudFormation linter, over every template that the test suite writes:
#   example  the example app, synthesized by `npx projen example` into cdk.out/
#   integ    the committed integration snapshots (test/integ/*.snapshot), one per test/integ/integ.*.ts
#   python   the Python consumer app (test/consumers/python/app.py), from the wheel in dist/python
#   java     the Java consumer app (test/consumers/java), from the Maven artifact in dist/java
# The consumer apps are synthesized as `cdk synth` runs them (their cdk.json "app" command) into
# test/cfn-lint/cdk.out/{python,java}, with aws-cdk-lib at the library's minimum, like their test suites.
#
#   bash test/cfn-lint/run.sh [--lint-only] [--show-ignored]
#
#   --lint-only     synthesize nothing: lint the sets as they are (fails if one is missing)
#   --show-ignored  list the findings of ignored rules too
#
# cfn-lint (pinned in requirements.txt) lives in a virtual environment under
# ${XDG_CACHE_HOME:-~/.cache}/secure-fargate-web-service/, made again when requirements.txt or Python
# changes. Settings and ignored rules: .cfnlintrc.yaml; every finding goes to test/cfn-lint/cdk.out/findings.json.
# Needs python3 with venv and pip, Node.js, and for the consumer apps a built dist/ (npx projen build),
# a JDK 17 and Maven.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
lint_only=false
lint_args=()
while (($#)); do
  case "$1" in
    --lint-only) lint_only=true ;;
    --show-ignored) lint_args+=(--show-ignored) ;;
    -h | --help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
export AWS_EC2_METADATA_DISABLED=true
export CDK_DISABLE_CLI_TELEMETRY=true
export PYTHONDONTWRITEBYTECODE=1
export PIP_DISABLE_PIP_VERSION_CHECK=1
out="$here/cdk.out"
started=$(date +%s)
timings=()
step_name=""
step_start=$started
step() { # name: ends the step before (recording its time) and starts this one
  local now
  now=$(date +%s)
  [[ -z "$step_name" ]] || timings+=("$(printf '%-8s %4d s' "$step_name" $((now - step_start)))")
  step_name="$1"
  step_start=$now
  [[ -z "$1" ]] || echo "==> $*"
}
# Runs a command quietly; on failure shows the end of its output.
quietly() { # log command...
  local log="$1"
  shift
  "$@" >"$log" 2>&1 || { tail -n 40 "$log" >&2; echo "run.sh: failed: $*" >&2; exit 1; }
}

# cfn-lint's virtual environment, reused while requirements.txt and Python are the same.
venv="${XDG_CACHE_HOME:-$HOME/.cache}/secure-fargate-web-service/cfn-lint-venv"
stamp="$(cat "$here/requirements.txt"; python3 --version)"
if [[ ! -x "$venv/bin/cfn-lint" || "$(cat "$venv/.stamp" 2>/dev/null)" != "$stamp" ]]; then
  step venv "for cfn-lint ($(grep -v '^#' "$here/requirements.txt" | xargs)) in $venv"
  rm -rf "$venv"
  mkdir -p "$(dirname "$venv")"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet -r "$here/requirements.txt"
  printf '%s' "$stamp" >"$venv/.stamp"
fi

mkdir -p "$out"
if ! $lint_only; then
  work="$(mktemp -d "${TMPDIR:-/tmp}/sfws-cfn-lint.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  read_package() { # as test/consumers/java/run.sh reads package.json: a leading ^ or ~ dropped
    PACKAGE_JSON="$root/package.json" node -p "String(require(process.env.PACKAGE_JSON).$1 ?? '').replace(/^[^0-9]*/, '')"
  }
  version="$(read_package version)"
  cdk_version="$(read_package "devDependencies['aws-cdk-lib']")"
  constructs_version="$(read_package "devDependencies['constructs']")"

  step example "npx projen example (into cdk.out/)"
  (cd "$root" && quietly "$work/example.log" npx projen example)

  step python "test/consumers/python/app.py with the wheel in dist/python and aws-cdk-lib $cdk_version"
  shopt -s nullglob
  wheels=("$root"/dist/python/*.whl)
  shopt -u nullglob
  ((${#wheels[@]} == 1)) || {
    echo "run.sh: expected one wheel in dist/python, found ${#wheels[@]}: build first (npx projen build)" >&2
    exit 2
  }
  python3 -m venv "$work/venv"
  quietly "$work/pip.log" "$work/venv/bin/python" -m pip install "${wheels[0]}" "aws-cdk-lib==$cdk_version"
  rm -rf "$out/python"
  (cd "$root/test/consumers/python" &&
    CDK_OUTDIR="$out/python" PATH="$work/venv/bin:$PATH" quietly "$work/python.log" python3 app.py)

  step java "test/consumers/java (mvn compile exec:java) with dist/java and aws-cdk-lib $cdk_version"
  repo="$root/dist/java"
  artifact="io/github/securefargate/secure-fargate-web-service/$version"
  [[ -f "$repo/$artifact/secure-fargate-web-service-$version.jar" ]] || {
    echo "run.sh: no secure-fargate-web-service $version in dist/java: build first (npx projen build)" >&2
    exit 2
  }
  # As test/consumers/java/run.sh does: a local build keeps its version (0.0.0) while dist/java changes, so a
  # copy that Maven cached from an earlier build is dropped when it differs.
  cached="$HOME/.m2/repository/$artifact"
  if [[ -f "$HOME/.m2/settings.xml" ]] && grep -q '<localRepository>' "$HOME/.m2/settings.xml"; then
    local_repo="$(sed -n 's:.*<localRepository>\(.*\)</localRepository>.*:\1:p' "$HOME/.m2/settings.xml" | head -n 1)"
    cached="$local_repo/$artifact"
  fi
  for file in "secure-fargate-web-service-$version.jar" "secure-fargate-web-service-$version.pom"; do
    if [[ -f "$cached/$file" ]] && ! cmp -s "$cached/$file" "$repo/$artifact/$file"; then rm -rf "$cached"; break; fi
  done
  rm -rf "$out/java"
  (cd "$root/test/consumers/java" && CDK_OUTDIR="$out/java" quietly "$work/java.log" \
    mvn -B -ntp -Dstyle.color=never compile exec:java "-Dsfws.repo=file://$repo" "-Dsfws.version=$version" \
    "-Dcdk.version=$cdk_version" "-Dconstructs.version=$constructs_version")
fi

# The integration snapshots as committed: one per test file.
snapshots=()
for test_file in "$root"/test/integ/integ.*.ts; do
  [[ -d "$test_file.snapshot" ]] || {
    echo "run.sh: no snapshot for ${test_file#"$root"/}: write it (npx projen integ:snapshot)" >&2
    exit 2
  }
  snapshots+=("${test_file#"$root"/}.snapshot")
done
((${#snapshots[@]} > 0)) || { echo "run.sh: no test/integ/integ.*.ts" >&2; exit 2; }

step lint "cfn-lint over example, integ, python, java"
cd "$root"
status=0
"$venv/bin/python" "$here/lint.py" --config "${here#"$root"/}/.cfnlintrc.yaml" --report "$out/findings.json" \
  "${lint_args[@]}" \
  "example=cdk.out" \
  "integ=$(IFS=,; echo "${snapshots[*]}")" \
  "python=${out#"$root"/}/python" \
  "java=${out#"$root"/}/java" || status=$?
step ""
printf '    %s\n' "${timings[@]}"
echo "run.sh: $( ((status == 0)) && echo passed || echo FAILED ) in $(($(date +%s) - started)) s"
exit "$status"
