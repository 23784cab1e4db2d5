"""Writes the extra tuning series of the quality suite from statsmodels' bundled datasets (run
once; the CSVs are committed). They were added as tuning series, to give the automatic choices
short histories, level shifts and slow trends to be measured on, and were chosen by their shape
before any model was trained on them.

Usage: python extract-tuning-extra.py   (needs statsmodels and pandas)
"""
from pathlib import Path

import pandas as pd
from statsmodels.datasets import danish_data, fertility, interest_inflation, macrodata

OUT = Path(__file__).resolve().parent


def quarter_start(year, quarter):
    return year.astype(int).astype(str) + "-" + ((quarter.astype(int) - 1) * 3 + 1).map("{:02d}".format) + "-01"


# Johansen & Juselius' Danish money demand data: log real money, quarterly 1974-1987 (55 values).
d = danish_data.load().data
pd.DataFrame({"quarter": d.index.strftime("%Y-%m-%d"), "log_real_money": d["lrm"].values}).to_csv(
    OUT / "danish-money-quarterly.csv", index=False
)

# German long-term interest rate and inflation, quarterly 1972-1998.
i = interest_inflation.load().data
pd.DataFrame({"quarter": quarter_start(i["year"], i["quarter"]), "rate": i["R"], "inflation": i["Dp"]}).to_csv(
    OUT / "german-rates-quarterly.csv", index=False
)

# US treasury bill rate and real investment, quarterly 1959-2009 (the columns macrodata's other extract leaves out).
m = macrodata.load().data
pd.DataFrame(
    {"quarter": quarter_start(m["year"], m["quarter"]), "tbill_rate": m["tbilrate"], "real_investment": m["realinv"]}
).to_csv(OUT / "us-rates-investment-quarterly.csv", index=False)

# World Bank fertility rates (births per woman), yearly 1960-2013, for three countries.
f = fertility.load().data
rows = []
for country in ["Japan", "Brazil", "Ireland"]:
    row = f[f["Country Name"] == country].iloc[0]
    for year in range(1960, 2014):
        value = row[str(year)]
        if pd.notna(value):
            rows.append({"country": country, "year": f"{year}-01-01", "fertility": value})
pd.DataFrame(rows).to_csv(OUT / "fertility-yearly.csv", index=False)
