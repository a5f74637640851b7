#!/usr/bin/env bash
# Lighthouse 12 (npm lighthouse@12.2.3, with Debian's Chromium) on the repository's own
# archive, served the way GitHub Pages serves it (text gzipped on the wire, by
# bench/webserver.py), on a phone (Lighthouse's default mobile emulation and throttling)
# and a desktop (--preset=desktop). Writes bench/LIGHTHOUSE.md; prints the scores.
#
#   bench/lighthouse.sh            # home, an article with responses, a topic page, search
#
# Not a test: the numbers depend on the machine. The target is 100 in all four categories
# for every page, except SEO on the search page (its noindex is deliberate).
# Also used for the screenshots in docs/ (bench/screenshots.cjs): SHOTS=1 bench/lighthouse.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
tools=${PAMPHLET_TEST_TOOLS:-$HOME/.cache/pamphlet-test-tools}
lh=$tools/lighthouse/node_modules/lighthouse/cli/index.js
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser)}
if [ ! -f "$lh" ]; then
  mkdir -p "$tools/lighthouse"
  npm install --prefix "$tools/lighthouse" --ignore-scripts --no-audit --no-fund --loglevel=error lighthouse@12.2.3 >/dev/null
fi

work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
cargo build --quiet
mkdir -p "$work/site"
cp -r book.toml content seeds themes "$work/site/"

port_file=$work/port
# /demo/: a blog paste whose commenters are named and dated and answer each other
# (bench/demo/), which the repository's own archive has none of, for the screenshots.
mkdir -p "$work/demo/seeds"
cp book.toml "$work/demo/"
cp bench/demo/*.txt "$work/demo/seeds/"
python3 - "$work/site/public" "$work/demo/public" "$port_file" <<'PY' &
import sys, time
sys.path.insert(0, "bench")
from webserver import Server
with Server({"/": sys.argv[1], "/demo/": sys.argv[2]}) as s:
    open(sys.argv[3], "w").write(s.base)
    while True:
        time.sleep(3600)
PY
server=$!
for _ in $(seq 50); do [ -s "$port_file" ] && break; sleep 0.1; done
base=$(cat "$port_file")
# Built for the address it is served at, as a real deployment is (canonical links and the
# sitemap in robots.txt are absolute).
target/debug/pamphlet --root "$work/site" build -q --base-url "$base/"
target/debug/pamphlet --root "$work/demo" import -q
target/debug/pamphlet --root "$work/demo" build -q --base-url "$base/demo/"

if [ "${SHOTS:-}" = 1 ]; then
  node bench/screenshots.cjs "$base/" docs
  exit 0
fi

pages=(
  "home|/"
  "article with responses|/articles/clear-these-dwp-parasites-out-of-gp-surgeries/"
  "topic|/topics/welfare-conditionality/"
  "search|/search/?q=gp+surgeries"
)
rows=()
for p in "${pages[@]}"; do
  name=${p%%|*}; path=${p#*|}
  for form in mobile desktop; do
    preset=()
    [ "$form" = desktop ] && preset=(--preset=desktop)
    out=$work/$form-${name// /-}.json
    node "$lh" "$base$path" --quiet --chrome-path="$chromium" \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
      --only-categories=performance,accessibility,best-practices,seo \
      --output=json --output-path="$out" "${preset[@]}" >/dev/null 2>&1 || true
    rows+=("$(node -e '
      const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      const c = r.categories, s = (k) => Math.round(c[k].score * 100);
      const low = [];
      for (const k of Object.keys(c)) for (const a of c[k].auditRefs) {
        const au = r.audits[a.id];
        if (a.weight > 0 && au.score !== null && au.score < 1) low.push(a.id);
      }
      console.log(["", process.argv[2], process.argv[3], s("performance"), s("accessibility"),
        s("best-practices"), s("seo"), low.join(", ") || "none", ""].join(" | ").trim());
    ' "$out" "$name" "$form")")
    echo "${rows[-1]}"
  done
done

{
  echo "# Lighthouse"
  echo
  echo "\`bench/lighthouse.sh\`: Lighthouse $(node "$lh" --version) in $("$chromium" --version 2>/dev/null | head -1),"
  echo "the repository's own archive (content/, $(ls content | wc -l) articles) served with text gzipped"
  echo "as GitHub Pages does (bench/webserver.py). Mobile is Lighthouse's default emulation and"
  echo "throttling, desktop is \`--preset=desktop\`. Run on $(date -u +%Y-%m-%d), $(nproc) cores"
  echo "shared with other jobs. The search page is exempt from SEO: its \`noindex\` is deliberate."
  echo
  echo "| page | form factor | performance | accessibility | best practices | SEO | audits below 100 |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
} > bench/LIGHTHOUSE.md
echo "wrote bench/LIGHTHOUSE.md"
