#!/usr/bin/env python3
"""Sweep of the automatic start/finish line over generated sessions (figures, not pass/fail).

Every venue of racesense-gen-session at 1, 10 and 25 Hz over SEEDS seeds, each session with its own
GPS error (2.5-3.5 m), dropouts, a short or a two-minute wait in the pit box and, on every fourth
seed, a pit stop in mid-session. Each session is analysed twice by racesense-analyze: on a fresh
install (automatic line) and with the venue's official line (the generator's tracks.json). Printed
per venue and rate, for the automatic line: its lap count against the generator's own (the
generator's crossings of its official line, computed apart from the analyser): equal, off by one, off
by more; how often it equals the official line's count (that line misses a crossing where a dropout
or the GPS error takes the car past its ends); and, where the counts agree, the worst mean lap time
against the generator's (laps that hold a pit stop left out).

Issue 7's rule for real sessions: automatic = official on at least 4 of 5, never off by more than
one, mean lap time within 1.5 %. The analyser's rules (docs/protocol.md section 4) are heuristics;
run this before and after changing them.

Usage: scripts/sweep-auto-line.py   (env: BUILD_DIR=build, SEEDS=8, JOBS=2)
"""
import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, os.environ.get("BUILD_DIR", "build"))
GEN = os.path.join(BUILD, "server/laps/racesense-gen-session")
ANALYZE = os.path.join(BUILD, "server/laps/racesense-analyze")
RATES = [1, 10, 25]


def generator_venues():
    """The venues the generator knows, as its --help lists them (--venue TEXT:{a,b,...})."""
    text = subprocess.run([GEN, "--help"], capture_output=True, text=True, check=True).stdout
    found = re.search(r"--venue TEXT:\{([^}]*)\}", text)
    if not found:
        sys.exit(f"{GEN} --help lists no venues")
    return found.group(1).split(",")


def session_options(seed):
    return {
        "--noise-m": 2.5 + 0.5 * (seed % 3),
        "--pit-wait-s": 15 if seed % 2 else 120,
        "--pit-stops": 1 if seed % 4 == 0 else 0,
        "--laps": 4 + seed % 5,
        "--dropouts": 2,
        "--seed": seed,
    }


def run_json(args):
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{os.path.basename(args[0])} failed: {done.stderr.strip() or done.stdout.strip()}")
    return json.loads(done.stdout)


def timed_laps_ms(analysis):
    """The laps without those that hold a pit stop (over 1.5 times the median lap)."""
    times = sorted(l["time_ms"] for l in analysis.get("laps", []))
    if not times:
        return []
    median = times[len(times) // 2]
    return [t for t in times if t <= 1.5 * median]


def one_session(folder, venue, rate, seed):
    csv = os.path.join(folder, f"{venue}-{rate}-{seed}.csv")
    tracks = csv[:-4] + ".json"
    args = [GEN, "--venue", venue, "--rate-hz", str(rate), "--out", csv, "--tracks-out", tracks]
    for key, value in session_options(seed).items():
        args += [key, str(value)]
    truth = run_json(args)
    automatic = run_json([ANALYZE, csv])
    official = run_json([ANALYZE, "--tracks", tracks, csv])
    os.remove(csv)
    os.remove(tracks)
    return venue, rate, seed, truth, official, automatic


def main():
    for tool in (GEN, ANALYZE):
        if not os.access(tool, os.X_OK):
            sys.exit(f"{tool} is missing: build first (scripts/build.sh)")
    venues = generator_venues()
    seeds = int(os.environ.get("SEEDS", "8"))
    jobs = int(os.environ.get("JOBS", "2"))
    with tempfile.TemporaryDirectory() as folder, ThreadPoolExecutor(jobs) as pool:
        work = [(folder, v, r, s) for v in venues for r in RATES for s in range(1, seeds + 1)]
        results = list(pool.map(lambda w: one_session(*w), work))

    print(f"automatic line on {len(results)} generated sessions ({seeds} seeds per venue and rate); 'generator':"
          " its own crossings of the official line; 'official': the analyser with the official line")
    print(f"{'venue':<10}{'Hz':>4}{'= generator':>13}{'off 1':>7}{'off >1':>8}{'= official':>12}{'worst mean lap':>16}")
    totals = {"gen": 0, "one": 0, "more": 0, "official": 0, "worst": 0.0}
    notes = []
    for venue in venues:
        for rate in RATES:
            rows = [r for r in results if r[0] == venue and r[1] == rate]
            row = {"gen": 0, "one": 0, "more": 0, "official": 0, "worst": 0.0}
            for _, _, seed, truth, official, automatic in rows:
                expected = truth["expected_laps"]
                got, official_laps = len(automatic.get("laps", [])), len(official.get("laps", []))
                off = abs(got - expected)
                row["gen"] += off == 0
                row["one"] += off == 1
                row["more"] += off > 1
                row["official"] += got == official_laps
                where = f"{venue} {rate} Hz seed {seed}: automatic {got}, generator {expected}, official {official_laps}"
                timed, driven = timed_laps_ms(automatic), truth["lap_times_ms"]
                if off == 0 and len(timed) == len(driven) and driven:
                    ref = sum(driven) / len(driven)
                    diff = abs(sum(timed) / len(timed) - ref) / ref
                    row["worst"] = max(row["worst"], diff)
                    if diff > 0.015:
                        notes.append(f"{where}; mean lap {100 * diff:.1f} % off the generator's")
                elif off:
                    notes.append(where)
            print(f"{venue:<10}{rate:>4}{row['gen']:>9}/{len(rows):<3}{row['one']:>6}{row['more']:>8}"
                  f"{row['official']:>8}/{len(rows):<3}{100 * row['worst']:>15.2f}%")
            for key in ("gen", "one", "more", "official"):
                totals[key] += row[key]
            totals["worst"] = max(totals["worst"], row["worst"])
    n = len(results)
    print(f"all: automatic = generator on {totals['gen']}/{n}, off by one {totals['one']}, off by more {totals['more']};"
          f" automatic = official line on {totals['official']}/{n} ({100 * totals['official'] / n:.1f} %),"
          f" worst mean lap against the generator's {100 * totals['worst']:.2f} % (issue 7 on real sessions: >= 80 %,"
          " never off by more than one, within 1.5 %)")
    print("  the official line misses a crossing where a dropout or the GPS error takes the car past its ends;"
          " 'off' counts against the generator")
    for note in notes:
        print("  differs:", note)

if __name__ == "__main__":
    main()
