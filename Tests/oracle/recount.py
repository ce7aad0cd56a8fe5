#!/usr/bin/env python3
"""Independent recount of the aggregate table from the contract alone.

Reads a region's exports (every source folder of its pipeline config, in the layouts of
spec/exports.md), applies the validation rules of spec/model.md, counts every measure of
spec/measures.md at levels gemeente and vtregio for year, half-year, quarter and month, and
writes one line per non-zero cell:

    measure<TAB>period<TAB>region_level<TAB>region_code<TAB>dimension<TAB>category<TAB>value

sorted by the key columns. A summary of read/accepted/rejected per source and entity goes
to stderr. Python 3 standard library only. The readings of the contract this program makes
are numbered in README.md beside it ("R1" … in comments refer to them).

Usage:
    recount.py --inputs inputs/<region> --pipeline pipelines/<region>.yaml \
               --reference pipelines/reference --out cells.tsv \
               [--summary summary.tsv] [--rejects rejects.tsv]
"""

import argparse
import collections
import csv
import datetime
import gzip
import io
import itertools
import operator
import os
import re
import sys
import xml.parsers.expat
import zlib
from collections import defaultdict

csv.field_size_limit(1 << 30)

ENTITIES = ("advies", "melding", "betrokkene", "dienst", "overdracht", "monitoring",
            "huisverbod", "activiteit", "maatregel", "kenmerk")


class FatalError(Exception):
    """A file or configuration that cannot be read as a whole: the run fails."""


# ---------------------------------------------------------------------------------------
# Pipeline config: a tiny reader for the block-style YAML subset the configs use.

def _strip_comment(line):
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i]
    return line


def _scalar(text):
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        body = text[1:-1]
        if text[0] == "'":
            return body.replace("''", "'")
        return body.replace('\\"', '"').replace("\\\\", "\\")
    if text.startswith("[") and text.endswith("]"):
        inner = text[1:-1].strip()
        return [_scalar(p) for p in inner.split(",")] if inner else []
    if text in ("{}",):
        return {}
    if text in ("~", "null"):
        return None
    return text


_KEY_RE = re.compile(r'^("(?:[^"\\]|\\.)*"|\'[^\']*\'|[^\'"][^:]*?)\s*:(?:\s+(.*))?$')


def _split_key(text, lineno):
    m = _KEY_RE.match(text)
    if not m:
        raise FatalError("pipeline config line %d: expected 'key: value', got %r" % (lineno, text))
    return _scalar(m.group(1)), (m.group(2) or "").strip()


def _is_dash(text):
    return text == "-" or text.startswith("- ")


def _parse_node(lines, i, indent):
    if _is_dash(lines[i][1]):
        return _parse_seq(lines, i, indent)
    return _parse_map(lines, i, indent)


def _parse_seq(lines, i, indent):
    out = []
    while i < len(lines) and lines[i][0] == indent and _is_dash(lines[i][1]):
        rest = lines[i][1][1:]
        body = rest.lstrip(" ")
        if not body:
            i += 1
            if i < len(lines) and lines[i][0] > indent:
                value, i = _parse_node(lines, i, lines[i][0])
            else:
                value = None
        elif _is_dash(body) or _KEY_RE.match(body):
            lines[i] = (indent + 1 + len(rest) - len(body), body, lines[i][2])
            value, i = _parse_node(lines, i, lines[i][0])
        else:
            value = _scalar(body)
            i += 1
        out.append(value)
    return out, i


def _parse_map(lines, i, indent):
    out = {}
    while i < len(lines) and lines[i][0] == indent and not _is_dash(lines[i][1]):
        key, rest = _split_key(lines[i][1], lines[i][2])
        i += 1
        if rest:
            value = _scalar(rest)
        elif i < len(lines) and (lines[i][0] > indent
                                 or (lines[i][0] == indent and _is_dash(lines[i][1]))):
            value, i = _parse_node(lines, i, lines[i][0])
        else:
            value = None
        out[key] = value
    if i < len(lines) and lines[i][0] > indent:
        raise FatalError("pipeline config line %d: unexpected indentation" % lines[i][2])
    return out, i


def parse_yaml(text):
    """Parses block mappings, block sequences, flow lists and scalars (all as strings)."""
    lines = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = _strip_comment(raw).rstrip()
        if not line.strip() or line.strip() in ("---", "..."):
            continue
        if "\t" in line[:len(line) - len(line.lstrip())]:
            raise FatalError("pipeline config line %d: tab in indentation" % n)
        lines.append((len(line) - len(line.lstrip(" ")), line.strip(), n))
    if not lines:
        return {}
    value, i = _parse_node(lines, 0, lines[0][0])
    if i != len(lines):
        raise FatalError("pipeline config line %d: cannot parse" % lines[i][2])
    return value


class PipelineConfig:
    def __init__(self, path):
        try:
            with open(path, encoding="utf-8") as f:
                doc = parse_yaml(f.read())
        except OSError as e:
            raise FatalError("cannot read pipeline config %s: %s" % (path, e))
        region = doc.get("region") if isinstance(doc, dict) else None
        if not isinstance(region, dict) or not region.get("vtregio"):
            raise FatalError("%s: region.vtregio is missing" % path)
        self.name = region.get("name") or ""
        self.vtregio = region["vtregio"]
        self.sources = []
        for n, src in enumerate(doc.get("sources") or []):
            if not isinstance(src, dict) or not src.get("kind") or not src.get("layout"):
                raise FatalError("%s: sources[%d] needs kind and layout" % (path, n))
            aliases = src.get("gemeente_aliases") or {}
            if not isinstance(aliases, dict):
                raise FatalError("%s: sources[%d].gemeente_aliases is not a mapping" % (path, n))
            self.sources.append({"kind": src["kind"], "layout": src["layout"],
                                 "aliases": {str(k): str(v) for k, v in aliases.items()}})
        if not self.sources:
            raise FatalError("%s: no sources" % path)


# ---------------------------------------------------------------------------------------
# Reference data.

def read_tsv(path):
    try:
        with open(path, encoding="utf-8", newline="") as f:
            rows = [line.rstrip("\r\n").split("\t") for line in f if line.strip()]
    except OSError as e:
        raise FatalError("cannot read reference file %s: %s" % (path, e))
    header = rows[0]
    return [dict(zip(header, r + [""] * (len(header) - len(r)))) for r in rows[1:]]


