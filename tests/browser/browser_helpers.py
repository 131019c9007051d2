"""Headless Chromium for the browser tests (Debian's chromium + chromium-driver, driven with selenium);
skips cleanly when either is absent or the browser cannot start."""

from __future__ import annotations

import shutil

import pytest


def chromium_driver(tmp_path, size: str = "1400,1600"):
    webdriver = pytest.importorskip("selenium.webdriver")
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    drv = shutil.which("chromedriver")
    if not exe or not drv:
        pytest.skip("chromium / chromedriver not installed (apt-get install chromium chromium-driver)")
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    opts = Options()
    opts.binary_location = exe
    for a in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
              "--disable-component-update", "--disable-sync", f"--window-size={size}",
              f"--user-data-dir={tmp_path / 'profile'}"):
        opts.add_argument(a)
    try:
        return webdriver.Chrome(service=Service(drv), options=opts)
    except Exception as e:  # a broken browser install is an environment problem, not a report bug
        pytest.skip(f"chromium could not start: {e}")
