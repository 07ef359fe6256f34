#!/usr/bin/env python3
"""Prints tools/bench's one table from the figures its steps left in build/bench.
usage: table.py OUT_DIR BIG_CREATORS BIG_POSTS SIZE..."""
import json
import os
import platform
import subprocess
import sys


def load(path):
    with open(path) as f:
        return json.loads(f.read().strip().splitlines()[-1])


def cpu():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return "?"


def main():
    out, big_c, big_p = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    sizes = [int(s) for s in sys.argv[4:]]
    runs = {n: {k: load(f"{out}/orders-{n}/{k}.json") for k in ("native", "wasm", "pandas")} for n in sizes}
    app = load(f"{out}/app.json")
    largest = sizes[-1]

    def label(n):
        return f"{n // 1000000} M" if n >= 1000000 else f"{n // 1000} k"

    rows = []  # (figure, [per size], target, verdict)

    def verdict(ok):
        return "met" if ok else "MISSED"

    def per_size(name, fn, target="", check=None):
        vals = [fn(runs[n]) for n in sizes]
        v = ""
        if check is not None:
            v = verdict(check(runs[largest]))
        rows.append((name, vals, target, v))

    per_size("order lines / CSV MB", lambda r: f"{r['native']['rows']:,} / {r['native']['csv_mb']:.1f}")
    per_size("creators / posts", lambda r: f"{r['native']['creators']:,} / {r['native']['posts']:,}")
    per_size("CSV import, native (MB/s)", lambda r: f"{r['native']['import_mb_s']:.0f}")
    per_size("CSV import, wasm (MB/s)", lambda r: f"{r['wasm']['import_mb_s']:.0f}", ">= 100 MB/s",
             lambda r: min(runs[n]["wasm"]["import_mb_s"] for n in sizes) >= 100)
    per_size("review recompute, native (ms)", lambda r: f"{r['native']['recompute_ms']:.1f}")
    per_size("review recompute, wasm (ms)", lambda r: f"{r['wasm']['recompute_ms']:.1f}", "<= 100 ms at 1 M",
             lambda r: max(r["native"]["recompute_ms"], r["wasm"]["recompute_ms"]) <= 100)
    per_size("report: pandas (ms)", lambda r: f"{r['pandas']['pandas_ms']:.0f}")
    per_size("report: native (ms) / x pandas",
             lambda r: f"{r['native']['report_ms']:.0f} / {r['pandas']['pandas_ms'] / r['native']['report_ms']:.1f}x",
             ">= 10x", lambda r: all(runs[n]["pandas"]["pandas_ms"] / runs[n]["native"]["report_ms"] >= 10 for n in sizes))
    per_size("report: wasm (ms) / x pandas",
             lambda r: f"{r['wasm']['report_ms']:.0f} / {r['pandas']['pandas_ms'] / r['wasm']['report_ms']:.1f}x",
             ">= 5x", lambda r: all(runs[n]["pandas"]["pandas_ms"] / runs[n]["wasm"]["report_ms"] >= 5 for n in sizes))

    def agree(r):
        a = r["pandas"].get("report-native.csv", {}).get("agree")
        b = r["pandas"].get("report-wasm.csv", {}).get("agree")
        return "yes" if a and b else "NO"
    per_size("app and pandas reports agree", agree, "same numbers",
             lambda r: all(agree(runs[n]) == "yes" for n in sizes))

    n, w = runs[largest]["native"], runs[largest]["wasm"]
    width = 34 + 18 * len(sizes)
    print(f"Spark Roster benchmarks: {cpu()}, {os.cpu_count()} cores; pandas {runs[largest]['pandas']['pandas_version']}, "
          f"Node {version(['node', '--version'])}")
    head = f"{'figure':34}" + "".join(f"{label(s):>18}" for s in sizes) + f"  {'target':18} verdict"
    print(head)
    print("-" * len(head))
    for name, vals, target, v in rows:
        print(f"{name:34}" + "".join(f"{x:>18}" for x in vals) + f"  {target:18} {v}")
    print("-" * len(head))
    one = lambda name, value, target="", v="": print(f"{name:34}{value:>{18 * len(sizes)}}  {target:18} {v}")
    one(f"backup at {label(largest)}: size (MB)", f"{n['backup_mb']:.1f}")
    one("backup export native / wasm (ms)", f"{n['export_ms']:.0f} / {w['export_ms']:.0f}")
    one("backup import native / wasm (ms)", f"{n['backup_import_ms']:.0f} / {w['backup_import_ms']:.0f}")
    one("app transfer, gzip (KB)", f"{app['transfer_gzip_kb']:.0f} (wasm {app['wasm_gzip_kb']:.0f}; raw {app['transfer_kb']:.0f})",
        "<= 1024 KB", verdict(app["transfer_gzip_kb"] <= 1024))
    one("first frame, first visit (ms)", f"{app['first_frame_ms']:.0f}")
    big = f"{big_c // 1000} k creators, {big_p // 1000} k posts, {app['program_mb']:.0f} MB"
    print(f"browser, large program ({big}):")
    one("  import backup (ms)", f"{app['import_ms']:.0f}")
    one("  load from storage, first frame (ms)", f"{app['stored_load_first_frame_ms']:.0f}")
    one("  longest task to first frame (ms)", f"{app['stored_load_longest_task_ms']:.0f}")
    if "stored_load_ready_ms" in app:
        one("  load from storage, program in (ms)", f"{app['stored_load_ready_ms']:.0f}")
        one("  longest task until then (ms)", f"{app['stored_load_ready_longest_task_ms']:.0f}")
    one("  save: total (ms)", f"{app['save_ms']:.0f}")
    one("  change frame before the save (ms)", f"{app['change_frame_ms']:.0f}")
    one("  save: longest task after it (ms)", f"{app['save_longest_task_ms']:.0f}", "<= 100 ms",
        verdict(app["save_longest_task_ms"] <= 100))
    one("  save: long tasks (ms)", " ".join(str(x) for x in app["save_long_tasks"][:12]))
    one("  roster scroll frame CPU med/p95", f"{app['scroll_median_ms']:.1f} / {app['scroll_p95_ms']:.1f} ms",
        "<= 8 ms", verdict(app["scroll_p95_ms"] <= 8))
    imp = load(f"{out}/import-browser.json")
    print(f"browser, {label(imp['rows'])}-line orders CSV ({imp['csv_mb']:.0f} MB) through the Data screen:")
    one("  read with progress (ms / frames)", f"{imp['screen_read_ms']:,} / {imp['screen_frames']}",
        "finishes", verdict(imp["summary"].find(" imported") > 0))
    one("  longest frame while reading (ms)", f"{imp['screen_longest_frame_ms']:.0f}")
    one("  add the orders and save (ms)", f"{imp['screen_apply_save_ms']:,}")
    one("  page API importCsv, all of it (ms)", f"{imp['api_ms']:,}")
    for s in sizes:
        for k in ("report-native.csv", "report-wasm.csv"):
            d = runs[s]["pandas"].get(k, {})
            if not d.get("agree"):
                print(f"{label(s)} {k}: {d.get('detail', 'not compared')}")


main()