def name_key(name):
    """Gemeente name as matched: case-insensitive, trimmed, hyphen = space (R13)."""
    return " ".join(name.replace("-", " ").lower().split())


class Reference:
    def __init__(self, folder):
        self.codes = defaultdict(dict)      # list -> code -> groep
        self.labels = defaultdict(dict)     # list -> lower(label) -> code
        for row in read_tsv(os.path.join(folder, "codes.tsv")):
            self.codes[row["list"]][row["code"]] = row.get("groep", "")
            self.labels[row["list"]][row["label"].strip().lower()] = row["code"]
        self.gemeenten = {}
        self.names = {}
        for row in read_tsv(os.path.join(folder, "gemeenten.tsv")):
            self.gemeenten[row["code"]] = row
            self.names.setdefault(name_key(row["naam"]), row["code"])
        self.merges = defaultdict(list)     # old code -> [(date, new code)]
        for row in read_tsv(os.path.join(folder, "herindelingen.tsv")):
            self.merges[row["oud"]].append((row["datum"], row["nieuw"]))
        for lst in self.merges.values():
            lst.sort()
        self._resolved = {}

    def resolve(self, code, day):
        """The code a record counts under on `day`: follows every merger dated on or before it."""
        key = (code, day)
        hit = self._resolved.get(key)
        if hit is not None:
            return hit
        current, seen = code, {code}
        while True:
            successor = None
            for date, new in self.merges.get(current, ()):
                if date <= day:
                    successor = new
                    break
            if successor is None or successor in seen:
                break
            seen.add(successor)
            current = successor
        self._resolved[key] = current
        return current


# ---------------------------------------------------------------------------------------
# Field codecs: how a layout writes dates, codes, booleans and gemeenten.

ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")   # used with fullmatch
NL_DATE = re.compile(r"([0-9]{2})-([0-9]{2})-([0-9]{4})")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")               # Unicode category Cc
DIGITS = re.compile(r"[0-9]+")
BSN_RE = re.compile(r"[0-9]{9}")


def _calendar(y, m, d):
    try:
        datetime.date(int(y), int(m), int(d))
    except ValueError:
        return None
    return "%s-%s-%s" % (y, m, d)


EMPTY = object()   # a parser's answer for an empty field


def memo(fn):
    """Caches a parser's answers: exports repeat the same dates, codes and names endlessly."""
    cache = {}

    def parse(raw):
        try:
            return cache[raw]
        except KeyError:
            value = cache[raw] = fn(raw)
            return value
    return parse


def parse_id(raw):
    if raw == "":
        return EMPTY
    return raw if len(raw) <= 64 and not CONTROL.search(raw) else None


def parse_bsn(raw):
    if raw == "":
        return EMPTY
    return raw if BSN_RE.fullmatch(raw) and elfproef(raw) else None


def parse_year(raw):
    if raw == "":
        return EMPTY
    return int(raw) if DIGITS.fullmatch(raw) and int(raw) >= 1900 else None


class Codec:
    """How a layout writes dates, codes, booleans and gemeenten: one parser per field kind."""

    def __init__(self, ref):
        self.ref = ref
        self._code = {}
        self.date = memo(self._date)
        self.boolean = memo(self._boolean)
        self.gemeente = memo(self._gemeente)

    def code_parser(self, lst):
        parser = self._code.get(lst)
        if parser is None:
            parser = self._code[lst] = memo(lambda raw: self._code_of(lst, raw))
        return parser

    def code(self, lst, raw):
        return self.code_parser(lst)(raw)

    def parser(self, kind, lst):
        if kind == "id":
            return parse_id
        if kind == "bsn":
            return parse_bsn
        if kind == "year":
            return parse_year
        if kind == "date":
            return self.date
        if kind == "code":
            return self.code_parser(lst)
        if kind == "bool":
            return self.boolean
        if kind == "gm":
            return self.gemeente
        raise AssertionError(kind)


class CanonicalCodec(Codec):
    """vt-csv, vt-xml, jb-csv: ISO dates, canonical codes, ja/nee, GM codes, all exact."""

    def _date(self, raw):
        if raw == "":
            return EMPTY
        m = ISO_DATE.fullmatch(raw)
        return _calendar(*m.groups()) if m else None

    def _code_of(self, lst, raw):
        if raw == "":
            return EMPTY
        return raw if raw in self.ref.codes[lst] else None

    def _boolean(self, raw):
        if raw == "":
            return EMPTY
        return {"ja": True, "nee": False}.get(raw)

    def _gemeente(self, raw):
        if raw == "":
            return EMPTY
        return raw if raw in self.ref.gemeenten else None


class RegasCodec(Codec):
    """regas-csv: dd-mm-jjjj, labels and Ja/Nee case-insensitive and trimmed, gemeente names."""

    def __init__(self, ref, aliases):
        Codec.__init__(self, ref)
        self.aliases = {name_key(k): name_key(v) for k, v in aliases.items()}

    def _date(self, raw):
        if raw == "":
            return EMPTY
        m = NL_DATE.fullmatch(raw)
        return _calendar(m.group(3), m.group(2), m.group(1)) if m else None

    def _code_of(self, lst, raw):
        if raw.strip() == "":
            return EMPTY
        return self.ref.labels[lst].get(raw.strip().lower())

    def _boolean(self, raw):
        if raw.strip() == "":
            return EMPTY
        return {"ja": True, "nee": False}.get(raw.strip().lower())

    def _gemeente(self, raw):
        if raw.strip() == "":
            return EMPTY
        key = name_key(raw)
        key = self.aliases.get(key, key)
        return self.ref.names.get(key)


# ---------------------------------------------------------------------------------------
# Entity schemas (model.md): field, kind, code list, required.
# Kinds: id, date, code, codes, gm, bool, bsn, year. `codes` fields are never "required"
# here; aard_geweld's "at least one" is checked once the values are known (R9).

F = lambda name, kind, lst=None, req=True: (name, kind, lst, req)  # noqa: E731
MULTI = [F("aard_geweld", "codes", "aard_geweld", False),
         F("aanvullende_informatie", "codes", "aanvullende_informatie", False),
         F("vorm_kindermishandeling", "codes", "vorm_km", False),
         F("vorm_ouderenmishandeling", "codes", "vorm_om", False)]
