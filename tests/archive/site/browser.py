"""A real browser for the site tests: Debian's Chromium, headless, driven by
Selenium through Debian's chromedriver, kept off the network.

Chromium is started with the flags that stop its own background traffic and a
fresh profile; every request it makes is read back from its performance log
(the DevTools Network events), and every console message from its browser log.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
#: Chromium's own PDF viewer: a component of the browser, shown for a PDF link.
PDF_VIEWER = "chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/"
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
         "--no-default-browser-check", "--window-size=1200,1000")


def start_chrome(profile: Path):
    """A headless Chromium with a fresh profile in ``profile``."""
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail("The site tests need Debian's chromium and chromium-driver: "
                    "./run setup (or ./run test) installs them")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.set_script_timeout(60)
    return driver


class Browser:
    """One Chromium for a test module, with what it requested and logged."""

    def __init__(self):
        self.profile = Path(tempfile.mkdtemp(prefix="weekly-pdf-chromium-"))
        self.driver = start_chrome(self.profile)
        # Chromium starts on its new-tab page, which loads browser-internal (chrome://)
        # resources: leave it, so that none of them is taken for the site's.
        self.driver.get("about:blank")
        self.forget()

    def forget(self) -> None:
        """Drop what was logged so far (the new-tab page Chromium opens with)."""
        self.driver.get_log("performance")
        self.driver.get_log("browser")

    def requests(self) -> list[str]:
        """Every URL requested since the last call (or :meth:`forget`)."""
        urls = []
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                urls.append(message["params"]["request"]["url"])
            elif message["method"] == "Network.webSocketCreated":
                urls.append(message["params"]["url"])
        return urls

    def console(self) -> list[dict]:
        """Console messages since the last call."""
        return self.driver.get_log("browser")

    def open(self, path: Path) -> None:
        self.driver.get(Path(path).as_uri())

    def quit(self) -> None:
        self.driver.quit()
        shutil.rmtree(self.profile, ignore_errors=True)


def off_network(urls: list[str], allow_pdf_viewer: bool = False) -> list[str]:
    """The URLs that are not files of the computer (``file:``) or ``data:``."""
    allowed = ("file:", "data:") + ((PDF_VIEWER,) if allow_pdf_viewer else ())
    return [url for url in urls if not url.startswith(allowed)]
