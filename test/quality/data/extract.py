"""Writes the quality suite's public series as small CSVs (run once; the CSVs are committed).

Usage: python extract.py VEGA_DATA_DIR
  VEGA_DATA_DIR: the data/ folder of the npm package vega-datasets 3.2.1 (`npm pack vega-datasets@3.2.1`).
Needs statsmodels (its bundled datasets) and pandas.
"""
import json
import sys
from pathlib import Path

import pandas as pd
from statsmodels.datasets import co2, elec_equip, macrodata, sunspots

OUT = Path(__file__).resolve().parent
vega = Path(sys.argv[1])

# Eurostat turnover index, manufacture of electrical equipment, euro area, monthly, not seasonally adjusted.
e = elec_equip.load().data
pd.DataFrame({"month": e.index.strftime("%Y-%m-%d"), "turnover": e.iloc[:, 0].values}).to_csv(
    OUT / "elec-equip-monthly.csv", index=False
)

# Mauna Loa weekly CO2: monthly means; the few months with no reading are interpolated.
c = co2.load().data["co2"].resample("MS").mean().interpolate()
pd.DataFrame({"month": c.index.strftime("%Y-%m-%d"), "co2": c.round(2).values}).to_csv(
    OUT / "co2-monthly.csv", index=False
)

s = sunspots.load().data
pd.DataFrame({"year": s["YEAR"].astype(int), "sunspots": s["SUNACTIVITY"]}).to_csv(
    OUT / "sunspots-yearly.csv", index=False
)

m = macrodata.load().data
quarter_start = m["year"].astype(int).astype(str) + "-" + ((m["quarter"].astype(int) - 1) * 3 + 1).map("{:02d}".format) + "-01"
pd.DataFrame({"quarter": quarter_start, "unemployment": m["unemp"], "cpi": m["cpi"]}).to_csv(
    OUT / "us-macro-quarterly.csv", index=False
)

# Vega: unemployed people per industry (thousands), monthly 2000-2010, long format.
rows = json.loads((vega / "unemployment-across-industries.json").read_text())
keep = {"Agriculture", "Finance", "Manufacturing"}
u = pd.DataFrame([r for r in rows if r["series"] in keep])
u["month"] = u["year"].astype(str) + "-" + u["month"].map("{:02d}".format) + "-01"
u[["series", "month", "count"]].rename(columns={"series": "industry", "count": "unemployed"}).to_csv(
    OUT / "unemployment-industries-monthly.csv", index=False
)

w = pd.read_csv(vega / "seattle-weather.csv")
w[["date", "temp_max", "precipitation"]].to_csv(OUT / "seattle-weather-daily.csv", index=False)

g = pd.read_csv(vega / "global-temp.csv")
g.rename(columns={"temp": "anomaly"}).to_csv(OUT / "global-temperature-yearly.csv", index=False)

# Sequence classification: each calendar week (Monday to Sunday) of Seattle weather is one recording of
# seven days, labelled with the meteorological season its Thursday falls in.
w = pd.read_csv(vega / "seattle-weather.csv", parse_dates=["date"])
w["week"] = w["date"].dt.to_period("W-SUN").astype(str).str[:10]
full = w.groupby("week").filter(lambda g: len(g) == 7)
season = {12: "winter", 1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring",
          6: "summer", 7: "summer", 8: "summer", 9: "autumn", 10: "autumn", 11: "autumn"}
label = full.groupby("week")["date"].apply(lambda d: season[d.iloc[3].month])
full = full.assign(season=full["week"].map(label), day=full["date"].dt.dayofweek)
full[["week", "day", "temp_max", "temp_min", "precipitation", "wind", "season"]].to_csv(
    OUT / "seattle-weeks-season.csv", index=False
)

# Per-step labeling: the same full weeks, each day labelled with the weather the record names for it
# (sun, rain, drizzle, fog or snow).
full[["week", "day", "temp_max", "temp_min", "precipitation", "wind", "weather"]].to_csv(
    OUT / "seattle-weeks-weather.csv", index=False
)
