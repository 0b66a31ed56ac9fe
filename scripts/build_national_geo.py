"""Build the national geography shipped in src/crimeplan/data/geo/ from the ONS files.

    python scripts/build_national_geo.py ../shared/data

Writes, gzip-compressed:
- `national-lsoa.csv.gz`: every 2021 LSOA in England and Wales (35,672) with its 2025 ward and
  local authority (ONS best-fit LSOA21 -> WD25 -> LAD25), its Community Safety Partnership and
  Police Force Area (ONS LAD20 -> CSP20 -> PFA20, joined through the LSOA's LAD22), and its
  Census 2021 usual residents (TS007A).
- `national-lsoa11.csv.gz`: every 2011 LSOA (34,753) with its 2021 LSOA: the one the ONS
  exact-fit lookup names where it names one (unchanged or merged), else the ONS best fit (V2).

Two gaps in the ONS lookups are filled by hand and documented in docs/methods/national.md:
North and West Northamptonshire (2021) are mapped to Northamptonshire PFA as one CSP each; in
the three 2020 authorities with several CSPs (Bournemouth, Christchurch and Poole;
Buckinghamshire; East Suffolk) an LSOA takes the CSP its 2011 LSOA's name names, and
Christchurch the Dorset CSP.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

OUT = Path(__file__).resolve().parents[1] / "src" / "crimeplan" / "data" / "geo"
NORTHANTS = {
    "E06000061": ("E06000061", "North Northamptonshire"),
    "E06000062": ("E06000062", "West Northamptonshire"),
}
NORTHANTS_PFA = ("E23000022", "Northamptonshire")


def main(shared: Path) -> None:
    ew = shared / "geo-ew"
    ward = pd.read_csv(
        shared / "geo" / "lsoa21-to-ward25-to-lad25-best-fit.csv", encoding="utf-8-sig", dtype=str
    )
    exact = pd.read_csv(
        ew / "lsoa11-to-lsoa21-to-lad22-exact-fit.csv", encoding="utf-8-sig", dtype=str
    )
    best = pd.read_csv(
        ew / "lsoa11-to-lsoa21-to-lad22-best-fit-v2.csv", encoding="utf-8-sig", dtype=str
    )
    csp = pd.read_csv(ew / "lad20-to-csp20-to-pfa20.csv", encoding="utf-8-sig", dtype=str)
    pop = pd.read_csv(shared / "geo" / "census2021-ts007a-lsoa.csv", dtype=str)

    lad22 = exact.drop_duplicates("LSOA21CD").set_index("LSOA21CD")["LAD22CD"]
    # The 2011 name of an LSOA21 (first of its 2011 pieces) tells which old district it was in.
    old_name = exact.drop_duplicates("LSOA21CD").set_index("LSOA21CD")["LSOA11NM"]
    old_district = old_name.str.replace(r"\s+\d{3}[A-Z]$", "", regex=True)

    by_lad = {k: g for k, g in csp.groupby("LAD20CD")}
    rows = []
    for r in ward.itertuples(index=False):
        lad = lad22.get(r.LSOA21CD)
        if lad in NORTHANTS:
            csp_cd, csp_nm = NORTHANTS[lad]
            pfa_cd, pfa_nm = NORTHANTS_PFA
        else:
            g = by_lad[lad]
            if len(g) > 1:
                named = g[old_district.get(r.LSOA21CD) == g.CSP20NM]
                g = named if len(named) else g[~g.CSP20NM.isin(old_district.unique())]
            one = g.iloc[0]
            csp_cd, csp_nm, pfa_cd, pfa_nm = one.CSP20CD, one.CSP20NM, one.PFA20CD, one.PFA20NM
        rows.append(
            (
                r.LSOA21CD,
                r.LSOA21NM,
                r.WD25CD,
                r.WD25NM,
                r.LAD25CD,
                r.LAD25NM,
                csp_cd,
                csp_nm,
                pfa_cd,
                pfa_nm,
            )
        )
    out = pd.DataFrame(
        rows,
        columns=[
            "lsoa_code",
            "lsoa_name",
            "ward_code",
            "ward_name",
            "lad_code",
            "lad_name",
            "csp_code",
            "csp_name",
            "force_code",
            "force_name",
        ],
    )
    p = pop.set_index("geography code")["Age: Total"].astype(int)
    out["population"] = out["lsoa_code"].map(p).astype("Int64")
    assert out["population"].notna().all(), "an LSOA has no Census 2021 population"
    assert out["force_code"].notna().all() and out["csp_code"].notna().all()
    out = out.sort_values("lsoa_code")
    out.to_csv(
        OUT / "national-lsoa.csv.gz", index=False, compression={"method": "gzip", "mtime": 0}
    )
    b = best[["LSOA11CD", "LSOA21CD"]].rename(
        columns={"LSOA11CD": "lsoa11_code", "LSOA21CD": "lsoa21_code"}
    )
    # One 2021 LSOA per 2011 LSOA: the exact fit where it names one (unchanged or merged), the
    # best fit only for splits and redrawn areas (the best-fit file sends five unchanged
    # LSOAs, E01003004 for one, to a neighbour).
    targets = exact.groupby("LSOA11CD")["LSOA21CD"].agg(lambda x: sorted(set(x)))
    single = targets[targets.map(len) == 1].map(lambda x: x[0])
    exact_one = b["lsoa11_code"].map(single)
    changed = int((exact_one.notna() & (exact_one != b["lsoa21_code"])).sum())
    b["lsoa21_code"] = exact_one.where(exact_one.notna(), b["lsoa21_code"])
    print(f"{changed} best-fit rows replaced by the exact fit")
    b.sort_values("lsoa11_code").to_csv(
        OUT / "national-lsoa11.csv.gz", index=False, compression={"method": "gzip", "mtime": 0}
    )
    print(
        f"{len(out):,} LSOAs, {out.ward_code.nunique():,} wards, {out.lad_code.nunique()} LADs, "
        f"{out.csp_code.nunique()} CSPs, {out.force_code.nunique()} forces, "
        f"population {out.population.sum():,}; {len(b):,} 2011 LSOAs"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data"))
