#!/usr/bin/env python3
"""Compares the oracle's cells with the `aggregate` table of a region's aggregates.sqlite.

    compare.py cells.tsv outputs/<region>/aggregates.sqlite [--limit N] [--levels a,b]

Both sides hold non-zero cells only (docs/decisions.md 1): a key on one side and not on the
other is a difference, as is a different value, a stored zero, a non-integer value or a key
stored twice. Prints a count of differences per measure and the first N differences (grouped
by measure, in key order); exits 0 when the two agree, 1 on any difference, 2 when a file
cannot be read. Python 3 standard library only (sqlite3).
"""

import argparse
import os
import sqlite3
import sys
from collections import defaultdict

KEY = ("measure", "period", "region_level", "region_code", "dimension", "category")


def read_cells(path):
    cells = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 7:
                raise ValueError("%s:%d: expected 7 tab-separated columns" % (path, n))
            key = tuple(cols[:6])
            if key in cells:
                raise ValueError("%s:%d: cell listed twice" % (path, n))
            cells[key] = int(cols[6])
    return cells


def read_aggregate(path, levels):
    """The aggregate rows keyed by the six key columns, plus problems found while reading."""
    if not os.path.isfile(path):
        raise ValueError("%s: no such file" % path)
    con = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    try:
        columns = [r[1] for r in con.execute("PRAGMA table_info(aggregate)")]
        if not columns:
            raise ValueError("%s: no table `aggregate`" % path)
        missing = [c for c in KEY + ("value",) if c not in columns]
        if missing:
            raise ValueError("%s: table aggregate lacks column(s) %s" % (path, ", ".join(missing)))
        rows = {}
        problems = []
        query = "SELECT %s, value FROM aggregate" % ", ".join(KEY)
        for row in con.execute(query):
            key = tuple("" if v is None else str(v) for v in row[:6])
            if levels and key[2] not in levels:
                continue
            value = row[6]
            if key in rows:
                problems.append((key, "stored twice (%r and %r)" % (rows[key], value)))
                continue
            rows[key] = value
        return rows, problems
    except sqlite3.Error as e:
        raise ValueError("%s: %s" % (path, e))
    finally:
        con.close()


def compare(cells, rows, problems):
    diffs = list(problems)
    for key in set(cells) | set(rows):
        want, got = cells.get(key), rows.get(key)
        if got is not None and not isinstance(got, int):
            diffs.append((key, "non-integer value %r in the database (oracle %s)" % (got, want)))
        elif got == 0:
            diffs.append((key, "zero stored in the database (oracle %s)" % want))
        elif want is None:
            diffs.append((key, "only in the database: %s" % got))
        elif got is None:
            diffs.append((key, "missing from the database: oracle %s" % want))
        elif want != got:
            diffs.append((key, "database %s, oracle %s (%+d)" % (got, want, got - want)))
    diffs.sort()
    return diffs


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("cells", help="cells.tsv written by recount.py")
    ap.add_argument("database", help="outputs/<region>/aggregates.sqlite")
    ap.add_argument("--limit", type=int, default=30, help="differences to print (default 30)")
    ap.add_argument("--levels", help="compare only these region levels, comma-separated "
                    "(default: every row of the table)")
    args = ap.parse_args(argv)
    levels = set(args.levels.split(",")) if args.levels else None
    try:
        cells = read_cells(args.cells)
        if levels:
            cells = {k: v for k, v in cells.items() if k[2] in levels}
        rows, problems = read_aggregate(args.database, levels)
    except (OSError, ValueError) as e:
        print("compare: error: %s" % e, file=sys.stderr)
        return 2
    diffs = compare(cells, rows, problems)
    if not diffs:
        print("compare: %d cells agree" % len(cells))
        return 0
    per_measure = defaultdict(int)
    for key, _ in diffs:
        per_measure[key[0]] += 1
    print("compare: %d differences (oracle %d cells, database %d rows)"
          % (len(diffs), len(cells), len(rows)))
    for measure in sorted(per_measure):
        print("  %-40s %d" % (measure, per_measure[measure]))
    print("first %d:" % min(args.limit, len(diffs)))
    current = None
    for key, what in diffs[:args.limit]:
        if key[0] != current:
            current = key[0]
            print("%s:" % current)
        print("  %s  %s" % ("\t".join(key[1:]), what))
    return 1


if __name__ == "__main__":
    sys.exit(main())
