#!/usr/bin/env bash
# The synthesis benchmark against the newest aws-cdk-lib, in a scratch copy of the working tree (as
# test/compat/latest-cdk.sh does), so the checkout's pinned versions stay as they are. It replaces the
# "newest" section of the checkout's docs/benchmark.md; arguments pass through to synth-bench.ts.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/sfws-bench-latest-cdk.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# The tracked and untracked (not ignored) files, as they are in the working tree, and the installed modules
# (a copy of them, also when node_modules is a link: the install below must not change the checkout's).
(cd "$root" && git ls-files --cached --others --exclude-standard -z) |
  (cd "$root" && xargs -0 sh -c 'for f; do if [ -e "$f" ]; then cp --parents -- "$f" "$0"; fi; done' "$scratch")
cp -a "$(readlink -f "$root/node_modules")" "$scratch/node_modules"

cd "$scratch"
npm install --no-save --no-audit --no-fund --ignore-scripts --loglevel=error aws-cdk-lib@latest constructs@^10 >/dev/null
installed=$(node -p "require('aws-cdk-lib/package.json').version")
minimum=$(node -p "require('$root/package.json').devDependencies['aws-cdk-lib']")
echo "Benchmarking against aws-cdk-lib $installed (the installed minimum is $minimum)" >&2
if [ "$installed" = "$minimum" ]; then
  echo "The newest aws-cdk-lib did not install: still $installed" >&2
  exit 1
fi

npx ts-node --project tsconfig.dev.json test/bench/synth-bench.ts \
  --label=newest --out="$root/docs/benchmark.md" --repo="$root" "$@"
