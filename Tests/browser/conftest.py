"""Fixtures of the browser tests: the seed site built once into a temporary folder, served on
127.0.0.1 by nginx with the office's own deploy/nginx.conf, and a headless Chromium driven by
Selenium. Every step is bounded by a timeout; screenshots and PDFs go to test-artifacts/browser/.

Environment: SITE_DIR (use a site already built with --today 2026-11-29 instead of building),
SWIFT_SCRATCH_PATH (the scratch folder for `swift run`), CHROMIUM and CHROMEDRIVER (binaries).
"""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from browser_helpers import ARTIFACTS, BASE_PATH, ROOT, TODAY, Browser

BUILD_TIMEOUT = 1800   # seconds: `swift run` may have to compile the site command first
TEST_TIMEOUT = 180     # seconds for any single test
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", shutil.which("chromedriver") or "/usr/bin/chromedriver")


# ---------------------------------------------------------------- bounds

@pytest.fixture(autouse=True)
def bounded_test():
    """Fails a test that hangs instead of letting it stall the whole test command."""
    def expired(signum, frame):
        raise TimeoutError(f"test took more than {TEST_TIMEOUT} s")
    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(TEST_TIMEOUT)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


# ---------------------------------------------------------------- the site

@pytest.fixture(scope="session")
def www():
    """A temporary web root, readable by nginx's worker user, with the site in gongbao/."""
    folder = Path(tempfile.mkdtemp(prefix="gazette-browser-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def site(www):
    """The seed site at www/gongbao: a copy of SITE_DIR, or a fresh build."""
    target = www / "www" / BASE_PATH.strip("/")
    target.parent.mkdir(parents=True)
    given = os.environ.get("SITE_DIR")
    if given:
        shutil.copytree(given, target)
    else:
        command = ["swift", "run", "site", "build", "--content", "content", "--theme", "theme",
                   "--output", str(target), "--today", TODAY]
        if os.environ.get("SWIFT_SCRATCH_PATH"):
            command[2:2] = ["--scratch-path", os.environ["SWIFT_SCRATCH_PATH"]]
        build = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT)
        if build.returncode != 0:
            # Every test needs the site: stop at once with the build's own messages.
            output = (build.stdout + build.stderr).strip().splitlines()
            shutil.rmtree(www, ignore_errors=True)
            pytest.exit("the seed site could not be built (" + " ".join(command) + "):\n"
                        + "\n".join(output[-30:]), returncode=1)
    for path in [target.parent, *target.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return target


# ---------------------------------------------------------------- nginx

def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def deployed_conf(web_root, port):
    """deploy/nginx.conf with only its root folder and listen port replaced, as an office would."""
    text = subprocess.run(
        ["sed", "-E", f"s#^([[:space:]]*root )/var/www;#\\1{web_root};#; s#^([[:space:]]*listen )8080;#\\1127.0.0.1:{port};#",
         str(ROOT / "deploy/nginx.conf")],
        check=True, capture_output=True, text=True, timeout=10).stdout
    assert text.count(f"root {web_root};") == 1, "deploy/nginx.conf should have one `root /var/www;`"
    # Only loopback during tests: the deployed file listens on all interfaces, the test server must not.
    assert text.count(f"listen 127.0.0.1:{port};") == 1, "deploy/nginx.conf should have one `listen 8080;`"
    return text


@pytest.fixture(scope="session")
def server(www, site):
    """nginx serving the site with deploy/nginx.conf; yields the origin, http://127.0.0.1:port."""
    port = free_port()
    conf = www / "nginx"
    conf.mkdir()
    (conf / "gazette.conf").write_text(deployed_conf(www / "www", port), "utf-8")
    temp = {name: conf / name for name in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]}
    (conf / "nginx.conf").write_text(f"""daemon off;
worker_processes 1;
pid {conf}/nginx.pid;
error_log {conf}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {conf}/access.log;
    client_body_temp_path {temp['client_body']};
    proxy_temp_path {temp['proxy']};
    fastcgi_temp_path {temp['fastcgi']};
    uwsgi_temp_path {temp['uwsgi']};
    scgi_temp_path {temp['scgi']};
    include {conf}/gazette.conf;
}}
""", "utf-8")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    check = subprocess.run([nginx, "-t", "-q", "-c", str(conf / "nginx.conf"), "-p", str(conf)],
                           capture_output=True, text=True, timeout=30)
    assert check.returncode == 0, f"nginx rejected the configuration:\n{check.stderr}"
    process = subprocess.Popen([nginx, "-c", str(conf / "nginx.conf"), "-p", str(conf)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    origin = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while True:
        try:
            with urllib.request.urlopen(origin + BASE_PATH, timeout=2) as response:
                if response.status == 200:
                    break
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"nginx did not start: {process.stderr.read().decode(errors='replace')}"
                               f"{(conf / 'error.log').read_text(errors='replace') if (conf / 'error.log').exists() else ''}")
        time.sleep(0.1)
    yield origin
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


# ---------------------------------------------------------------- Chromium

def start_chromium():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--lang=zh-CN", "--window-size=1280,900", "--hide-scrollbars", "--no-first-run",
                     "--no-default-browser-check", "--disable-extensions", "--disable-sync",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-default-apps", "--disable-features=Translate,MediaRouter,OptimizationHints"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    options.page_load_strategy = "normal"
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER, service_args=["--log-level=WARNING"]), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    return driver


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the whole session (starting one costs about a second)."""
    driver = start_chromium()
    yield driver
    driver.quit()


@pytest.fixture
def browser(chromium, server):
    """The shared Chromium in a clean state: desktop viewport, no emulation, no stored elder mode."""
    page = Browser(chromium, server)
    page.reset()
    yield page
    page.reset()


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
