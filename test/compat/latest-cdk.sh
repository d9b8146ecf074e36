#!/usr/bin/env bash
# The other end of the supported range: runs the example synth and the security-gate tests against the
# newest aws-cdk-lib, in a scratch copy of the working tree, so the checkout's pinned versions stay as
# they are. The unit tests run against the minimum version (the pinned development dependency).
#
#   latest-cdk.sh                 the suites below (the test:latest-cdk task)
#   latest-cdk.sh bench [args]    the synthesis benchmark instead, writing the "newest" section of the
#                                 checkout's docs/benchmark.md (the bench:latest-cdk task)
set -euo pipefail
mode=${1:-suite}
[ $# -gt 0 ] && shift
case "$mode" in
  suite | bench) ;;
  *) echo "usage: latest-cdk.sh [suite | bench [benchmark options]]" >&2; exit 2 ;;
esac

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/sfws-latest-cdk.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# The tracked and untracked (not ignored) files, as they are in the working tree, and the installed modules.
(cd "$root" && git ls-files --cached --others --exclude-standard -z) |
  (cd "$root" && xargs -0 sh -c 'for f; do if [ -e "$f" ]; then cp --parents -- "$f" "$0"; fi; done' "$scratch")
# (a copy, also when node_modules is a link: the install below must not change the checkout's)
cp -a "$(readlink -f "$root/node_modules")" "$scratch/node_modules"

cd "$scratch"
npm install --no-save --no-audit --no-fund --ignore-scripts --loglevel=error aws-cdk-lib@latest constructs@^10 >/dev/null
installed=$(node -p "require('aws-cdk-lib/package.json').version")
minimum=$(node -p "require('$root/package.json').devDependencies['aws-cdk-lib']")
echo "Running against aws-cdk-lib $installed (the unit tests use the minimum, $minimum)"
if [ "$installed" = "$minimum" ]; then
  echo "The newest aws-cdk-lib did not install: still $installed" >&2
  exit 1
fi

if [ "$mode" = bench ]; then
  npx ts-node --project tsconfig.dev.json test/bench/synth-bench.ts \
    --label=newest --out="$root/docs/benchmark.md" --repo="$root" "$@"
  exit 0
fi

# The suites that prove the library against a consumer's aws-cdk-lib: the example app (with the
# built-in CloudFormation validation on), the composed construct, and the cdk-nag packs (both majors),
# each under both flag sets.
npx jest --coverage=false --ci test/examples test/secure-fargate-web-service.test.ts test/secure-fargate-web-service.cfn-validation.test.ts test/nag '\.nag\.test\.ts$'
npx ts-node --project tsconfig.dev.json examples/summary.ts

# The Python consumer suite and README examples, in a fresh virtual environment with the newest aws-cdk-lib
# from PyPI and the wheel that the build made.
bash "$root/test/consumers/python/run.sh" --latest-cdk
