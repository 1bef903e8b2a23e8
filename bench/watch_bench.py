"""The ``make bench`` row of ``impact watch``: from a save to the updated page in a browser.

A generated diagram of 100 boxes is watched by the real ``impact watch`` process and
open in the system's headless Chromium (Playwright, never a downloaded browser). Each
round changes the title in the file and times, from the write, until the new title
is in the page's DOM. The same run times ``impact render diagram.yaml -o page.html``
(the whole process) on the same file: the preview keeps everything loaded, so an
update should cost no more than rendering the page from scratch (target: <= 1.0x).

Without Chromium the row is skipped with a note, never failed.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from generate import generate

NODES = 100
CHROMIUM = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")


def chromium() -> str | None:
    for candidate in (os.environ.get("IMPACT_CHROMIUM"), *CHROMIUM, shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def measure(tmp: Path, runs: int, warmup: int) -> dict[str, Any]:
    """Median seconds from a save to the updated DOM, and of ``impact render`` to HTML."""
    browser_path = chromium()
    if browser_path is None:
        return {"note": "no Chromium on this machine (apt-get install chromium)"}
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"note": "Playwright is not installed (make setup installs it)"}

    source = tmp / "watch" / "diagram.yaml"
    source.parent.mkdir(parents=True, exist_ok=True)
    text = generate(NODES)
    title = text.split("\n", 1)[0]  # 'title: "..."', the generator's first line
    assert title.startswith("title: "), title
    source.write_text(text, encoding="utf-8")
    impact = str(Path(sys.executable).parent / "impact")
    render = [impact, "render", str(source), "-o", str(tmp / "watch" / "page.html")]

    env = dict(os.environ, NO_COLOR="1")
    proc = subprocess.Popen(
        [impact, "watch", "--no-open", str(source)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )
    try:
        url = _address(proc)
        updates: list[float] = []
        renders: list[float] = []
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=browser_path, headless=True, args=["--disable-gpu"]
            )
            page = browser.new_page()
            page.goto(url, wait_until="load")
            page.wait_for_function("() => document.documentElement.dataset.impactWatch === 'live'")
            for round_no in range(warmup + runs):
                marker = f"Round {round_no} of the watch benchmark"
                start = time.perf_counter()
                source.write_text(text.replace(title, f"title: {marker}", 1), encoding="utf-8")
                page.wait_for_function(
                    "(m) => document.querySelector('h1').textContent === m", arg=marker
                )
                update = time.perf_counter() - start
                start = time.perf_counter()
                subprocess.run(render, env=env, capture_output=True, check=True)
                if round_no >= warmup:
                    updates.append(update)
                    renders.append(time.perf_counter() - start)
            browser.close()
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(30)
        if proc.stdout is not None:
            proc.stdout.close()
    update_s, render_s = statistics.median(updates), statistics.median(renders)
    return {
        "nodes": NODES,
        "update_s": update_s,
        "render_s": render_s,
        "ratio": update_s / render_s,
        "update_samples_s": updates,
        "render_samples_s": renders,
    }


def _address(proc: subprocess.Popen[bytes]) -> str:
    assert proc.stdout is not None
    for line in iter(proc.stdout.readline, b""):
        found = re.search(rb"open (http://127\.0\.0\.1:\d+/)", line)
        if found:
            # keep reading, so that the problems it prints never fill the pipe
            threading.Thread(target=proc.stdout.read, daemon=True).start()
            return found.group(1).decode()
    raise RuntimeError(f"impact watch ended with {proc.wait()} before serving")
