"""Build the dashboard's borough and ward boundary files from the shared public data.

Writes `src/crimeplan/data/geo/boroughs.geojson` (33 London boroughs, E09 codes) and
`src/crimeplan/data/geo/wards.geojson` (2025 electoral wards, E05 codes). The shipped files are
committed; this script documents how they were made and rebuilds them:

    .venv/bin/python scripts/build_boundaries.py [--shared ../shared/data/geo]

Method:
- Boroughs: `london-boroughs.geojson` (GLA, WGS84) kept as published, only its `CODE` and
  `NAME` properties.
- Wards: the 2021 LSOA polygons in `lsoa-2021-by-borough/*.shp` (British National Grid,
  EPSG:27700) dissolved (union) by ward through ONS's best-fit lookup
  `lsoa21-to-ward25-to-lad25-best-fit.csv` (LSOA 2021 -> ward 2025 -> LAD 2025). Best fit
  means a ward is the union of the LSOAs whose population-weighted centroid falls in it, so
  its edge follows LSOA edges, not the legal ward boundary: good enough for a choropleth.
- Both layers are simplified as coverages (`shapely.coverage_simplify`, shared edges stay
  shared, so no gaps or slivers appear between neighbours), in metres for the wards
  (BNG), then reprojected to WGS84 with pyproj and rounded to 5 decimals (about 1 m).

Build tools only (requirements-dev.txt): pyshp, shapely, pyproj. Nothing at run time needs them.
Licence: Open Government Licence v3.0. Contains OS data © Crown copyright and database right;
ONS; GLA.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
from collections import defaultdict
from pathlib import Path
from typing import Any

import shapefile  # pyshp
import shapely
from pyproj import Transformer
from shapely.geometry import mapping, shape

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "crimeplan" / "data" / "geo"
ATTRIBUTION = "Contains OS data © Crown copyright and database right; ONS; GLA"
LICENCE = "Open Government Licence v3.0"
WARD_TOLERANCE_M = 25.0  # coverage simplification tolerance in metres (BNG)
BOROUGH_TOLERANCE_DEG = 0.0003  # about 20-30 m at London's latitude
DECIMALS = 5


def rounded(geom: dict[str, Any]) -> dict[str, Any]:
    """Round every coordinate of a GeoJSON geometry to DECIMALS places."""

    def walk(c: Any) -> Any:
        if isinstance(c, (int, float)):
            return round(float(c), DECIMALS)
        return [walk(x) for x in c]

    return {"type": geom["type"], "coordinates": walk(geom["coordinates"])}


def collection(name: str, features: list[dict[str, Any]], source: str) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "name": name,
        "metadata": {"attribution": ATTRIBUTION, "licence": LICENCE, "source": source},
        "features": features,
    }


def build_boroughs(geo: Path) -> dict[str, Any]:
    src = json.loads((geo / "london-boroughs.geojson").read_text(encoding="utf-8"))
    feats = sorted(src["features"], key=lambda f: f["properties"]["CODE"])
    geoms = shapely.coverage_simplify([shape(f["geometry"]) for f in feats], BOROUGH_TOLERANCE_DEG)
    out = [
        {
            "type": "Feature",
            "properties": {"code": f["properties"]["CODE"], "name": f["properties"]["NAME"]},
            "geometry": rounded(mapping(g)),
        }
        for f, g in zip(feats, geoms, strict=True)
    ]
    return collection(
        "london-boroughs", out, "GLA London borough boundaries (london-boroughs.geojson)"
    )


def read_lookup(geo: Path) -> dict[str, tuple[str, str, str, str]]:
    """LSOA 2021 code -> (ward code, ward name, LAD code, LAD name), London (E09) only."""
    out: dict[str, tuple[str, str, str, str]] = {}
    with (geo / "lsoa21-to-ward25-to-lad25-best-fit.csv").open(encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            if row["LAD25CD"].startswith("E09"):
                out[row["LSOA21CD"]] = (
                    row["WD25CD"],
                    row["WD25NM"],
                    row["LAD25CD"],
                    row["LAD25NM"],
                )
    return out


def build_wards(geo: Path) -> dict[str, Any]:
    lookup = read_lookup(geo)
    parts: dict[str, list[Any]] = defaultdict(list)
    for shp in sorted((geo / "lsoa-2021-by-borough").glob("*.shp")):
        with shapefile.Reader(str(shp)) as reader:
            fields = [f[0].lower() for f in reader.fields[1:]]
            for rec in reader.iterShapeRecords():
                props = dict(zip(fields, rec.record, strict=True))
                code = props["lsoa21cd"]
                if code not in lookup:
                    raise SystemExit(f"{shp.name}: LSOA {code} is not in the best-fit lookup")
                parts[lookup[code][0]].append(shape(rec.shape.__geo_interface__))
    missing = sorted({w for w, *_ in lookup.values()} - parts.keys())
    if missing:
        raise SystemExit(f"wards with no LSOA polygon: {missing[:5]} ...")
    names = {w: (wn, lc, ln) for w, wn, lc, ln in lookup.values()}
    codes = sorted(parts, key=lambda w: (names[w][1], names[w][0]))
    dissolved = [shapely.union_all(parts[w]).buffer(0) for w in codes]
    simplified = shapely.coverage_simplify(dissolved, WARD_TOLERANCE_M)
    to_wgs84 = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True).transform
    feats = []
    for code, geom in zip(codes, simplified, strict=True):
        name, lad, lad_name = names[code]
        feats.append(
            {
                "type": "Feature",
                "properties": {
                    "code": code,
                    "name": name,
                    "borough_code": lad,
                    "borough_name": lad_name,
                },
                "geometry": rounded(mapping(shapely.transform(geom, to_wgs84, interleaved=False))),
            }
        )
    return collection(
        "london-wards-2025",
        feats,
        "ONS 2021 LSOA boundaries dissolved by the ONS LSOA 2021 -> ward 2025 best-fit lookup",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    shared = Path(os.environ.get("CRIMEPLAN_SHARED", ROOT.parent.parent / "shared"))
    parser.add_argument("--shared", type=Path, default=shared / "data" / "geo")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in (
        ("boroughs", build_boroughs(args.shared)),
        ("wards", build_wards(args.shared)),
    ):
        path = args.out / f"{name}.geojson"
        path.write_text(
            json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8"
        )
        print(f"{path}: {len(data['features'])} features, {path.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
