#!/usr/bin/env python3
"""Runs recount.py on every hand-counted case in cases/ and checks it against expected.tsv.

A case is a folder `cases/<name>/` with
  pipeline.yaml     the region config (layouts, vtregio, aliases)
  inputs/<source>/  the export, as it would arrive
  expected.tsv      the hand count: comment lines, then cells (the seven columns)

Comment lines of expected.tsv that drive the check:
  # scope: key=v1,v2 …   which cells are compared (keys measure, dimension, period,
                         level, region; period takes JJ, HJ, KW, MM). Several scope lines
                         are a union; no scope line compares every cell.
  # summary: <source> <entity> read=N accepted=N rejected=N [rules=r1=N,r2=N]
  # error: <text>        recount must fail, with <text> in its error message
Every other comment is the hand count's explanation. The reference data is the project's
own pipelines/reference. Exit status 0 when every case passes.

Usage: selftest.py [-v] [case …]
"""

import os
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
REFERENCE = os.path.join(ROOT, "pipelines", "reference")


def parse_expected(path):
    scopes, summaries, errors, cells = [], [], [], {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                body = line[1:].strip()
                if body.startswith("scope:"):
                    scope = {}
                    for part in body[len("scope:"):].split():
                        key, _, values = part.partition("=")
                        scope[key] = set(values.split(","))
                    scopes.append(scope)
                elif body.startswith("summary:"):
                    summaries.append(body[len("summary:"):].split())
                elif body.startswith("error:"):
                    errors.append(body[len("error:"):].strip())
                continue
            cols = line.split("\t")
            if len(cols) != 7:
                raise SystemExit("%s:%d: expected 7 tab-separated columns" % (path, n))
            key = tuple(cols[:6])
            if key in cells:
                raise SystemExit("%s:%d: cell listed twice" % (path, n))
            cells[key] = int(cols[6])
    return scopes, summaries, errors, cells


def in_scope(key, scopes):
    if not scopes:
        return True
    measure, period, level, region, dimension, _cat = key
    fields = {"measure": measure, "dimension": dimension, "period": period[4:6],
              "level": level, "region": region}
    for scope in scopes:
        if all(fields[k] in v for k, v in scope.items()):
            return True
    return False


def run_case(name, verbose):
    folder = os.path.join(HERE, "cases", name)
    scopes, summaries, errors, expected = parse_expected(os.path.join(folder, "expected.tsv"))
    problems = []
    for key in expected:
        if not in_scope(key, scopes):
            problems.append("expected.tsv lists a cell outside its scope: %s" % "\t".join(key))
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "cells.tsv")
        summary = os.path.join(tmp, "summary.tsv")
        cmd = [sys.executable, os.path.join(HERE, "recount.py"),
               "--inputs", os.path.join(folder, "inputs"),
               "--pipeline", os.path.join(folder, "pipeline.yaml"),
               "--reference", REFERENCE, "--out", out, "--summary", summary]
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True)
        if errors:
            if proc.returncode == 0:
                problems.append("recount succeeded; expected an error (%s)" % errors[0])
            for text in errors:
                if text not in proc.stderr:
                    problems.append("error message lacks %r: %s" % (text, proc.stderr.strip()))
            return problems
        if proc.returncode != 0:
            return problems + ["recount failed: %s" % proc.stderr.strip()]
        got = {}
        with open(out, encoding="utf-8") as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                got[tuple(cols[:6])] = int(cols[6])
        with open(summary, encoding="utf-8") as f:
            rows = [line.rstrip("\n").split("\t") for line in f][1:]
    table = {(r[0], r[1]): r for r in rows}
    for want in summaries:
        source, entity = want[0], want[1]
        row = table.get((source, entity))
        if row is None:
            problems.append("summary: no row for %s %s" % (source, entity))
            continue
        actual = {"read": row[2], "accepted": row[3], "rejected": row[4], "rules": row[5]}
        for item in want[2:]:
            k, _, v = item.partition("=")
            if k == "rules":
                v = ",".join(sorted(v.split(","))) if v else ""
            if actual.get(k) != v:
                problems.append("summary %s %s: %s is %s, hand count %s"
                                % (source, entity, k, actual.get(k), v))
    scoped = {k: v for k, v in got.items() if in_scope(k, scopes)}
    for key in sorted(set(scoped) | set(expected)):
        a, e = scoped.get(key), expected.get(key)
        if a != e:
            problems.append("%s: recount %s, hand count %s" % ("\t".join(key), a, e))
    if verbose:
        print("  %s: %d cells in scope, %d compared" % (name, len(scoped), len(expected)))
    return problems


