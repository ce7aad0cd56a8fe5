#!/usr/bin/env python3
"""Writes a synthetic staged folder (docs/handover.md, vtcijfers-staged/1) for benchmarking
the transform and load stages on their own, without an export or the extract stage.

    scripts/gen-staged.py --meldingen 1000000 --work /tmp/vt-bench/groningen
    .build/release/vt-transform --pipeline pipelines/groningen.yaml --work /tmp/vt-bench/groningen --outputs /tmp/vt-bench/out/groningen
    .build/release/vt-load --pipeline pipelines/groningen.yaml --work /tmp/vt-bench/groningen --outputs /tmp/vt-bench/out/groningen

Region groningen (VT08). Per melding: 2.5 betrokkenen (after their melding, or shuffled), 0.5 diensten, 0.6 overdrachten,
0.3 monitoring, 0.8 adviezen; 0.7 casussen; dates 2019-2022. Deterministic for a seed.
"""
import argparse, json, os, random, datetime

p = argparse.ArgumentParser()
p.add_argument("--meldingen", type=int, default=1_000_000)
p.add_argument("--work", required=True)
p.add_argument("--seed", type=int, default=1)
p.add_argument("--shuffle-betrokkenen", action="store_true",
               help="betrokkenen in random order (the worst case) instead of after their melding")
a = p.parse_args()
rnd = random.Random(a.seed)
N = a.meldingen

GEM = ["GM0014", "GM0037", "GM0047", "GM0765", "GM1895", "GM1950", "GM1952", "GM1966",
       "GM1969", "GM1979", "GM0003", "GM0010", "GM0024", "GM0599"]
AARD = ["kindermishandeling", "partnergeweld", "ouderenmishandeling", "geweld_tegen_ouders",
        "huiselijk_geweld_overig", "andere_problematiek", "geen", "onbekend"]
AANV = ["conflictscheiding", "eergerelateerd_geweld", "huwelijksdwang", "stalking", "seksueel_misbruik"]
ROL = ["beroepsmatig", "niet_beroepsmatig", "onbekend"]
ORG = ["politie_melding_aangifte", "huisarts", "basisonderwijs", "wijkteam", "onbekend", "anders"]
DUUR = ["", "max_1_week", "1_6_maanden", "langer_5_jaar", "onbekend"]
KM = ["fysieke_mishandeling", "emotionele_mishandeling", "getuige_geweld"]
JNO = ["ja", "nee", "onbekend"]
BESLUIT = ["", "vervolg_vt", "overdracht", "geen_vervolg"]
VERVOLG = ["nee"] * 8 + ["tijdens_veiligheidsbeoordeling", "tijdens_monitoring"]
START = datetime.date(2019, 1, 1).toordinal()
DAYS = [datetime.date.fromordinal(START + i).isoformat() for i in range(4 * 365 + 1)]

def day(): return rnd.randrange(len(DAYS))
def multi(lst, k):
    picked = sorted(set(rnd.randrange(len(lst)) for _ in range(k)))
    return "|".join(lst[i] for i in picked)

base = a.work + "/staged"
os.makedirs(base + "/veilig-thuis", exist_ok=True)
os.makedirs(base + "/jeugdbescherming", exist_ok=True)
counts = {}

