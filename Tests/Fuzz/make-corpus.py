#!/usr/bin/env python3
"""Writes the seed corpus of the extract fuzzers (Tests/Fuzz/corpus/<target>/) and their
dictionaries (Tests/Fuzz/dict/<target>.dict) from the sample exports in inputs/.

Run from the repository root: python3 Tests/Fuzz/make-corpus.py. Deterministic (gzip
without name or time), so the committed corpus is reproducible. Multi-file CSV seeds join
the layout's files with 0x1E in the order of ExtractFuzzHarness (Kenmerken, then melding,
betrokkene, dienst, overdracht, monitoring, huisverbod, advies, activiteit).
"""
import gzip
import os
import re
import shutil
import zlib

ROOT = os.getcwd()
OUT = os.path.join(ROOT, "Tests/Fuzz/corpus")
DICT = os.path.join(ROOT, "Tests/Fuzz/dict")
SEP = b"\x1e"
ORDER = ["melding", "betrokkene", "dienst", "overdracht", "monitoring", "huisverbod", "advies",
         "activiteit"]


def read(path):
    """The bytes of a sample file, gunzipped when it is gzipped."""
    for p in (path, path + ".gz"):
        if os.path.exists(p):
            data = open(p, "rb").read()
            return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
    raise SystemExit("missing sample: " + path)


def lines(data):
    return data.splitlines(keepends=True)


def pick(data, delimiter, keys, limit, fallback):
    """The header and up to `limit` rows with a field in `keys` (else the first `fallback`)."""
    ls = lines(data)
    rows = [l for l in ls[1:] if keys & set(l.rstrip(b"\r\n").split(delimiter))][:limit]
    return b"".join([ls[0]] + (rows or ls[1:1 + fallback]))