def check_compare():
    """compare.py on a database built from a hand-counted case: agrees, then sees each fault."""
    case = os.path.join(HERE, "cases", "vt-csv-every-cell")
    _, _, _, cells = parse_expected(os.path.join(case, "expected.tsv"))
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        tsv = os.path.join(tmp, "cells.tsv")
        with open(tsv, "w", encoding="utf-8") as f:
            for key in sorted(cells):
                f.write("\t".join(key) + "\t%d\n" % cells[key])
        faults = [
            ("agreeing database", None, 0),
            ("one value off", "UPDATE aggregate SET value = value + 1 WHERE rowid = 5", 1),
            ("one row missing", "DELETE FROM aggregate WHERE rowid = 7", 1),
            ("an extra row", "INSERT INTO aggregate VALUES ('gestarte_adviezen', '2021JJ00', "
             "'gemeente', 'GM0599', 'totaal', 'totaal', 1, 'x')", 1),
            ("a stored zero", "INSERT INTO aggregate VALUES ('gestarte_adviezen', '2021JJ00', "
             "'gemeente', 'GM0606', 'totaal', 'totaal', 0, 'x')", 1),
            ("a key stored twice", "INSERT INTO aggregate SELECT * FROM aggregate WHERE rowid = 3",
             1),
        ]
        for n, (what, sql, want) in enumerate(faults):
            db = os.path.join(tmp, "aggregates-%d.sqlite" % n)
            con = sqlite3.connect(db)
            con.execute("CREATE TABLE aggregate (measure TEXT, period TEXT, region_level TEXT, "
                        "region_code TEXT, dimension TEXT, category TEXT, value INTEGER, "
                        "run TEXT)")
            con.executemany("INSERT INTO aggregate VALUES (?, ?, ?, ?, ?, ?, ?, 'r1')",
                            [key + (v,) for key, v in sorted(cells.items())])
            if sql:
                con.execute(sql)
            con.commit()
            con.close()
            proc = subprocess.run([sys.executable, os.path.join(HERE, "compare.py"), tsv, db],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  universal_newlines=True)
            if proc.returncode != want:
                problems.append("compare.py on %s: exit %d, expected %d\n%s"
                                % (what, proc.returncode, want, proc.stdout + proc.stderr))
    return problems


def main(argv):
    verbose = "-v" in argv
    names = [a for a in argv if a != "-v"] or sorted(
        d for d in os.listdir(os.path.join(HERE, "cases"))
        if os.path.isfile(os.path.join(HERE, "cases", d, "expected.tsv")))
    failed = 0
    for name in names:
        problems = run_case(name, verbose)
        if problems:
            failed += 1
            print("FAIL %s" % name)
            for p in problems[:40]:
                print("     " + p)
            if len(problems) > 40:
                print("     … %d more" % (len(problems) - 40))
        else:
            print("ok   %s" % name)
    print("%d of %d oracle cases passed" % (len(names) - failed, len(names)))
    problems = check_compare()
    for p in problems:
        print("FAIL compare.py: " + p)
    if problems:
        failed += 1
    else:
        print("ok   compare.py (agrees; finds value off, row missing, extra row, zero, key twice)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
