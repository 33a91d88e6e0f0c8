#!/usr/bin/env python3
"""Check that every organisation named in content/leadership and content/committees
resolves through content/departments.yaml (a `name` or an `alias`).

Usage: python3 scripts/check-departments.py [content-dir]
Prints one line per problem and exits 1 if there is any; prints nothing when all is well.
"""
import glob
import os
import re
import sys

import yaml

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "content")

# Parts of a post that are a title only and name no unit ("市委常委、副市长", "党组书记、局长").
TITLES = {"市委副书记", "市长", "市委常委", "副市长", "市政府副市长", "局长", "副局长", "总督学"}

problems = []


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


# --- the registry: every name and alias maps to its entry's id; duplicates are problems
known = {}
ids = set()
for d in load(os.path.join(ROOT, "departments.yaml")):
    if d["id"] in ids or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", d["id"]):
        problems.append(f"departments.yaml: bad or repeated id {d['id']}")
    ids.add(d["id"])
    for n in [d["name"], *d.get("aliases", [])]:
        if n in known and known[n] != d["id"]:
            problems.append(f"departments.yaml: {n} belongs to both {known[n]} and {d['id']}")
        known[n] = d["id"]


def unit(where, name):
    """A string that must be a unit name, exactly."""
    if name not in known:
        problems.append(f"{where}: unit {name}")


def post(where, text):
    """A post such as 市财政局局长: each part (split on 、 and spaces) is a bare title or
    starts with a known unit name; what follows it (局长, 督导室主任 …) is not checked."""
    for part in re.split(r"[、\s]+", text.strip()):
        if part and part not in TITLES and not any(part.startswith(n) for n in known):
            problems.append(f"{where}: post {text} (no unit at the start of {part})")


# --- leadership: units overseen, co-overseen, liaised with, presided over; leader ids
for path in sorted(glob.glob(os.path.join(ROOT, "leadership", "*.yaml"))):
    f = os.path.relpath(path, ROOT)
    leaders = load(path)["leaders"]
    leader_ids = {l["id"] for l in leaders}
    for l in leaders:
        w = f"{f}: {l['id']}"
        for key in ("oversees", "liaises", "presides"):
            for n in l.get(key, []):
                unit(f"{w}.{key}", n)
        for c in l.get("co_oversees", []):
            unit(f"{w}.co_oversees", c["unit"])
            if c["with"] not in leader_ids:
                problems.append(f"{w}.co_oversees: no leader {c['with']}")
        for a in l.get("assists", []):
            if a not in leader_ids:
                problems.append(f"{w}.assists: no leader {a}")

# --- committees: office unit, members' posts, the liaison's post, units given duties
for path in sorted(glob.glob(os.path.join(ROOT, "committees", "*.yaml"))):
    f = os.path.relpath(path, ROOT)
    c = load(path)
    unit(f"{f}: office", c["office"]["unit"])
    for key in ("members", "office_members"):
        for m in c.get(key, []):
            post(f"{f}: {key} {m['name']}", m["post"])
    if "liaison" in c:
        post(f"{f}: liaison {c['liaison']['name']}", c["liaison"]["post"])
    for u in c.get("unit_duties", []):
        for n in u["units"]:
            unit(f"{f}: unit_duties", n)

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