def write(target, name, data):
    folder = os.path.join(OUT, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def csv_export(folder, files, delimiter, meldingen, kenmerken=None):
    """One multi-file seed: the first `meldingen` meldingen and what refers to them."""
    mel = lines(read(os.path.join(folder, files["melding"])))
    chosen = mel[:1 + meldingen]
    keys = set()
    for l in chosen[1:]:
        keys |= set(l.rstrip(b"\r\n").split(delimiter)[:2])  # melding id, casus id
    parts = []
    if kenmerken:
        parts.append(None)  # filled below, once the registrations are known
    parts.append(b"".join(chosen))
    for e in ORDER[1:]:
        parts.append(pick(read(os.path.join(folder, files[e])), delimiter, keys, 12, 4))
    if kenmerken:
        ids = set()
        for p in parts[1:]:
            for l in lines(p)[1:]:
                ids.add(l.split(delimiter)[0])
        parts[0] = pick(read(os.path.join(folder, kenmerken)), delimiter, ids, 25, 6)
    return SEP.join(parts)


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    shutil.rmtree(DICT, ignore_errors=True)
    os.makedirs(DICT)

    # vt-csv (Rotterdam-Rijnmond sample).
    rr = os.path.join(ROOT, "inputs/rotterdam-rijnmond/veilig-thuis")
    vt_files = {e: n for e, n in zip(ORDER, ["meldingen.csv", "betrokkenen.csv", "diensten.csv",
                                             "overdrachten.csv", "monitoring.csv",
                                             "huisverboden.csv", "adviezen.csv",
                                             "activiteiten.csv"])}
    vt = csv_export(rr, vt_files, b",", 12)
    write("csv-vt", "sample-12-meldingen", vt)
    write("csv-vt", "sample-3-meldingen", csv_export(rr, vt_files, b",", 3))
    write("csv-vt", "sample-crlf-quoted",
          re.sub(rb",(GM\d{4})", rb',"\1"', re.sub(rb"\r?\n", b"\r\n", csv_export(rr, vt_files, b",", 4))))
    write("csv-vt", "meldingen-only", vt.split(SEP)[0])

    # regas-csv (NOG sample, Windows-1252, with its Kenmerken file).
    nog = os.path.join(ROOT, "inputs/nog/veilig-thuis")
    regas_files = {e: n for e, n in zip(ORDER, ["Meldingen.csv", "Betrokkenen.csv",
                                                "Diensten.csv", "Overdrachten.csv",
                                                "Monitoring.csv", "Huisverboden.csv",
                                                "Adviezen.csv", "Activiteiten.csv"])}
    write("csv-regas", "sample-10-meldingen",
          csv_export(nog, regas_files, b";", 10, kenmerken="Kenmerken.csv"))
    write("csv-regas", "sample-3-meldingen",
          csv_export(nog, regas_files, b";", 3, kenmerken="Kenmerken.csv"))

    # jb-csv (Groningen sample).
    jb = b"".join(lines(read(os.path.join(ROOT, "inputs/groningen/jeugdbescherming/maatregelen.csv")))[:25])
    write("csv-jb", "sample-24", jb)
    write("csv-jb", "sample-crlf-bom", b"\xef\xbb\xbf" + jb[:400].replace(b"\n", b"\r\n"))
    write("csv-jb", "sample-quoted", re.sub(rb"(;|^)([^;\n]*)", rb'\1"\2"', jb[:300], flags=re.M))

    # vt-xml (Groningen sample): the first two top-level elements of each kind, in order.
    for name, source in [("sample-2021", "vtexport-2021-001.xml"), ("sample-2020", "vtexport-2020-001.xml")]:
        ls = lines(read(os.path.join(ROOT, "inputs/groningen/veilig-thuis", source)))
        head, body, blocks, current = ls[:2], ls[2:-1], [], []
        for l in body:
            current.append(l)
            if re.match(rb"  </|  <[^/>]*/>", l) or (re.match(rb"  <", l) and l.rstrip().endswith(b"/>")):
                blocks.append(current)
                current = []
        seen = {}
        kept = []
        for b in blocks:
            kind = re.match(rb"\s*<(\w+)", b[0]).group(1)
            if seen.get(kind, 0) < 2:
                seen[kind] = seen.get(kind, 0) + 1
                kept += b
        write("xml", name, b"".join(head + kept + ls[-1:]))
    write("xml", "latin1-comment-cdata",
          b'<?xml version="1.0" encoding="ISO-8859-1"?>\n<!-- a comment -->\n'
          b'<vtExport versie="1.0" organisatie="VT" peildatum="2022-01-05">\n'
          b'  <advies id="A\xe9" start="2021-01-04" eind="2021-01-04" gemeente="GM0014" '
          b'contactvorm="telefoon" rol="beroepsmatig" organisatie="cjg">'
          b'<aard><![CDATA[kindermishandeling]]></aard></advies>\n</vtExport>\n')

    # gzip: the jb-csv seeds gzipped (plain, two members, stored blocks, raw deflate header).
    write("gzip", "sample-24.gz", gzip.compress(jb, mtime=0))
    write("gzip", "two-members.gz", gzip.compress(jb[:200], mtime=0) + gzip.compress(jb[200:], mtime=0))
    write("gzip", "stored.gz", gzip.compress(jb[:300], compresslevel=0, mtime=0))
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    write("gzip", "level9-flushes.gz",
          c.compress(jb[:150]) + c.flush(zlib.Z_FULL_FLUSH) + c.compress(jb[150:]) + c.flush())

    # Dictionaries: the structure tokens and the column titles, element and attribute names.
    def tokens(target, extra):
        words = set(extra)
        for f in os.listdir(os.path.join(OUT, target)):
            data = open(os.path.join(OUT, target, f), "rb").read()
            if target == "gzip":
                continue
            for part in data.split(SEP):
                first = lines(part)[:1]
                for t in re.split(rb"[,;\r\n]", first[0] if first else b""):
                    if 2 <= len(t) <= 40:
                        words.add(t.strip(b'"\xef\xbb\xbf'))
            words |= set(re.findall(rb"</?\w+|\b\w+=", data))
        with open(os.path.join(DICT, target + ".dict"), "w") as f:
            for w in sorted(w for w in words if w):
                f.write('"' + "".join(chr(b) if 32 <= b < 127 and b not in b'"\\' else "\\x%02x" % b for b in w) + '"\n')

    csv = [b"\x1e", b"\r\n", b'""', b'"', b"\xef\xbb\xbf", b"ja", b"nee", b"onbekend", b"GM0014",
           b"2021-01-02", b"01-02-2021", b"\xe9", b"\xc3\xa9"]
    tokens("csv-vt", csv + [b","])
    tokens("csv-regas", csv + [b";", b"Advies", b"Melding"])
    tokens("csv-jb", csv + [b";"])
    tokens("xml", [b"<?xml", b"<!DOCTYPE", b"<![CDATA[", b"]]>", b"<!--", b"-->", b"&amp;",
                   b"&#x", b"&#", b"<!ENTITY", b"SYSTEM", b"encoding=\"ISO-8859-1\"", b"/>",
                   b"xmlns:", b"ja", b"nee", b"GM0014", b"2021-01-02"])
    tokens("gzip", [b"\x1f\x8b\x08", b"\x1f\x8b\x08\x08", b"\x1f\x8b\x08\x04", b"\x00\x00\xff\xff"])


main()
