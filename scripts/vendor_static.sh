#!/usr/bin/env bash
# Vendor the dashboard's front-end packages from npm into the Python package, so that
# nothing loads from the internet at run time. Re-run after changing a version below;
# record the change in src/crimeplan/web/static/VENDORED.md.
#
# Uses `npm pack NAME@VERSION` in a temporary folder (no node_modules in the repository)
# and copies only the built files the pages use.
set -euo pipefail

GOVUK=6.3.0        # matches govuk-frontend-jinja 4.1.0 (its compatibility table: 4.1.0 -> 6.3.0)
LEAFLET=1.9.4
VEGA=6.4.0
VEGA_LITE=6.5.0
VEGA_EMBED=7.3.0
AXE=4.14.1         # tests only

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
STATIC="$ROOT/src/crimeplan/web/static"
AXE_DIR="$ROOT/tests/e2e/vendor"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

unpack() {  # unpack NAME VERSION -> $TMP/NAME/package
    (cd "$TMP" && npm pack "$1@$2" --silent >/dev/null && mkdir -p "$1" \
        && tar xzf "$1-$2.tgz" -C "$1")
}

for spec in "govuk-frontend $GOVUK" "leaflet $LEAFLET" "vega $VEGA" "vega-lite $VEGA_LITE" \
            "vega-embed $VEGA_EMBED" "axe-core $AXE"; do
    unpack $spec
done

rm -rf "$STATIC/govuk" "$STATIC/leaflet" "$STATIC/vega"
mkdir -p "$STATIC/govuk" "$STATIC/leaflet/images" "$STATIC/vega" "$AXE_DIR"

# GOV.UK Frontend: the compiled CSS and JS. The GDS Transport font and the crown images are
# for GOV.UK services only, so they are not shipped and their @font-face rules are removed:
# text falls back to Arial, as the Design System advises for services outside GOV.UK.
G="$TMP/govuk-frontend/package/dist/govuk"
sed -E 's/@font-face\{[^}]*\}//g' "$G/govuk-frontend.min.css" > "$STATIC/govuk/govuk-frontend.min.css"
cp "$G/govuk-frontend.min.js" "$STATIC/govuk/"
# The npm package ships no LICENSE file; its package.json says MIT (see VENDORED.md).

L="$TMP/leaflet/package"
cp "$L/dist/leaflet.js" "$L/dist/leaflet.css" "$STATIC/leaflet/"
cp "$L/dist/images/layers.png" "$L/dist/images/layers-2x.png" "$STATIC/leaflet/images/"
cp "$L/LICENSE" "$STATIC/leaflet/LICENSE"

cp "$TMP/vega/package/build/vega.min.js" "$STATIC/vega/"
cp "$TMP/vega/package/LICENSE" "$STATIC/vega/LICENSE-vega"
cp "$TMP/vega-lite/package/build/vega-lite.min.js" "$STATIC/vega/"
cp "$TMP/vega-lite/package/LICENSE" "$STATIC/vega/LICENSE-vega-lite"
cp "$TMP/vega-embed/package/build/vega-embed.min.js" "$STATIC/vega/"
cp "$TMP/vega-embed/package/LICENSE" "$STATIC/vega/LICENSE-vega-embed"

cp "$TMP/axe-core/package/axe.min.js" "$AXE_DIR/axe.min.js"
cp "$TMP/axe-core/package/LICENSE" "$AXE_DIR/LICENSE-axe-core"

du -sh "$STATIC/govuk" "$STATIC/leaflet" "$STATIC/vega" "$AXE_DIR"