SCHEMAS = {
    "advies": [F("advies_id", "id"), F("startdatum", "date"), F("einddatum", "date", req=False),
               F("gemeente", "gm", req=False), F("contactvorm", "code", "contactvorm"),
               F("rol_adviesvrager", "code", "rol"),
               F("organisatie_adviesvrager", "code", "organisatie", False),
               MULTI[0], MULTI[1], F("duur_geweld", "code", "duur_geweld", False),
               MULTI[2], MULTI[3]],
    "melding": [F("melding_id", "id"), F("casus_id", "id"), F("ontvangstdatum", "date"),
                F("gemeente", "gm"), F("rol_melder", "code", "rol"),
                F("organisatie_melder", "code", "organisatie", False),
                MULTI[0], MULTI[1], F("duur_geweld", "code", "duur_geweld", False),
                MULTI[2], MULTI[3],
                F("acute_onveiligheid", "code", "janeeonbekend"),
                F("structurele_onveiligheid", "code", "janeeonbekend"),
                F("besluit", "code", "besluit", False), F("besluitdatum", "date", req=False),
                F("eerste_contact_datum", "date", req=False),
                F("vervolgmelding", "code", "vervolgmelding"), F("radarmelding", "bool")],
    "betrokkene": [F("melding_id", "id"), F("bsn", "bsn", req=False),
                   F("geboortejaar", "year", req=False), F("geslacht", "code", "geslacht"),
                   F("rol", "code", "rol_betrokkene")],
    "dienst": [F("dienst_id", "id"), F("casus_id", "id"), F("type", "code", "dienst"),
               F("startdatum", "date"), F("einddatum", "date", req=False),
               F("uitkomst", "code", "uitkomst_onderzoek", False)],
    "overdracht": [F("overdracht_id", "id"), F("casus_id", "id"), F("datum", "date"),
                   F("moment", "code", "overdracht_moment"), F("ontvanger", "code", "ontvanger"),
                   F("monitoring", "bool")],
    "monitoring": [F("monitoring_id", "id"), F("casus_id", "id"), F("startdatum", "date"),
                   F("einddatum", "date", req=False), F("extra_interventie", "bool")],
    "huisverbod": [F("huisverbod_id", "id"), F("casus_id", "id", req=False), F("gemeente", "gm"),
                   F("beoordelingsdatum", "date"), F("opgelegd", "bool"), F("verlengd", "bool")],
    "activiteit": [F("activiteit_id", "id"), F("type", "code", "activiteit"), F("datum", "date"),
                   F("gemeente", "gm", req=False)],
    "maatregel": [F("maatregel_id", "id"), F("gemeente", "gm"), F("type", "code", "maatregel"),
                  F("soort", "code", "maatregel_soort"), F("startdatum", "date")],
}
ID_FIELD = {e: s[0][0] for e, s in SCHEMAS.items() if e != "betrokkene"}
MULTI_FIELDS = [m[0] for m in MULTI]
MULTI_LIST = {m[0]: m[2] for m in MULTI}


def optional_column(field):
    """A column whose values may all be empty may be missing from a CSV header (R7)."""
    if field == "aard_geweld":
        return False
    for schema in SCHEMAS.values():
        for name, kind, _lst, req in schema:
            if name == field:
                return kind == "codes" or not req
    return True


class Rec:
    """One record as read: raw text per field, multi-valued members, its fate."""
    __slots__ = ("entity", "where", "raw", "multi", "val", "ok", "rule", "field", "parent")

    def __init__(self, entity, where, raw, multi=None, parent=None):
        self.entity = entity
        self.where = where
        self.raw = raw
        self.multi = multi
        self.val = {}
        self.ok = True
        self.rule = None
        self.field = None
        self.parent = parent

    def reject(self, rule, field):
        if self.ok:
            self.ok = False
            self.rule = rule
            self.field = field
        return False


def elfproef(bsn):
    d = [ord(c) - 48 for c in bsn]
    total = (9 * d[0] + 8 * d[1] + 7 * d[2] + 6 * d[3] + 5 * d[4] + 4 * d[5] + 3 * d[6]
             + 2 * d[7] - d[8])
    return total % 11 == 0


FAIL_RULE = {"id": "bad_value", "date": "bad_date", "code": "unknown_code",
             "bool": "unknown_code", "gm": "unknown_code", "bsn": "invalid_bsn",
             "year": "bad_value"}


def compile_schema(entity, codec, skip_multi=False):
    """The checks of an entity's own fields, in model.md order, with the layout's parsers."""
    steps = []
    for name, kind, lst, req in SCHEMAS[entity]:
        if kind == "codes":
            if not skip_multi:
                steps.append((name, kind, codec.code_parser(lst), req, None))
        else:
            steps.append((name, kind, codec.parser(kind, lst), req, FAIL_RULE[kind]))
    return steps


def validate_fields(rec, steps):
    """Checks the record's own fields; returns False (and records the rule) on the first break."""
    raw, val = rec.raw, rec.val
    for name, kind, parse, req, rule in steps:
        if kind == "codes":
            codes_ = []
            if rec.multi is not None:
                members = rec.multi[name]
            else:
                members = raw.get(name)
                members = members.split("|") if members else ()
            for member in members:
                c = parse(member)
                if c is None or c is EMPTY:
                    return rec.reject("unknown_code", name)
                if c in codes_:
                    return rec.reject("bad_value", name)  # R10: codes are distinct
                codes_.append(c)
            val[name] = codes_
            continue
        v = parse(raw.get(name) or "")
        if v is EMPTY:
            if req:
                return rec.reject("missing_required", name)
            val[name] = None
        elif v is None:
            return rec.reject(rule, name)
        else:
            val[name] = v
    return True


def check_date_order(rec):
    v = rec.val
    if rec.entity == "advies":
        if v["einddatum"] and v["einddatum"] < v["startdatum"]:
            return rec.reject("bad_value", "einddatum")
    elif rec.entity == "melding":
        if v["besluitdatum"] and v["besluitdatum"] < v["ontvangstdatum"]:
            return rec.reject("bad_value", "besluitdatum")
        if v["eerste_contact_datum"] and v["eerste_contact_datum"] < v["ontvangstdatum"]:
            return rec.reject("bad_value", "eerste_contact_datum")
    return True


def check_aard(rec):
    if not rec.val.get("aard_geweld"):
        return rec.reject("missing_required", "aard_geweld")
    return True


# ---------------------------------------------------------------------------------------
# Reading files.

