#!/usr/bin/env python3
"""Table of a side-by-side session: figure unit lianbao vanilla ratio spread.

  python3 bench/pairs.py --vanilla-bench target/vanilla --vanilla V1 V2 V3 --lianbao L1 L2 L3

Runs are paired in order (V1 with L1, ...). Figures are read, and their direction (throughput higher
is better, latency lower) taken, with the baseline's own compare.py. lianbao and vanilla are the medians
over the runs; ratio = lianbao / vanilla; spread = lowest-highest ratio of the single pairs. A figure the
baseline does not have (or a count) gets "-" as ratio. A warning names a baseline run that deviates more
than 30 % from the baseline's median in a key figure (README of the baseline: run that pair again).
"""
import argparse
import importlib.util
import os
import statistics
import sys

KEY = ("start_instances_throughput", "complete_tasks_throughput", "escalation_burst_throughput")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--vanilla-bench", default="target/vanilla", help="folder holding the baseline's compare.py")
    ap.add_argument("--vanilla", nargs="+", required=True)
    ap.add_argument("--lianbao", nargs="+", required=True)
    args = ap.parse_args()
    spec = importlib.util.spec_from_file_location("compare", os.path.join(args.vanilla_bench, "compare.py"))
    compare = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(compare)

    vanilla = [compare.load(f) for f in args.vanilla]
    lianbao = [compare.load(f) for f in args.lianbao]
    names = []
    for run in lianbao:
        names += [n for n in run if n not in names]

    def fmt(v):
        return f"{v:.3g}" if abs(v) < 1000 else f"{v:.0f}"

    print(f"{'figure':44s} {'unit':12s} {'lianbao':>10s} {'vanilla':>10s} {'ratio':>6s}  spread")
    for name in names:
        ls = [r[name][0] for r in lianbao if name in r]
        unit = next(r[name][1] for r in lianbao if name in r)
        lmed = statistics.median(ls)
        vs = [r[name][0] for r in vanilla if name in r]
        if not vs or compare.direction(name) == 0:
            print(f"{name:44s} {unit:12s} {fmt(lmed):>10s} {(fmt(statistics.median(vs)) if vs else '-'):>10s} {'-':>6s}  -")
            continue
        vmed = statistics.median(vs)
        ratio = lmed / vmed if vmed else float("nan")
        per_pair = [l[name][0] / v[name][0] for l, v in zip(lianbao, vanilla)
                    if name in l and name in v and v[name][0]]
        spread = f"{min(per_pair):.2f}-{max(per_pair):.2f}" if per_pair else "-"
        print(f"{name:44s} {unit:12s} {fmt(lmed):>10s} {fmt(vmed):>10s} {ratio:6.2f}  {spread}")
    for name in KEY:
        vs = [(f, r[name][0]) for f, r in zip(args.vanilla, vanilla) if name in r]
        if len(vs) < 2:
            continue
        med = statistics.median(v for _, v in vs)
        for f, v in vs:
            if med and abs(v - med) / med > 0.3:
                print(f"# WARNING: {f}: {name} {v:.1f} deviates {100 * (v - med) / med:+.0f} % from the baseline median "
                      f"{med:.1f}: run that pair again", file=sys.stdout)


if __name__ == "__main__":
    main()
