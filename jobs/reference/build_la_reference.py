#!/usr/bin/env python3
"""Builds jobs/reference/la-reference.csv, Sightline's built-in national LA reference, from public files.

Usage (from the repository root; the folder holds the three files exactly as published):
    python3 jobs/reference/build_la_reference.py src/test/resources/real-files/dfe > jobs/reference/la-reference.csv

Sources (DfE and ONS, Crown copyright, Open Government Licence v3.0):
  ons_mid-year_population_estimates_2012_to_2024.csv    ONS mid-year estimates of children aged 0 to 17, as DfE
                                                         republishes them: codes, names, regions, populations
  sn_model_2025_wide.csv                                 DfE statistical neighbours, 2025 model
  New_Statistical_Neighbour_Groupings_April_2021.csv     DfE statistical neighbours, 2021 model (repeated
                                                         header names, a trailing comma, an "Old SNs:" block)

One row per local authority: the LAs of the latest ONS year (the current ones), then the retired LAs the
sources still name (listed in RETIRED below, with their successors: the one fact no source file states).
Only the standard library is used, so the test (LaReferenceBuildTest) can re-run this script on the raw
files and compare its output with the committed CSV byte for byte.
"""
import csv
import sys
from pathlib import Path

# Retired authorities: DfE code -> (last day it existed, DfE codes of the authorities that took over its area).
RETIRED = {
    "835": ("2019-03-31", ["838", "839"]),  # Dorset county council -> Dorset; Christchurch went to BCP
    "836": ("2019-03-31", ["839"]),         # Poole -> Bournemouth, Christchurch and Poole
    "837": ("2019-03-31", ["839"]),         # Bournemouth -> Bournemouth, Christchurch and Poole
    "928": ("2021-03-31", ["940", "941"]),  # Northamptonshire -> North / West Northamptonshire
    "909": ("2023-03-31", ["942", "943"]),  # Cumbria -> Cumberland / Westmorland and Furness
}

REGIONS = {
    "north east": "NORTH_EAST", "north west": "NORTH_WEST", "yorkshire and the humber": "YORKSHIRE_AND_THE_HUMBER",
    "east midlands": "EAST_MIDLANDS", "west midlands": "WEST_MIDLANDS", "east of england": "EAST_OF_ENGLAND",
    "london": "LONDON", "inner london": "LONDON", "outer london": "LONDON", "london (inner)": "LONDON",
    "london (outer)": "LONDON", "south east": "SOUTH_EAST", "south west": "SOUTH_WEST",
}

COLUMNS = ["la_code", "gss_code", "la_name", "other_names", "former_gss_codes", "region", "statistical_neighbours",
           "statistical_neighbours_2021", "population_0_17", "population_year", "successor_la_codes", "ceased_on"]


def rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def neighbours(table, code_col, first_sn_col):
    """DfE code -> its ten neighbours (every other column from the first SN column: SN1, SNP, SN2, SNP...)."""
    out = {}
    for r in table[1:]:
        if not r or not r[code_col].strip().isdigit():
            continue   # blank lines and the "Old SNs:" label
        sns = [r[i].strip() for i in range(first_sn_col, min(len(r), first_sn_col + 20), 2) if r[i].strip()]
        out.setdefault(r[code_col].strip(), (r, sns))
    return out


def main(folder):
    folder = Path(folder)
    ons = rows(folder / "ons_mid-year_population_estimates_2012_to_2024.csv")
    head = ons[0]
    ix = {name: head.index(name) for name in head}
    la_rows = [r for r in ons[1:] if r and r[ix["geographic_level"]] == "Local authority"
               and r[ix["age_group"]] == "Children aged 0 to 17 years"]
    latest_year = max(int(r[ix["time_period"]]) for r in la_rows)

    info = {}   # code -> dict
    for r in sorted(la_rows, key=lambda r: int(r[ix["time_period"]])):   # later years win
        code = r[ix["old_la_code"]].strip()
        d = info.setdefault(code, {"names": [], "gss": [], "year": 0})
        name, gss = r[ix["la_name"]].strip(), r[ix["new_la_code"]].strip()
        if name not in d["names"]:
            d["names"].append(name)
        if gss not in d["gss"]:
            d["gss"].append(gss)
        d.update(name=name, gss_code=gss, region=REGIONS[r[ix["region_name"]].strip().lower()], year=int(r[ix["time_period"]]))
        if r[ix["population_estimate"]].strip().isdigit():   # the latest published estimate ('x' is suppressed)
            d.update(population=r[ix["population_estimate"]].strip(), population_year=int(r[ix["time_period"]]))

    sn25 = neighbours(rows(folder / "sn_model_2025_wide.csv"), 0, 4)
    sn21 = neighbours(rows(folder / "New_Statistical_Neighbour_Groupings_April_2021.csv"), 0, 5)
    for table, name_col in ((sn25, 1), (sn21, 1)):
        for code, (r, _) in table.items():
            name = r[name_col].strip().replace(" (Pre LG)", "")
            if code in info and name not in info[code]["names"]:
                info[code]["names"].append(name)

    current = sorted(c for c, d in info.items() if d["year"] == latest_year)
    missing = [c for c in RETIRED if c not in info]
    if missing:
        raise SystemExit("retired LAs not in the ONS file: " + ", ".join(missing))
    stale = [c for c, d in info.items() if d["year"] != latest_year and c not in RETIRED]
    if stale:
        raise SystemExit("LAs missing from the latest ONS year and not listed as retired: " + ", ".join(stale))

    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(COLUMNS)
    for code in current + sorted(RETIRED):
        d = info[code]
        ceased, successors = RETIRED.get(code, ("", []))
        others = [n for n in d["names"] if n != d["name"]]
        former = [g for g in d["gss"] if g != d["gss_code"]]
        w.writerow([code, d["gss_code"], d["name"], "; ".join(others), ", ".join(former), d["region"],
                    ", ".join(sn25[code][1]) if code in sn25 else "", ", ".join(sn21[code][1]) if code in sn21 else "",
                    d.get("population", ""), d.get("population_year", ""), ", ".join(successors), ceased])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/real-files/dfe")