def open_binary(path):
    """The file's bytes, gunzipped when it starts with the gzip magic (not by its name)."""
    f = open(path, "rb")
    head = f.read(2)
    f.seek(0)
    if head == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=f, mode="rb")
    return f


def find_file(folder, name):
    """`name` or `name.gz` in folder; both present is ambiguous (R6)."""
    plain = os.path.join(folder, name)
    gz = plain + ".gz"
    have = [p for p in (plain, gz) if os.path.isfile(p)]
    if len(have) > 1:
        raise FatalError("%s: both %s and %s.gz present" % (folder, name, name))
    return have[0] if have else None


def read_csv_rows(path, encoding, delimiter):
    """Yields (line, row) per record; line is where the record starts. Skips empty lines."""
    try:
        raw = open_binary(path)
        text = io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline="")
        reader = csv.reader(text, delimiter=delimiter, quotechar='"', strict=True)
        start = 1
        for row in reader:
            if row:
                yield start, row
            start = reader.line_num + 1
        text.close()
    except (UnicodeDecodeError, EOFError, OSError, gzip.BadGzipFile, csv.Error, zlib.error) as e:
        raise FatalError("%s: cannot be read as a whole: %s" % (path, e))


def csv_records(path, entity, encoding, delimiter, columns, required=None):
    """Yields Rec per data row. `columns` maps header title -> canonical field name."""
    rows = read_csv_rows(path, encoding, delimiter)
    first = next(rows, None)
    if first is None:
        return
    _, header = first
    want = {k.strip().lower(): v for k, v in columns.items()}
    index = {}
    for i, title in enumerate(header):
        key = title.strip().lower()
        if i == 0 and key.startswith("\ufeff"):
            key = key[1:]
        field = want.get(key)
        if field is None:
            continue  # unknown extra column: ignored (with a warning in the pipeline)
        if field in index:
            raise FatalError("%s: column %r appears twice" % (path, title))
        index[field] = i
    if required is None:
        required = [f for f in columns.values() if not optional_column(f)]
    for title, field in columns.items():
        if field in required and field not in index:
            raise FatalError("%s: required column %r is missing" % (path, title))
    width = len(header)
    name = os.path.basename(path)
    fields = list(index)
    if len(fields) > 1:
        getter = operator.itemgetter(*[index[f] for f in fields])
    else:
        getter = lambda row: tuple(row[index[f]] for f in fields)  # noqa: E731
    for line, row in rows:
        if len(row) == width:
            yield Rec(entity, (name, line), dict(zip(fields, getter(row))))
        else:
            rec = Rec(entity, (name, line),
                      {f: row[i] if i < len(row) else "" for f, i in index.items()})
            rec.reject("bad_value", "(row has %d fields, header %d)" % (len(row), width))
            yield rec


# ---------------------------------------------------------------------------------------
# Layouts.

VT_CSV_FILES = [("adviezen.csv", "advies"), ("meldingen.csv", "melding"),
                ("betrokkenen.csv", "betrokkene"), ("diensten.csv", "dienst"),
                ("overdrachten.csv", "overdracht"), ("monitoring.csv", "monitoring"),
                ("huisverboden.csv", "huisverbod"), ("activiteiten.csv", "activiteit")]


def read_vt_csv(folder):
    out = defaultdict(list)
    for fname, entity in VT_CSV_FILES:
        path = find_file(folder, fname)
        if not path:
            continue
        columns = {f[0]: f[0] for f in SCHEMAS[entity]}
        out[entity].extend(csv_records(path, entity, "utf-8-sig", ",", columns))
    return out


def read_jb_csv(folder):
    out = defaultdict(list)
    path = find_file(folder, "maatregelen.csv")
    if path:
        columns = {f[0]: f[0] for f in SCHEMAS["maatregel"]}
        out["maatregel"].extend(csv_records(path, "maatregel", "utf-8-sig", ";", columns))
    return out


REGAS_FILES = [
    ("Adviezen.csv", "advies", ["Advies ID", "Startdatum", "Einddatum", "Gemeente", "Contactvorm",
                                "Rol adviesvrager", "Organisatie adviesvrager", "Duur geweld"],
     ["advies_id", "startdatum", "einddatum", "gemeente", "contactvorm", "rol_adviesvrager",
      "organisatie_adviesvrager", "duur_geweld"]),
    ("Meldingen.csv", "melding",
     ["Melding ID", "Casus ID", "Datum ontvangst", "Gemeente", "Rol melder", "Organisatie melder",
      "Duur geweld", "Acute onveiligheid", "Structurele onveiligheid", "Besluit", "Datum besluit",
      "Datum eerste contact", "Vervolgmelding", "Radarmelding"],
     ["melding_id", "casus_id", "ontvangstdatum", "gemeente", "rol_melder", "organisatie_melder",
      "duur_geweld", "acute_onveiligheid", "structurele_onveiligheid", "besluit", "besluitdatum",
      "eerste_contact_datum", "vervolgmelding", "radarmelding"]),
    ("Betrokkenen.csv", "betrokkene", ["Melding ID", "BSN", "Geboortejaar", "Geslacht", "Rol"],
     ["melding_id", "bsn", "geboortejaar", "geslacht", "rol"]),
    ("Diensten.csv", "dienst", ["Dienst ID", "Casus ID", "Dienst", "Startdatum", "Einddatum",
                                "Uitkomst"],
     ["dienst_id", "casus_id", "type", "startdatum", "einddatum", "uitkomst"]),
    ("Overdrachten.csv", "overdracht", ["Overdracht ID", "Casus ID", "Datum", "Moment",
                                        "Ontvanger", "Monitoring"],
     ["overdracht_id", "casus_id", "datum", "moment", "ontvanger", "monitoring"]),
    ("Monitoring.csv", "monitoring", ["Monitoring ID", "Casus ID", "Startdatum", "Einddatum",
                                      "Extra interventie"],
     ["monitoring_id", "casus_id", "startdatum", "einddatum", "extra_interventie"]),
    ("Huisverboden.csv", "huisverbod", ["Huisverbod ID", "Casus ID", "Gemeente",
                                        "Datum beoordeling", "Opgelegd", "Verlengd"],
     ["huisverbod_id", "casus_id", "gemeente", "beoordelingsdatum", "opgelegd", "verlengd"]),
    ("Activiteiten.csv", "activiteit", ["Activiteit ID", "Activiteit", "Datum", "Gemeente"],
     ["activiteit_id", "type", "datum", "gemeente"]),
]
KENMERK_FIELD = {"aard geweld": "aard_geweld", "aanvullende informatie": "aanvullende_informatie",
                 "vorm kindermishandeling": "vorm_kindermishandeling",
                 "vorm ouderenmishandeling": "vorm_ouderenmishandeling"}
