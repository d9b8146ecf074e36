#!/usr/bin/env bash
# Runs the Java consumer tests against the library's Maven artifact in dist/java, with the minimum
# aws-cdk-lib and constructs, and checks the Java fragments of docs/java/API.md.
#
#   test/consumers/java/run.sh [extra Maven arguments, such as -Dtest=ValidationTest]
#
# Needs JDK 17, Maven 3.8 or later, Node.js (for the jsii runtime and to read package.json), and the
# Java package built (npx projen package:java). Maven downloads what it needs from Maven Central into
# the usual local repository (~/.m2/repository), so later runs are fast.
set -euo pipefail

started=$(date +%s)
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"

# The version being built and the lower bounds of the library's peer dependencies, which the unit
# tests run against too (devDependencies pins them; a leading ^ or ~ is dropped).
read_package() { PACKAGE_JSON="$root/package.json" node -p "String(require(process.env.PACKAGE_JSON).$1 ?? '').replace(/^[^0-9]*/, '')"; }
version="$(read_package version)"
cdk_version="$(read_package "devDependencies['aws-cdk-lib']")"
constructs_version="$(read_package "devDependencies['constructs']")"

repo="$root/dist/java"
artifact="io/github/securefargate/secure-fargate-web-service/$version"
jar="$repo/$artifact/secure-fargate-web-service-$version.jar"
api_docs="$root/docs/java/API.md"
for required in "$jar" "$api_docs"; do
  if [[ ! -f "$required" ]]; then
    echo "run.sh: $required is missing; build the Java package and the API docs first (npx projen build)" >&2
    exit 2
  fi
done

# Maven keeps a release version it has resolved once and never fetches it again, but a local build
# stays at the same version (0.0.0) while dist/java changes: drop a cached copy that differs.
local_repo="$HOME/.m2/repository"
if [[ -f "$HOME/.m2/settings.xml" ]] && grep -q '<localRepository>' "$HOME/.m2/settings.xml"; then
  local_repo="$(sed -n 's:.*<localRepository>\(.*\)</localRepository>.*:\1:p' "$HOME/.m2/settings.xml" | head -n 1)"
fi
# Arguments given to run.sh come last on Maven's command line, so they win; echo what is used.
for arg in "$@"; do
  case "$arg" in
    -Dmaven.repo.local=*) local_repo="${arg#*=}" ;;
    -Dcdk.version=*) cdk_version="${arg#*=}" ;;
    -Dconstructs.version=*) constructs_version="${arg#*=}" ;;
  esac
done
cached="$local_repo/$artifact"
for file in "secure-fargate-web-service-$version.jar" "secure-fargate-web-service-$version.pom"; do
  if [[ -f "$cached/$file" ]] && ! cmp -s "$cached/$file" "$repo/$artifact/$file"; then
    echo "run.sh: dist/java changed since Maven cached secure-fargate-web-service $version; refreshing the cached copy"
    rm -rf "$cached"
    break
  fi
done

echo "run.sh: secure-fargate-web-service $version from $repo, aws-cdk-lib $cdk_version, constructs $constructs_version"

export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
export AWS_EC2_METADATA_DISABLED=true

# Maven's own progress lines are left out; test results, failures and errors are kept.
noise='^\[INFO\] (Scanning for projects|--- |Building |skip non existing|Nothing to compile|Changes detected|Compiling |Recompiling|Using auto detected provider|-+$|--+< |-+\[ jar \]-+$|$)|^\[ERROR\] ($|Re-run Maven|To see the full stack trace|For more information about the errors|\[Help 1\]|Please refer to dump files|-> \[Help 1\])'
set +e
(cd "$here" && mvn -B -ntp -Dstyle.color=never test \
  "-Dsfws.repo=file://$repo" \
  "-Dsfws.version=$version" \
  "-Dcdk.version=$cdk_version" \
  "-Dconstructs.version=$constructs_version" \
  "-Dsfws.apiDocs=$api_docs" \
  "$@" 2>&1) | sed -e $'s/\x1b\\[[0-9;]*m//g' | grep -v -E "$noise"
status=${PIPESTATUS[0]}
set -e

echo "run.sh: $( ((status == 0)) && echo passed || echo FAILED ) in $(($(date +%s) - started)) s"
exit "$status"
