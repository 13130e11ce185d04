"""Time the largest contentful paint of the main pages on a slow phone over a 4G-like link.

Run: .venv/bin/python bench/bench_paint.py [--runs 3] [--cpu-slowdown 4]

It starts the app as a new user meets it (fresh SQLite database, demo content; e2e/server.py)
with production static files: `collectstatic` writes hashed, pre-compressed files, and the
server runs with DEBUG=0. HTML is sent uncompressed (in production Caddy compresses it), so the
figures are a little pessimistic. Debian's chromium (Playwright) opens each page at 360×740
with the CPU slowed down 4× and the network shaped like Lighthouse's mobile "slow 4G"
(150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up), with an empty cache each time, and reads
the largest contentful paint (LCP) from the browser's PerformanceObserver.

Prints one line per page:
page=/kommune/1106/ runs=3 lcp_median_ms=… lcp_max_ms=… bytes=… target_ms=2500 ok
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, sync_playwright  # noqa: E402

from e2e.server import AppServer  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
PAGES = (
    "/",
    "/norge-2040/",
    "/kommune/1106/",
    "/kommune/1106/2040/",
    "/kommune/1106/sammenlign/4601/",
    "/scenario/",
    "/d/HAUKER/",
)
# Lighthouse's mobile "slow 4G": 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up.
SLOW_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6 * 1024 * 1024 / 8,
    "uploadThroughput": 750 * 1024 / 8,
}
TARGET_MS = 2500.0  # "good" LCP in Google's Core Web Vitals
LCP_SCRIPT = """
() => new Promise((resolve) => {
  new PerformanceObserver((list) => {
    const entries = list.getEntries();
    resolve(entries[entries.length - 1].startTime);
  }).observe({type: "largest-contentful-paint", buffered: true});
})
"""
BYTES_SCRIPT = """
() => performance.getEntriesByType("resource").concat(performance.getEntriesByType("navigation"))
  .reduce((sum, entry) => sum + (entry.transferSize || 0), 0)
"""


def production_env(workdir: Path) -> dict[str, str]:
    """DEBUG=0 with collectstatic's hashed, compressed files, as a production worker serves them."""
    return {
        "DEBUG": "0",
        "STATIC_MANIFEST": "1",
        "SECRET_KEY": "bench-paint-secret-key-not-for-production-0123456789",
        "LOG_LEVEL": "ERROR",
        "ACCESS_LOG": "0",
        "DATABASE_URL": f"sqlite:///{workdir / 'e2e.sqlite3'}",
    }


def collect_static(env: dict[str, str]) -> None:
    """Write the production static files (hashed names, .gz and .br copies)."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env={**os.environ, **env},
        check=True,
    )


def paint_once(browser: Browser, url: str, cpu_slowdown: float) -> tuple[float, int]:
    """Open one page in a fresh phone-sized context; return its LCP (ms) and bytes transferred."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True,
        has_touch=True, locale="nb-NO",
    )  # fmt: skip
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu_slowdown})
        response = page.goto(url, wait_until="load", timeout=60_000)
        if response is None or response.status != 200:
            raise SystemExit(f"{url} answered {response.status if response else 'nothing'}")
        return float(page.evaluate(LCP_SCRIPT)), int(page.evaluate(BYTES_SCRIPT))
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="loads per page (default 3)")
    parser.add_argument("--cpu-slowdown", type=float, default=4.0, help="CPU slowdown (default 4)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-paint-") as folder:
        workdir = Path(folder)
        env = production_env(workdir)
        collect_static(env)
        server = AppServer(workdir, env=env)
        server.prepare()
        server.start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, args=["--headless=new", "--no-sandbox"]
                )
                paint_once(browser, server.url + "/", 1.0)  # warm the server, not the browser
                for path in PAGES:
                    measured = [
                        paint_once(browser, server.url + path, args.cpu_slowdown)
                        for _ in range(args.runs)
                    ]
                    lcp = [ms for ms, _ in measured]
                    verdict = "ok" if statistics.median(lcp) <= TARGET_MS else "SLOW"
                    print(
                        f"page={path} runs={args.runs} lcp_median_ms={statistics.median(lcp):.0f} "
                        f"lcp_max_ms={max(lcp):.0f} bytes={measured[-1][1]} "
                        f"target_ms={TARGET_MS:.0f} {verdict}",
                        flush=True,
                    )
                browser.close()
        finally:
            server.stop()


if __name__ == "__main__":
    main()
