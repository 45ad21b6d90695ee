#!/usr/bin/env bash
# Regenerates samples/world-map.json: every ITU Member State's shape from Natural Earth (npm package world-atlas,
# public domain) projected to SVG paths (Equal Earth), codes matched through the Unicode CLDR (cldr-core, Unicode
# licence). Needs node and npm; the packages go to .local/map (git-ignored). The application reads only the JSON.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.local/map
packages=(world-atlas@2.0.2 topojson-client@3.1.0 d3-geo@3.1.2 cldr-core@48.2.0)
if [ ! -f "$dir/node_modules/world-atlas/countries-50m.json" ] || [ ! -f "$dir/node_modules/d3-geo/package.json" ]; then
  mkdir -p "$dir"
  (cd "$dir" && { [ -f package.json ] || echo '{"private":true}' > package.json; } && npm install --no-audit --no-fund --silent "${packages[@]}")
fi
node scripts/world-map.mjs "$dir/node_modules" samples/itu-member-states.csv samples/world-map.json