def table(folder, entity, columns, rows):
    path = f"{base}/{folder}/{entity}.tsv"
    n = 0
    with open(path, "w", buffering=1 << 20) as f:
        f.write(f"#vtcijfers-staged/1\t{entity}\n" + "\t".join(columns) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
            n += 1
    os.chmod(path, 0o600)
    counts.setdefault(folder, {})[entity] = n

melding_days = []
casussen = max(1, int(N * 0.7))
def meldingen():
    for i in range(N):
        d = day()
        melding_days.append(d)
        c = rnd.randrange(casussen)
        yield [f"M{i:08d}", f"C{c:08d}", DAYS[d], rnd.choice(GEM), rnd.choice(ROL),
               rnd.choice(ORG) if rnd.random() < 0.6 else "", multi(AARD, rnd.randint(1, 2)),
               multi(AANV, rnd.randint(0, 1)), rnd.choice(DUUR), multi(KM, rnd.randint(0, 1)), "",
               rnd.choice(JNO), rnd.choice(JNO), rnd.choice(BESLUIT), "",
               DAYS[min(d + rnd.randrange(20), len(DAYS) - 1)] if rnd.random() < 0.8 else "",
               rnd.choice(VERVOLG), "nee"]
table("veilig-thuis", "melding", ["melding_id", "casus_id", "ontvangstdatum", "gemeente",
      "rol_melder", "organisatie_melder", "aard_geweld", "aanvullende_informatie", "duur_geweld",
      "vorm_kindermishandeling", "vorm_ouderenmishandeling", "acute_onveiligheid",
      "structurele_onveiligheid", "besluit", "besluitdatum", "eerste_contact_datum",
      "vervolgmelding", "radarmelding"], meldingen())

people = int(N * 1.5)
def betrokkenen():
    for i in range(N):
      for _ in range(rnd.choice([1, 2, 2, 3, 3, 4])):  # 2.5 on average
        m = rnd.randrange(N) if a.shuffle_betrokkenen else i
        ps = "" if rnd.random() < 0.1 else "%032x" % (rnd.randrange(people) * 0x9E3779B97F4A7C15 % (1 << 128))
        yield [f"M{m:08d}", ps, str(rnd.randint(1940, 2018)), rnd.choice(["man", "vrouw"]), "slachtoffer"]
table("veilig-thuis", "betrokkene", ["melding_id", "pseudonym", "geboortejaar", "geslacht", "rol"], betrokkenen())

# Diensten, overdrachten and monitoring point at the casus of a random melding, so every
# reference resolves (as the extract stage guarantees).
melding_casus = []
with open(base + "/veilig-thuis/melding.tsv") as f:
    next(f); next(f)
    for line in f:
        melding_casus.append(line.split("\t", 2)[1])

def ended(d):
    return DAYS[min(d + rnd.randrange(200), len(DAYS) - 1)] if rnd.random() < 0.7 else ""
def diensten():
    for i in range(N // 2):
        d = day()
        t = rnd.choice(["onderzoek", "voorwaarden_en_vervolg", "onderzoek_multiprobleem"])
        e = ended(d)
        u = rnd.choice(["", "bevestigd", "niet_bevestigd"]) if e and t != "voorwaarden_en_vervolg" else ""
        yield [f"D{i:08d}", rnd.choice(melding_casus), t, DAYS[d], e, u]
table("veilig-thuis", "dienst", ["dienst_id", "casus_id", "type", "startdatum", "einddatum", "uitkomst"], diensten())
table("veilig-thuis", "overdracht", ["overdracht_id", "casus_id", "datum", "moment", "ontvanger", "monitoring"],
      ([f"O{i:08d}", rnd.choice(melding_casus), DAYS[day()], rnd.choice(["na_veiligheidsbeoordeling", "na_dienst"]),
        "lokaal_team", rnd.choice(["ja", "nee"])] for i in range(int(N * 0.6))))
def monitoring():
    for i in range(int(N * 0.3)):
        d = day()
        yield [f"W{i:08d}", rnd.choice(melding_casus), DAYS[d], ended(d), rnd.choice(["ja", "nee"])]
table("veilig-thuis", "monitoring", ["monitoring_id", "casus_id", "startdatum", "einddatum", "extra_interventie"], monitoring())
table("veilig-thuis", "huisverbod", ["huisverbod_id", "casus_id", "gemeente", "beoordelingsdatum", "opgelegd", "verlengd"],
      ([f"H{i:08d}", "", rnd.choice(GEM), DAYS[day()], rnd.choice(["ja", "nee"]), "nee"] for i in range(N // 50)))
def adviezen():
    for i in range(int(N * 0.8)):
        d = day()
        yield [f"A{i:08d}", DAYS[d], ended(d), rnd.choice(GEM) if rnd.random() < 0.8 else "",
               rnd.choice(["telefoon", "chat", "email"]), rnd.choice(ROL),
               rnd.choice(ORG) if rnd.random() < 0.5 else "", multi(AARD, rnd.randint(1, 2)),
               multi(AANV, rnd.randint(0, 1)), rnd.choice(DUUR), multi(KM, rnd.randint(0, 1)), ""]
table("veilig-thuis", "advies", ["advies_id", "startdatum", "einddatum", "gemeente", "contactvorm",
      "rol_adviesvrager", "organisatie_adviesvrager", "aard_geweld", "aanvullende_informatie",
      "duur_geweld", "vorm_kindermishandeling", "vorm_ouderenmishandeling"], adviezen())
table("veilig-thuis", "activiteit", ["activiteit_id", "type", "datum", "gemeente"],
      ([f"AC{i:08d}", rnd.choice(["voorlichting", "casusoverleg"]), DAYS[day()],
        rnd.choice(GEM) if rnd.random() < 0.7 else ""] for i in range(N // 20)))
table("jeugdbescherming", "maatregel", ["maatregel_id", "gemeente", "type", "soort", "startdatum"],
      ([f"J{i:08d}", rnd.choice(GEM), rnd.choice(["ots", "voogdij", "muhp", "jeugdreclassering"]),
        rnd.choice(["nieuw", "verlenging"]), DAYS[day()]] for i in range(N // 10)))

def export(folder, kind, org, layout, sha):
    return {"folder": folder, "kind": kind, "organisation": org, "layout": layout,
            "export_sha256": sha * 64, "peildatum": "2022-12-31", "peildatum_source": "file",
            "accepted": counts[folder]}
index = {"format": "vtcijfers-staged", "version": 1, "region": "groningen",
         "pseudonym_key": {"kind": "demo", "fingerprint": "0000000000000000"},
         "sources": [export("jeugdbescherming", "jeugdbescherming", "JB", "jb-csv", "b"),
                     export("veilig-thuis", "veilig-thuis", "VT", "vt-xml", "a")]}
with open(base + "/index.json", "w") as f:
    json.dump(index, f, indent=2, sort_keys=True)
print(json.dumps(counts))
