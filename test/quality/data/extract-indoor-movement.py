"""Writes indoor-movement.csv from the UCI "Indoor User Movement Prediction from RSS data" archive.

    python extract-indoor-movement.py path/to/IndoorMovement.zip

One row per time step of each of the 314 recorded movements: the movement's number, the step,
the radio signal strength from the four anchors (rescaled to [-1, 1] by the authors), and whether
the movement leads into the other room (the archive's class +1) or stays in the same one (-1).
"""
import csv
import io
import re
import sys
import zipfile
from pathlib import Path

archive = zipfile.ZipFile(sys.argv[1])
names = archive.namelist()


def rows(name):
    text = archive.read(name).decode("utf-8")
    return [r for r in csv.reader(io.StringIO(text)) if r and not r[0].startswith("#")]


target_name = next(n for n in names if n.endswith("MovementAAL_target.csv"))
labels = {int(r[0]): ("changes room" if r[1].strip() == "1" else "same room") for r in rows(target_name)}
pattern = re.compile(r"MovementAAL_RSS_(\d+)\.csv$")
recordings = sorted((int(m.group(1)), n) for n in names if (m := pattern.search(n)))
out = Path(__file__).parent / "indoor-movement.csv"
with out.open("w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["movement", "step", "anchor1", "anchor2", "anchor3", "anchor4", "destination"])
    for number, name in recordings:
        for step, r in enumerate(rows(name)):
            w.writerow([f"m{number:03d}", step, *[v.strip() for v in r], labels[number]])
print(f"{len(recordings)} movements written to {out}")
