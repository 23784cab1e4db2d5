"""Writes the tuning part's small sequence classification case (run once; the CSV is committed).

Added at stop 33 to give the defaults for small, noisy sequence classification something to be
tuned on that is not held out: the tuning part's two classification cases score 0.97–1.00 and cannot
tell defaults apart. Chosen by its shape (weekly recordings of daily weather, four seasons, a few
hundred weeks) before any model was trained on it, from a different city, source and instrument set
than any held-out file.

Usage: python extract-tuning-classification.py POLLUTION_CSV
  POLLUTION_CSV: the UCI "Beijing PM2.5 Data" file (hourly, 2010-2014; e.g. `pollution.csv` of
  github.com/jbrownlee/Datasets). Needs pandas.
"""
import sys
from pathlib import Path

import pandas as pd

OUT = Path(__file__).resolve().parent

h = pd.read_csv(sys.argv[1])
h["date"] = pd.to_datetime(h[["year", "month", "day"]])
# Each day from its 24 hourly readings: temperature range, dew point and pressure means, the day's
# greatest cumulated wind speed, and the hours of rain or snow.
d = h.groupby("date").agg(
    temp_max=("TEMP", "max"),
    temp_min=("TEMP", "min"),
    dew_point=("DEWP", "mean"),
    pressure=("PRES", "mean"),
    wind=("Iws", "max"),
).reset_index()
wet = h.assign(wet=(h["Ir"] > 0) | (h["Is"] > 0)).groupby("date")["wet"].sum()
d["wet_hours"] = d["date"].map(wet).astype(int)
d["dew_point"] = d["dew_point"].round(1)
d["pressure"] = d["pressure"].round(1)
d["wind"] = d["wind"].round(2)

# Each calendar week (Monday to Sunday) is one recording of seven days, labelled with the
# meteorological season its Thursday falls in, as for the held-out Seattle weeks.
d["week"] = d["date"].dt.to_period("W-SUN").astype(str).str[:10]
full = d.groupby("week").filter(lambda g: len(g) == 7)
season = {12: "winter", 1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring",
          6: "summer", 7: "summer", 8: "summer", 9: "autumn", 10: "autumn", 11: "autumn"}
label = full.groupby("week")["date"].apply(lambda s: season[s.iloc[3].month])
full = full.assign(season=full["week"].map(label), day=full["date"].dt.dayofweek)
full[["week", "day", "temp_max", "temp_min", "dew_point", "pressure", "wind", "wet_hours", "season"]].to_csv(
    OUT / "beijing-weeks-season.csv", index=False
)
