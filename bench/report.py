#!/usr/bin/env python3
"""The per-creator weekly report an analyst would compute with pandas from the same files the
app imports: DIR/orders.csv (TikTok Shop affiliate orders) and DIR/posts.csv (clicks per post).

Same rules as the app's orders importer (docs/rules.md, "Orders import"): a line exported twice
(same Order ID and SKU ID) counts once; Payment Amount 0 is a sample, not an order; LIVE orders
and orders whose creator or content is not on the roster are left out; commission is the actual
payment when there is one, else the estimate, and 0 for ineligible orders.

usage: report.py DIR [REPORT.csv ...]   prints one JSON object: the time pandas took and, for each
REPORT.csv (the app's report), whether every figure agrees.
"""
import json
import sys
import time

import pandas as pd


def weekly_report(d):
    orders = pd.read_csv(f"{d}/orders.csv", dtype={"Order ID": str, "SKU ID": str, "Content ID": str,
                                                   "Creator Username": str, "Product ID": str})
    posts = pd.read_csv(f"{d}/posts.csv", dtype={"Content ID": str, "Creator Username": str})
    o = orders.drop_duplicates(subset=["Order ID", "SKU ID"])
    o = o[(o["Payment Amount"] > 0) & ~o["Content Type"].str.lower().str.contains("live", na=False)]
    o = o.merge(posts[["Content ID", "Creator Username"]], on=["Content ID", "Creator Username"], how="inner")
    commission = o["Actual Commission Payment"].fillna(o["Est. standard commission payment"]).fillna(0)
    commission = commission.where(o["Order Status"].str.lower() != "ineligible", 0)
    refunded = o["Fully returned or refunded"].str.lower().isin(["yes", "y", "true", "1"])
    o = o.assign(commission=commission, refunds=o["Payment Amount"].where(refunded, 0))
    g = o.groupby("Creator Username").agg(orders=("Order ID", "nunique"), gmv=("Payment Amount", "sum"),
                                          refunds=("refunds", "sum"), commission=("commission", "sum"))
    clicks = posts.groupby("Creator Username")["Product clicks"].sum().rename("clicks")
    g = g.join(clicks, how="left").fillna({"clicks": 0})
    g["conversion"] = (g["orders"] / g["clicks"]).where(g["clicks"] > 0, 0.0)
    return g.sort_index()


def compare(ours, path):
    app = pd.read_csv(path, dtype={"creator": str}).set_index("creator").sort_index()
    if list(app.index) != list(ours.index):
        missing = sorted(set(ours.index) - set(app.index))[:3]
        extra = sorted(set(app.index) - set(ours.index))[:3]
        return False, f"creators differ ({len(app)} vs {len(ours)}; missing {missing}, extra {extra})"
    for col, tol in (("orders", 0), ("clicks", 0), ("gmv", 0.006), ("refunds", 0.006), ("commission", 0.006),
                     ("conversion", 1e-6)):
        diff = (app[col].astype(float) - ours[col].astype(float)).abs()
        if (diff > tol).any():
            who = diff.idxmax()
            return False, f"{col} differs for @{who}: app {app.loc[who, col]}, pandas {ours.loc[who, col]}"
    return True, f"{len(app)} creators agree on orders, GMV, refunds, commission, clicks and conversion"


def main():
    d = sys.argv[1]
    # CPU time, like the app's figures: on a shared machine wall time counts whatever else runs.
    t0 = time.process_time()
    report = weekly_report(d)
    ms = (time.process_time() - t0) * 1000
    out = {"pandas_ms": round(ms, 1), "pandas_version": pd.__version__, "creators": int(len(report)),
           "orders": int(report["orders"].sum()), "gmv": round(float(report["gmv"].sum()), 2)}
    for path in sys.argv[2:]:
        ok, why = compare(report, path)
        out[path.rsplit("/", 1)[-1]] = {"agree": ok, "detail": why}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