KENMERK_SOORT = {"advies": "advies", "melding": "melding"}


def read_regas(folder):
    out = defaultdict(list)
    for fname, entity, titles, fields in REGAS_FILES:
        path = find_file(folder, fname)
        if not path:
            continue
        out[entity].extend(csv_records(path, entity, "cp1252", ";", dict(zip(titles, fields))))
    path = find_file(folder, "Kenmerken.csv")
    if path:
        columns = {"Soort": "#soort", "Registratie ID": "#id", "Kenmerk": "#kenmerk",
                   "Waarde": "#waarde"}
        out["kenmerk"] = list(csv_records(path, "kenmerk", "cp1252", ";", columns,
                                          required=list(columns.values())))
    return out


class XmlReader:
    """vt-xml: streaming expat reader, one document per file, no DOCTYPE (R15)."""

    RECORD_ATTRS = {
        "advies": {"id": "advies_id", "start": "startdatum", "eind": "einddatum",
                   "gemeente": "gemeente", "contactvorm": "contactvorm",
                   "rol": "rol_adviesvrager", "organisatie": "organisatie_adviesvrager",
                   "duur": "duur_geweld"},
        "melding": {"id": "melding_id", "ontvangst": "ontvangstdatum", "gemeente": "gemeente",
                    "rol": "rol_melder", "organisatie": "organisatie_melder",
                    "duur": "duur_geweld", "acuut": "acute_onveiligheid",
                    "structureel": "structurele_onveiligheid", "besluit": "besluit",
                    "besluitdatum": "besluitdatum", "eersteContact": "eerste_contact_datum",
                    "vervolgmelding": "vervolgmelding", "radar": "radarmelding"},
        "betrokkene": {"bsn": "bsn", "geboortejaar": "geboortejaar", "geslacht": "geslacht",
                       "rol": "rol"},
        "dienst": {"id": "dienst_id", "type": "type", "start": "startdatum",
                   "eind": "einddatum", "uitkomst": "uitkomst"},
        "overdracht": {"id": "overdracht_id", "datum": "datum", "moment": "moment",
                       "ontvanger": "ontvanger", "monitoring": "monitoring"},
        "monitoring": {"id": "monitoring_id", "start": "startdatum", "eind": "einddatum",
                       "extraInterventie": "extra_interventie"},
        "huisverbod": {"id": "huisverbod_id", "gemeente": "gemeente",
                       "beoordeling": "beoordelingsdatum", "opgelegd": "opgelegd",
                       "verlengd": "verlengd"},
        "activiteit": {"id": "activiteit_id", "type": "type", "datum": "datum",
                       "gemeente": "gemeente"},
    }
    MULTI_CHILD = {"aard": "aard_geweld", "aanvullend": "aanvullende_informatie",
                   "vormKM": "vorm_kindermishandeling", "vormOM": "vorm_ouderenmishandeling"}
    TOP = {"advies", "casus", "activiteit", "huisverbod", "melding", "dienst", "overdracht",
           "monitoring"}
    IN_CASUS = {"melding", "dienst", "overdracht", "monitoring", "huisverbod"}
    CASUS_BOUND = {"melding", "dienst", "overdracht", "monitoring"}

    def __init__(self, out, warnings):
        self.out = out
        self.warnings = warnings

    def read(self, path):
        self.path = path
        self.name = os.path.basename(path)
        self.stack = []         # [name, kind, element path, child counts]
        self.seen_root = False
        self.casus = None
        self.record = None
        self.text = None
        p = xml.parsers.expat.ParserCreate()
        p.buffer_text = True
        p.StartDoctypeDeclHandler = self._doctype
        p.EntityDeclHandler = self._entity
        p.XmlDeclHandler = self._xmldecl
        p.StartElementHandler = self._start
        p.EndElementHandler = self._end
        p.CharacterDataHandler = self._chars
        p.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
        try:
            with open_binary(path) as f:
                p.ParseFile(f)
        except xml.parsers.expat.ExpatError as e:
            raise FatalError("%s: XML not well-formed: %s" % (path, e))
        except (EOFError, OSError, gzip.BadGzipFile, zlib.error) as e:
            raise FatalError("%s: cannot be read as a whole: %s" % (path, e))

    def _doctype(self, *args):
        raise FatalError("%s: DOCTYPE is not allowed (refused as a whole)" % self.path)

    def _entity(self, *args):
        raise FatalError("%s: entity declarations are not allowed" % self.path)

    def _xmldecl(self, version, encoding, standalone):
        if encoding and encoding.strip().lower() != "utf-8":
            raise FatalError("%s: declared encoding %s, expected UTF-8" % (self.path, encoding))

    def _warn(self, what):
        self.warnings.add(what)

    def _attrs(self, entity, attrs):
        raw = {}
        amap = self.RECORD_ATTRS[entity]
        for a, v in attrs.items():
            f = amap.get(a)
            if f is None:
                self._warn("unknown attribute %s on %s" % (a, entity))
            else:
                raw[f] = v
        return raw

    def _start(self, name, attrs):
        if not self.stack:
            if self.seen_root:
                raise FatalError("%s: more than one root element" % self.path)
            if name != "vtExport":
                raise FatalError("%s: root element is %s, expected vtExport" % (self.path, name))
            self.seen_root = True
            self.stack.append([name, "root", "/vtExport", defaultdict(int)])
            return
        parent_name, parent, parent_path, counts = self.stack[-1]
        if counts is None:      # inside an unknown element, a betrokkene or a code element
            if parent != "skip":
                self._warn("unknown element %s in %s" % (name, parent_name))
            self.stack.append([name, "skip", None, None])
            return
        counts[name] += 1
        n = counts[name]
        path = None
        kind = "skip"
        if (parent == "root" and name in self.TOP) or (parent == "casus" and name in self.IN_CASUS):
            path = "%s/%s[%d]" % (parent_path, name, n)
            if name == "casus":
                self.casus = attrs.get("id", "")
                kind = "casus"
            else:
                raw = self._attrs(name, attrs)
                if name in self.CASUS_BOUND or name == "huisverbod":
                    raw["casus_id"] = self.casus if parent == "casus" else ""
                multi = {f: [] for f in MULTI_FIELDS} if name in ("advies", "melding") else None
                rec = Rec(name, (self.name, path), raw, multi)
                self.out[name].append(rec)
                self.record = rec
                kind = "record"
        elif parent == "record":
            if name in self.MULTI_CHILD and self.record.multi is not None:
                kind = "multi"
                self.text = []
            elif name == "betrokkene" and self.record.entity == "melding":
                raw = self._attrs("betrokkene", attrs)
                raw["melding_id"] = self.record.raw.get("melding_id", "")
                where = (self.name, "%s/%s[%d]" % (parent_path, name, n))
                self.out["betrokkene"].append(Rec("betrokkene", where, raw, None,
                                                  parent=self.record))
                kind = "leaf"
        if kind == "skip":
            self._warn("unknown element %s in %s" % (name, parent_name))
        self.stack.append([name, kind, path, defaultdict(int) if path else None])

    def _end(self, name):
        kind = self.stack.pop()[1]
        if kind == "multi":
            field = self.MULTI_CHILD[name]
            self.record.multi[field].append("".join(self.text))
            self.text = None
        elif kind == "record":
            self.record = None
        elif kind == "casus":
            self.casus = None

    def _chars(self, data):
        if self.text is not None and self.stack and self.stack[-1][1] == "multi":
            self.text.append(data)


