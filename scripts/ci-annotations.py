#!/usr/bin/env python3
"""Turns `site check --format json` into CI annotations.

    swift run site check --format json > check.json
    scripts/ci-annotations.py github check.json          # ::error file=…,line=…,col=…::message lines
    scripts/ci-annotations.py gitlab check.json > gl-code-quality-report.json

`github` prints workflow commands that GitHub Actions shows on the lines of the pull
request; `gitlab` writes a Code Quality report (a JSON list) for merge requests. Standard
library only. The exit status is 1 when the check found errors, so the script can gate too.
"""
import hashlib
import json
import sys

GITHUB = {"error": "error", "warning": "warning", "info": "notice"}
GITLAB = {"error": "critical", "warning": "minor", "info": "info"}


def github_escape(text, property_value=False):
    """Workflow-command escaping: a message may not break the line or the command."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def github(findings):
    for f in findings:
        props = [f"file={github_escape(f['file'], True)}"]
        if f.get("line"):
            props.append(f"line={f['line']}")
        if f.get("column"):
            props.append(f"col={f['column']}")
        kind = GITHUB.get(f["severity"], "warning")
        print(f"::{kind} {','.join(props)}::{github_escape(f['message'])}")


def gitlab(findings):
    report = []
    for f in findings:
        place = f"{f['file']}:{f.get('line', 0)}:{f.get('column', 0)}:{f['message']}"
        report.append({
            "description": f["message"],
            "check_name": "site-check",
            "fingerprint": hashlib.sha256(place.encode("utf-8")).hexdigest(),
            "severity": GITLAB.get(f["severity"], "minor"),
            "location": {"path": f["file"], "lines": {"begin": max(1, f.get("line") or 1)}},
        })
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    print()


def main(argv):
    if len(argv) not in (2, 3) or argv[1] not in ("github", "gitlab"):
        sys.exit(__doc__)
    source = open(argv[2], encoding="utf-8") if len(argv) == 3 else sys.stdin
    check = json.load(source)
    findings = check.get("findings", [])
    (github if argv[1] == "github" else gitlab)(findings)
    errors = check.get("errors", sum(1 for f in findings if f["severity"] == "error"))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
