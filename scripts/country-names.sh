#!/usr/bin/env bash
# Regenerates samples/country-names.csv from the Unicode CLDR (npm package cldr-localenames-full, pinned
# below; Unicode licence). Needs node and npm. The package goes to .local/cldr (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
version=48.2.0
dir=.local/cldr
if [ ! -f "$dir/node_modules/cldr-localenames-full/package.json" ] || ! grep -q "\"version\": \"$version\"" "$dir/node_modules/cldr-localenames-full/package.json"; then
  mkdir -p "$dir"
  (cd "$dir" && [ -f package.json ] || echo '{"private":true}' > package.json; npm install --no-audit --no-fund --silent "cldr-localenames-full@$version")
fi
node scripts/country-names.mjs "$dir/node_modules/cldr-localenames-full" samples/itu-member-states.csv samples/country-names.csv