def read_vt_xml(folder):
    out = defaultdict(list)
    warnings = set()
    names = sorted((n for n in os.listdir(folder)
                    if (n.endswith(".xml") or n.endswith(".xml.gz"))
                    and os.path.isfile(os.path.join(folder, n))),
                   key=lambda n: n.encode("utf-8"))
    reader = XmlReader(out, warnings)
    for n in names:
        reader.read(os.path.join(folder, n))
    return out


# ---------------------------------------------------------------------------------------
# Validation of one source: own fields, duplicate ids, follow-on rejects.

def claim_ids(recs, id_field):
    """First occurrence claims an id, even when it is rejected for another rule (R3)."""
    seen = set()
    for rec in recs:
        ident = rec.raw.get(id_field) or ""
        if ident == "":
            continue
        if ident in seen:
            rec.reject("duplicate_id", id_field)
        else:
            seen.add(ident)


def validate_source(layout, folder, ref, aliases):
    """Reads one source folder and decides every record: accepted, or rejected with a rule."""
    if layout == "vt-csv":
        recs, codec = read_vt_csv(folder), CanonicalCodec(ref)
    elif layout == "vt-xml":
        recs, codec = read_vt_xml(folder), CanonicalCodec(ref)
    elif layout == "regas-csv":
        recs, codec = read_regas(folder), RegasCodec(ref, aliases)
    elif layout == "jb-csv":
        recs, codec = read_jb_csv(folder), CanonicalCodec(ref)
    else:
        raise FatalError("unknown layout %r (the oracle knows vt-csv, vt-xml, regas-csv, jb-csv)"
                         % layout)
    regas = layout == "regas-csv"

    for entity in ("advies", "melding", "dienst", "overdracht", "monitoring", "huisverbod",
                   "activiteit", "maatregel"):
        claim_ids(recs[entity], ID_FIELD[entity])
    for entity in ("advies", "melding", "huisverbod", "activiteit", "maatregel"):
        steps = compile_schema(entity, codec, skip_multi=regas)
        for rec in recs[entity]:
            if rec.ok and validate_fields(rec, steps):
                check_date_order(rec)

    if regas:
        join_kenmerken(recs, codec)
    for entity in ("advies", "melding"):
        for rec in recs[entity]:
            if rec.ok:
                check_aard(rec)
    if regas:
        for k in recs["kenmerk"]:
            if k.ok and not k.parent.ok:
                k.reject("dangling_registration", "Registratie ID")

    meldingen = {r.val["melding_id"]: r for r in recs["melding"] if r.ok}
    casussen = {r.val["casus_id"] for r in recs["melding"] if r.ok}
    steps = compile_schema("betrokkene", codec)
    for rec in recs["betrokkene"]:
        if not rec.ok or not validate_fields(rec, steps):
            continue
        if rec.parent is not None:          # XML: the enclosing melding element
            m = rec.parent if rec.parent.ok else None
        else:
            m = meldingen.get(rec.val["melding_id"])
        if m is None:
            rec.reject("dangling_melding", "melding_id")
            continue
        rec.parent = m
        gj = rec.val["geboortejaar"]
        if gj is not None and gj > int(m.val["ontvangstdatum"][:4]):
            rec.reject("bad_value", "geboortejaar")
    for entity in ("dienst", "overdracht", "monitoring"):
        steps = compile_schema(entity, codec)
        for rec in recs[entity]:
            if rec.ok and validate_fields(rec, steps):
                if rec.val["casus_id"] not in casussen:
                    rec.reject("dangling_casus", "casus_id")
    return recs


def join_kenmerken(recs, codec):
    """Regas: one Kenmerken row per value; a bad row is rejected alone (R11)."""
    claim = {"advies": {}, "melding": {}}
    for entity in ("advies", "melding"):
        for rec in recs[entity]:
            ident = rec.raw.get(ID_FIELD[entity]) or ""
            if ident and rec.rule != "duplicate_id":
                claim[entity].setdefault(ident, rec)
    for k in recs["kenmerk"]:
        if not k.ok:
            continue
        soort = KENMERK_SOORT.get(k.raw["#soort"].strip().lower())
        if soort is None:
            k.reject("unknown_code", "Soort")
            continue
        field = KENMERK_FIELD.get(k.raw["#kenmerk"].strip().lower())
        if field is None:
            k.reject("unknown_code", "Kenmerk")
            continue
        ident = k.raw["#id"]
        if ident == "":
            k.reject("missing_required", "Registratie ID")
            continue
        target = claim[soort].get(ident)
        if target is None or not target.ok:
            k.reject("dangling_registration", "Registratie ID")
            continue
        code = codec.code(MULTI_LIST[field], k.raw["#waarde"])
        if code is None or code is EMPTY:
            k.reject("unknown_code", "Waarde")
            continue
        values = target.val.setdefault(field, [])
        if code in values:
            k.reject("bad_value", "Waarde")     # R11: the same value twice
            continue
        values.append(code)
        k.parent = target
    for entity in ("advies", "melding"):
        for rec in recs[entity]:
            if rec.ok:
                for f in MULTI_FIELDS:
                    rec.val.setdefault(f, [])


