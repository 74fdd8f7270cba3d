#!/usr/bin/env bash
# The whole test suite: installs what it needs when missing, builds, type-checks, lints, runs tests.
# Usage: npm test            (everything)
#        npm test -- FILTER  (only test files whose path contains FILTER)
set -euo pipefail
cd "$(dirname "$0")/.."
FILTER=${1:-}

# Debian packages the real-client tests use: command -> package.
declare -A DEB=(
  [mariadb]=mariadb-client
  [mariadbd]=mariadb-server
  [kcat]=kcat
  [promtool]=prometheus
  [chromium]=chromium
)
missing=()
for cmd in "${!DEB[@]}"; do command -v "$cmd" >/dev/null 2>&1 || missing+=("${DEB[$cmd]}"); done
python3_pkgs=()
/usr/bin/python3 -c 'import pymysql' 2>/dev/null || python3_pkgs+=(python3-pymysql)
/usr/bin/python3 -c 'import sqlalchemy' 2>/dev/null || python3_pkgs+=(python3-sqlalchemy)
[ -f /usr/share/java/mariadb-java-client.jar ] || missing+=(libmariadb-java)
missing+=("${python3_pkgs[@]}")
if [ ${#missing[@]} -gt 0 ]; then
  echo "test: installing missing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# `npm install`, not `npm ci`: the registry mirror here serves only this platform's optional DuckDB
# bindings, so the lock file cannot list the others and `npm ci` would refuse it.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "test: npm install"
  npm install --no-audit --no-fund >/dev/null
fi

echo "test: build + typecheck + lint"
npm run -s build
npm run -s typecheck
npx eslint --quiet --no-error-on-unmatched-pattern src test bench scripts

mapfile -t files < <(find test -name '*.test.ts' | sort | grep -F -- "$FILTER" || true)
if [ ${#files[@]} -eq 0 ]; then echo "test: no test files match '$FILTER'"; exit 1; fi
echo "test: ${#files[@]} test files"
node --import tsx --test --test-reporter=spec "${files[@]}"