# ---------------------------------------------------------------------------------------
# Counting.

def period_parts(day):
    y, m = day[:4], int(day[5:7])
    return (y + "JJ00", "%sHJ0%d" % (y, 1 if m <= 6 else 2), "%sKW0%d" % (y, (m - 1) // 3 + 1),
            "%sMM%02d" % (y, m))


TOTAAL = ("totaal", "totaal")


class Counter:
    """Counts by calendar month and gemeente; rolls up to every period and the vtregio."""

    def __init__(self, ref, vtregio):
        self.ref = ref
        self.vt = vtregio
        self.month = defaultdict(collections.Counter)  # (measure, month, gm) -> (dim, cat) -> n
        self.distinct = defaultdict(set)         # (measure, period, level, code) -> {casus}
        self.casus_dims = {}                     # measure -> casus -> [(dim, cat)]

    def gm(self, code, day):
        return "onbekend" if not code else self.ref.resolve(code, day)

    def add(self, measure, day, code, cats=()):
        tally = self.month[(measure, day[:4] + "MM" + day[5:7], self.gm(code, day))]
        tally[TOTAAL] += 1
        if cats:
            tally.update(cats)

    def add_casus(self, measure, day, code, casus):
        g = self.gm(code, day)
        distinct = self.distinct
        for p in period_parts(day):
            distinct[(measure, p, "gemeente", g)].add(casus)
            distinct[(measure, p, "vtregio", self.vt)].add(casus)

    def cells(self):
        out = defaultdict(int)
        vt = self.vt
        for (measure, mm, g), tally in self.month.items():
            y, m = mm[:4], int(mm[6:])
            periods = (y + "JJ00", "%sHJ0%d" % (y, 1 if m <= 6 else 2),
                       "%sKW0%d" % (y, (m - 1) // 3 + 1), mm)
            for (dim, cat), n in tally.items():
                for p in periods:
                    out[(measure, p, "gemeente", g, dim, cat)] += n
                    out[(measure, p, "vtregio", vt, dim, cat)] += n
        for (measure, p, level, code), casussen in self.distinct.items():
            dims = self.casus_dims.get(measure, {})
            tally = collections.Counter(
                itertools.chain.from_iterable(dims[c] for c in casussen if c in dims))
            out[(measure, p, level, code, "totaal", "totaal")] += len(casussen)
            for (dim, cat), n in tally.items():
                out[(measure, p, level, code, dim, cat)] += n
        return out


def registration_cats(ref, v, rol_field, org_field):
    cats = []
    for field, dim in (("aard_geweld", "aard_geweld"),
                       ("aanvullende_informatie", "aanvullende_informatie"),
                       ("vorm_kindermishandeling", "vorm_km"),
                       ("vorm_ouderenmishandeling", "vorm_om")):
        for c in v[field]:
            cats.append((dim, c))
    cats.append(("rol", v[rol_field]))
    org = v[org_field]
    if org:
        cats.append(("organisatie", org))
        groep = ref.codes["organisatie"].get(org)
        if groep:
            cats.append(("organisatie_groep", groep))
    cats.append(("duur_geweld", v["duur_geweld"] or "onbekend"))
    return cats


def veiligheidstaxatie(v):
    acuut, struct = v["acute_onveiligheid"], v["structurele_onveiligheid"]
    out = []
    if acuut == "ja":
        out.append("acute_onveiligheid")
    if struct == "ja":
        out.append("structurele_onveiligheid")
    if acuut == "nee" and struct == "nee":
        out.append("geen_onveiligheid")
    if not out:
        out.append("onbekend")   # R18
    return out


def count_source(counter, ref, recs):
    ok = {e: [r for r in recs[e] if r.ok] for e in ENTITIES}

    for r in ok["advies"]:
        v = r.val
        counter.add("gestarte_adviezen", v["startdatum"], v["gemeente"],
                    registration_cats(ref, v, "rol_adviesvrager", "organisatie_adviesvrager"))
        if v["einddatum"]:
            counter.add("afgeronde_adviezen", v["einddatum"], v["gemeente"])
        if v["contactvorm"] == "chat":
            counter.add("chatgesprekken", v["startdatum"], v["gemeente"])

    # Betrokkenen per melding, and per bsn the earliest melding date per casus.
    bsns = defaultdict(set)
    first_seen = defaultdict(dict)   # bsn -> casus -> earliest ontvangstdatum
    for b in ok["betrokkene"]:
        bsn = b.val["bsn"]
        if bsn:
            m = b.parent
            bsns[id(m)].add(bsn)
            c, d = m.val["casus_id"], m.val["ontvangstdatum"]
            prev = first_seen[bsn].get(c)
            if prev is None or d < prev:
                first_seen[bsn][c] = d

    # Per bsn the earliest (date, casus) and the earliest in another casus than that one:
    # enough to answer "seen earlier in another casus" for any casus.
    for bsn, per_casus in first_seen.items():
        ranked = sorted((day, c) for c, day in per_casus.items())
        first_seen[bsn] = (ranked[0], ranked[1] if len(ranked) > 1 else None)

    casus_first = {}                 # casus -> (date, melding_id, gemeente)
    casus_union = defaultdict(set)   # casus -> {(dim, cat)} over its accepted meldingen
    for r in ok["melding"]:
        v = r.val
        c = v["casus_id"]
        key = (v["ontvangstdatum"], v["melding_id"])
        if c not in casus_first or key < casus_first[c][:2]:
            casus_first[c] = key + (v["gemeente"],)
        for field, dim in (("aard_geweld", "aard_geweld"),
                           ("aanvullende_informatie", "aanvullende_informatie")):
            for code in v[field]:
                casus_union[c].add((dim, code))
    union_sorted = {c: sorted(s) for c, s in casus_union.items()}
    counter.casus_dims.setdefault("casussen_met_melding", {}).update(union_sorted)

    for r in ok["melding"]:
        v = r.val
        day = v["ontvangstdatum"]
        cats = registration_cats(ref, v, "rol_melder", "organisatie_melder")
        cats += [("veiligheidstaxatie", t) for t in veiligheidstaxatie(v)]
        cats.append(("besluit", v["besluit"] or "nog_niet"))
        cats.append(("melding_historie", historie(r, bsns, first_seen)))
        counter.add("ontvangen_meldingen", day, v["gemeente"], cats)
        counter.add_casus("casussen_met_melding", day, v["gemeente"], v["casus_id"])
        if v["eerste_contact_datum"]:
            counter.add_casus("eerste_contact", v["eerste_contact_datum"], v["gemeente"],
                              v["casus_id"])

    def casus_gm(c):
        return casus_first[c][2]

    for r in ok["dienst"]:
        v = r.val
        g = casus_gm(v["casus_id"])
        counter.add("gestarte_diensten", v["startdatum"], g)
        end = v["einddatum"]
        if not end:
            continue
        t = v["type"]
        union = union_sorted.get(v["casus_id"], [])
        if t in ("onderzoek", "onderzoek_multiprobleem"):
            cats = list(union)
            if v["uitkomst"]:
                cats.append(("uitkomst", v["uitkomst"]))
            counter.add("afgeronde_onderzoeken", end, g, cats)
            counter.add("afgeronde_onderzoeken_regulier" if t == "onderzoek"
                        else "afgeronde_onderzoeken_multiprobleem", end, g)
        elif t == "voorwaarden_en_vervolg":
            counter.add("afgeronde_vv", end, g, union)

    for r in ok["overdracht"]:
        v = r.val
        g = casus_gm(v["casus_id"])
        if v["moment"] == "na_veiligheidsbeoordeling":
            counter.add("overdrachten_na_vb", v["datum"], g)
        elif v["moment"] == "na_dienst":
            counter.add("overdrachten_na_dienst", v["datum"], g)
        counter.add("overdrachten_lokaal_monitoring" if v["monitoring"]
                    else "overdrachten_lokaal", v["datum"], g)

    for r in ok["monitoring"]:
        v = r.val
        g = casus_gm(v["casus_id"])
        counter.add("gestarte_monitoring", v["startdatum"], g)
        if v["einddatum"]:
            counter.add("afgeronde_monitoring", v["einddatum"], g)
        if v["extra_interventie"]:
            counter.add("monitoring_extra_interventie", v["startdatum"], g)

    for r in ok["huisverbod"]:
        v = r.val
        counter.add("huisverbod_beoordeeld", v["beoordelingsdatum"], v["gemeente"])
        if v["opgelegd"]:
            counter.add("huisverbod_opgelegd", v["beoordelingsdatum"], v["gemeente"])

    for r in ok["activiteit"]:
        v = r.val
        counter.add("activiteit_" + v["type"], v["datum"], v["gemeente"])

    for r in ok["maatregel"]:
        v = r.val
        counter.add("maatregel_%s_%s" % (v["soort"], v["type"]), v["startdatum"], v["gemeente"])


def historie(melding, bsns, first_seen):
    v = melding.val
    if v["vervolgmelding"] != "nee":
        return "vervolgmelding_" + v["vervolgmelding"]
    mine = bsns.get(id(melding))  # pseudonyms of its accepted betrokkenen
    if not mine:
        return "niet_ingedeeld"
    c, d = v["casus_id"], v["ontvangstdatum"]
    for bsn in mine:
        (d1, c1), second = first_seen[bsn]
        earliest_elsewhere = d1 if c1 != c else (second[0] if second else None)
        if earliest_elsewhere is not None and earliest_elsewhere < d:
            return "hermelding"
    return "eerste_melding"


# ---------------------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--inputs", required=True, help="the region's input folder (inputs/<region>)")
    ap.add_argument("--pipeline", required=True, help="pipelines/<region>.yaml")
    ap.add_argument("--reference", required=True, help="pipelines/reference")
    ap.add_argument("--out", required=True, help="cells.tsv to write ('-' for stdout)")
    ap.add_argument("--summary", help="also write the read/accepted/rejected summary here")
    ap.add_argument("--rejects", help="write every reject (file, position, entity, id, field, "
                    "rule; never a value) here")
    args = ap.parse_args(argv)
    try:
        config = PipelineConfig(args.pipeline)
        ref = Reference(args.reference)
        counter = Counter(ref, config.vtregio)
        summary = []
        rejects = []
        for src in config.sources:
            folder = os.path.join(args.inputs, src["kind"])
            if not os.path.isdir(folder):
                print("recount: warning: source folder %s is missing: no records" % folder,
                      file=sys.stderr)
                continue
            recs = validate_source(src["layout"], folder, ref, src["aliases"])
            count_source(counter, ref, recs)
            for entity in ENTITIES:
                lst = recs.get(entity, [])
                if not lst:
                    continue
                acc = sum(1 for r in lst if r.ok)
                rules = defaultdict(int)
                for r in lst:
                    if not r.ok:
                        rules[r.rule] += 1
                        ident = r.raw.get(ID_FIELD.get(entity, ""), "") if entity in ID_FIELD \
                            else (r.raw.get("melding_id") or r.raw.get("#id") or "")
                        rejects.append((src["kind"], r.where[0], str(r.where[1]), entity,
                                        ident, r.field or "", r.rule))
                summary.append((src["kind"], entity, len(lst), acc, len(lst) - acc,
                                dict(sorted(rules.items()))))
        cells = counter.cells()
    except FatalError as e:
        print("recount: error: %s" % e, file=sys.stderr)
        return 1

    lines = sorted((k, n) for k, n in cells.items() if n)
    text = "".join("\t".join(k) + "\t%d\n" % n for k, n in lines)
    if args.out == "-":
        sys.stdout.write(text)
    else:
        with open(args.out, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    summ = ["source\tentity\tread\taccepted\trejected\trules"]
    for kind, entity, read, acc, rej, rules in summary:
        summ.append("%s\t%s\t%d\t%d\t%d\t%s" % (kind, entity, read, acc, rej,
                                                 ",".join("%s=%d" % kv for kv in rules.items())))
    sys.stderr.write("\n".join(summ) + "\n")
    sys.stderr.write("recount: %d cells\n" % len(lines))
    if args.summary:
        with open(args.summary, "w", encoding="utf-8") as f:
            f.write("\n".join(summ) + "\n")
    if args.rejects:
        with open(args.rejects, "w", encoding="utf-8") as f:
            f.write("source\tfile\tposition\tentity\tid\tfield\trule\n")
            for row in rejects:
                f.write("\t".join(CONTROL.sub("?", x) for x in row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
