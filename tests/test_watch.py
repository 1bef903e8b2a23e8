"""``impact watch`` as a real process, over plain HTTP: what it serves, what it refuses,
what the terminal says, and how it stops. The browser side is in
tests/browser/test_watch_browser.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import DIAGRAMS, Invoke, copy_example
from robustness.proc import command_line, dot_child
from watching import Watch, edit, watching

WARD = DIAGRAMS / "ward-falls.yaml"
TITLE = "Reducing inpatient falls on Ward 7"
DRIVER = "    title: Reliable falls risk assessment"
MISTAKE = "    titel: Reliable falls risk assessment"

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="process groups and /proc")


@pytest.fixture
def ward(tmp_path: Path) -> Path:
    folder = tmp_path / "diagrams"
    folder.mkdir()
    return copy_example(WARD, folder, "ward.yaml")


@pytest.fixture
def state(tmp_path: Path) -> Path:
    """Where a crash log would go: it must stay empty."""
    path = tmp_path / "state"
    path.mkdir()
    return path


@pytest.fixture
def watch(ward: Path, state: Path) -> Iterator[Watch]:
    with watching(ward, state=state) as running:
        yield running


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Watch]:
    """One watch for the tests that only read: what is served and what is refused."""
    folder = tmp_path_factory.mktemp("served")
    ward = copy_example(WARD, folder, "ward.yaml")
    with watching(ward, state=tmp_path_factory.mktemp("state")) as running:
        yield running


def first_event(watch: Watch, page: str = "/") -> dict[str, object]:
    """The first event of a page's stream (sent as soon as it connects)."""
    with socket.create_connection(("127.0.0.1", watch.port), timeout=30) as sock:
        sock.sendall(
            f"GET /events?page={page} HTTP/1.1\r\nHost: 127.0.0.1:{watch.port}\r\n\r\n".encode()
        )
        data = b""
        while b"\nevent: update\ndata: " not in data or not data.endswith(b"\n\n"):
            chunk = sock.recv(65536)
            assert chunk, data
            data += chunk
    head, _, stream = data.partition(b"\r\n\r\n")
    assert b"Content-Type: text/event-stream" in head
    assert stream.startswith(b"retry: 1000\n\n")
    line = stream.split(b"data: ", 1)[1].split(b"\n", 1)[0]
    event: dict[str, object] = json.loads(line)
    return event


# -- what is served ----------------------------------------------------------------------


def test_serves_the_rendered_page_with_the_live_region_and_a_strict_policy(
    served: Watch, impact: Invoke, tmp_path: Path
) -> None:
    watch = served
    status, headers, body = watch.get("/")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    page = body.decode()
    nonce = page.split('<script nonce="', 1)[1].split('"', 1)[0]
    policy = headers["Content-Security-Policy"]
    assert policy.startswith("default-src 'none'; ")
    assert f"script-src 'nonce-{nonce}'" in policy
    assert f"style-src 'nonce-{nonce}'" in policy
    assert "connect-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert page.count("<script") == 1
    assert page.count(f'<style nonce="{nonce}"') == 2  # the page's own and the watch's
    assert watch.get("/")[1]["Content-Security-Policy"] != policy  # a new nonce each time
    for name, value in {
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
    }.items():
        assert headers[name] == value
    assert headers["Server"] == "impact-watch"  # not the Python version
    assert '<section class="impact-watch" id="impact-watch" aria-label="Live preview"' in page
    assert '<div id="impact-watch-status" aria-live="polite">' in page
    assert "No problems in" in page

    # the page is the one 'impact render' writes, with only the watch parts added
    out = tmp_path / "published.html"
    assert impact("render", WARD, "-o", out).exit_code == 0
    published = out.read_text(encoding="utf-8")
    assert "<script" not in published
    served = page.replace(f' nonce="{nonce}"', "")
    for added in (
        r'<style id="impact-watch-style">.*?</style>\n',
        r"<script>.*?</script>\n",
        r'<section class="impact-watch".*?</section>\n',
    ):
        served = re.sub(added, "", served, count=1, flags=re.DOTALL)
    assert served == published


def test_the_event_stream_carries_the_page_and_its_problems(watch: Watch, ward: Path) -> None:
    event = first_event(watch)
    assert event["stale"] is False
    page = event["page"]
    assert isinstance(page, dict)
    assert page["title"] == f"{TITLE}: driver diagram and text version"
    assert page["lang"] == "en-GB"
    assert page["body"].startswith("<body")
    assert "figure" in page["body"]
    assert ":root" in page["style"]

    seen = watch.rebuilds()
    edit(ward, DRIVER, MISTAKE)
    watch.wait_for_rebuild(seen)
    event = first_event(watch)
    assert event["stale"] is True
    assert "31:5 error DD-F01" in str(event["status"])
    assert "did you mean &#x27;title&#x27;?" in str(event["status"])
    assert TITLE in str(event["page"])  # the last good page, kept


def test_unknown_streams_and_methods_are_refused(served: Watch) -> None:
    watch = served
    assert watch.get("/events?page=/nope")[0] == 404
    assert watch.get("/events")[0] == 404
    conn = socket.create_connection(("127.0.0.1", watch.port), timeout=30)
    with conn:
        conn.sendall(f"POST / HTTP/1.1\r\nHost: 127.0.0.1:{watch.port}\r\n\r\n".encode())
        assert conn.recv(100).startswith(b"HTTP/1.0 501")


# -- safety: host, paths, listing --------------------------------------------------------


def test_only_the_loopback_host_names_are_answered(served: Watch) -> None:
    watch = served
    port = watch.port
    assert watch.get("/", host=f"127.0.0.1:{port}")[0] == 200
    assert watch.get("/", host=f"localhost:{port}")[0] == 200
    assert watch.get("/", host=f"LOCALHOST:{port}")[0] == 200
    # DNS rebinding: a name the attacker controls, now pointing at 127.0.0.1
    for host in (
        f"attacker.example:{port}",
        "attacker.example",
        "127.0.0.1",  # no port: not this server's origin
        f"127.0.0.1:{port + 1}",
        f"localhost.attacker.example:{port}",
        f"127.0.0.1:{port}.attacker.example",
        "",
    ):
        status, headers, body = watch.get("/", host=host)
        assert status == 403, host
        assert b"<html" not in body
        assert headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert watch.get("/", host=None)[0] == 403  # no Host header at all
    assert watch.get("/events?page=/", host=f"attacker.example:{port}")[0] == 403
    # a page elsewhere asking with the browser's Origin
    assert watch.get("/", {"Origin": "http://attacker.example"})[0] == 403
    assert watch.get("/", {"Origin": "null"})[0] == 403
    assert watch.get("/", {"Origin": f"http://127.0.0.1:{port}"})[0] == 200


TRAVERSALS = [
    "/../etc/passwd",
    "/../../../../../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "/..%2f..%2fetc%2fpasswd",
    "/%252e%252e/etc/passwd",
    "/..\\..\\etc\\passwd",
    "/%c0%ae%c0%ae/etc/passwd",
    "//etc/passwd",
    "/etc/passwd",
    "/ward.yaml",
    "/diagrams/ward.yaml",
    "/./",
    "/%2F",
    "/index.html",
    "/favicon.ico",
    "/events/../ward.yaml",
    "/%00",
]


def test_no_path_reaches_a_file(served: Watch) -> None:
    for path in TRAVERSALS:
        status, _, body = served.get(path)
        assert status in (400, 404), (path, status)
        assert b"root:" not in body
        assert b"primary_drivers" not in body
        assert b"<html" not in body


def test_a_directory_gives_an_index_of_its_diagrams_and_nothing_else(
    tmp_path: Path, state: Path
) -> None:
    folder = tmp_path / "diagrams"
    (folder / "wards").mkdir(parents=True)
    copy_example(WARD, folder / "wards", "ward.yaml")
    shutil.copy(DIAGRAMS / "nhs-impact.yaml", folder / "nhs.yml")
    hostile = folder / "<img src=x onerror=alert(1)>.yaml"
    shutil.copy(DIAGRAMS / "tertiary.yaml", hostile)
    (folder / "notes.txt").write_text("not a diagram\n", encoding="utf-8")
    with watching(folder, state=state) as watch:
        status, _, body = watch.get("/")
        index = body.decode()
        assert status == 200
        assert '<a href="/wards/ward.html">wards/ward.yaml</a>' in index
        assert '<a href="/nhs.html">nhs.yml</a>' in index
        assert "&lt;img src=x onerror=alert(1)&gt;.yaml" in index
        assert "<img" not in index
        assert TITLE in index
        assert "3 diagrams, none with errors." in index

        status, _, body = watch.get("/wards/ward.html")
        assert status == 200
        assert TITLE in body.decode()
        assert '<a href="/">All diagrams</a>' in body.decode()
        link = index.split('<a href="', 3)[3].split('"', 1)[0]
        assert watch.get(link)[0] == 200  # the hostile name's page, by its encoded link
        # no directory listing, no file, no path outside
        for path in ("/wards/", "/wards", "/notes.txt", "/wards/ward.yaml", "/nhs.yml", "/../"):
            assert watch.get(path)[0] == 404, path

        # a new file is listed; a broken one is marked
        seen = watch.rebuilds()
        shutil.copy(DIAGRAMS / "many-to-many.yaml", folder / "new.yaml")
        watch.wait_for_rebuild(seen)
        seen = watch.rebuilds()
        edit(folder / "wards" / "ward.yaml", DRIVER, MISTAKE)
        watch.wait_for_rebuild(seen)
        index = watch.get("/")[2].decode()
        assert '<a href="/new.html">new.yaml</a>' in index
        assert "4 diagrams, 1 with errors." in index
        assert "(1 error)" in index
    assert not any(state.iterdir())


# -- the terminal, saves, and nothing written ---------------------------------------------


def test_the_terminal_shows_the_problems_as_validate_does(
    watch: Watch, ward: Path, impact: Invoke
) -> None:
    seen = watch.rebuilds()
    edit(ward, DRIVER, MISTAKE)
    watch.wait_for_rebuild(seen)
    after = watch.stdout
    expected = impact("validate", ward).stdout
    assert expected.startswith(f"{ward}:31:5: error DD-F01")
    assert expected in after
    assert "ward.yaml: the page keeps the last version without errors" in after
    page = watch.get("/")[2].decode()
    assert "31:5 error DD-F01</strong> unknown key &#x27;titel&#x27;" in page
    assert "Hint: did you mean &#x27;title&#x27;?" in page
    assert "data-stale" in page

    seen = watch.rebuilds()
    edit(ward, MISTAKE, DRIVER)
    watch.wait_for_rebuild(seen)
    # the page is the one shown before the mistake
    assert "ward.yaml: the page is up to date" in watch.stdout.split(expected)[-1]
    assert "No problems in" in watch.get("/")[2].decode()


def test_a_burst_of_saves_is_one_rebuild(watch: Watch, ward: Path) -> None:
    seen = watch.rebuilds()
    text = ward.read_text(encoding="utf-8")
    for n in range(10):  # an editor writing in several steps
        ward.write_text(text.replace(TITLE, f"{TITLE} {n}", 1), encoding="utf-8")
    watch.wait_for_rebuild(seen)
    assert watch.rebuilds() - seen <= 2, watch.stdout
    assert f"{TITLE} 9" in watch.get("/")[2].decode()


def test_a_save_by_renaming_over_the_file_is_seen(watch: Watch, ward: Path) -> None:
    seen = watch.rebuilds()
    temporary = ward.with_name(".ward.yaml.tmp")
    temporary.write_text(ward.read_text(encoding="utf-8").replace(TITLE, "Renamed in"), "utf-8")
    temporary.replace(ward)  # as vim, JetBrains and many others save
    watch.wait_for_rebuild(seen)
    assert "Renamed in" in watch.get("/")[2].decode()
    seen = watch.rebuilds()
    edit(ward, "Renamed in", "Saved again in")  # and the watch still follows the new file
    watch.wait_for_rebuild(seen)
    assert "Saved again in" in watch.get("/")[2].decode()


def test_a_deleted_file_is_a_problem_until_it_is_back(watch: Watch, ward: Path) -> None:
    text = ward.read_text(encoding="utf-8")
    seen = watch.rebuilds()
    ward.unlink()
    watch.wait_for_rebuild(seen)
    page = watch.get("/")[2].decode()
    assert "cannot be read" in page
    assert TITLE in page  # the last good page stays
    seen = watch.rebuilds()
    ward.write_text(text, encoding="utf-8")
    watch.wait_for_rebuild(seen)
    assert "No problems in" in watch.get("/")[2].decode()


def test_writes_nothing(tmp_path: Path, ward: Path, state: Path) -> None:
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    with watching(ward, state=state, cwd=ward.parent) as watch:
        seen = watch.rebuilds()
        edit(ward, DRIVER, MISTAKE)
        watch.wait_for_rebuild(seen)
        watch.get("/")
        first_event(watch)
        edit(ward, MISTAKE, DRIVER)
        watch.wait_for_rebuild(seen + 1)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


# -- starting and stopping ----------------------------------------------------------------


@linux_only
def test_ctrl_c_stops_cleanly(ward: Path, state: Path) -> None:
    with watching(ward, state=state) as watch:
        first_event(watch)  # an open event stream must not keep it alive
        pid = watch.proc.pid
        code = watch.stop(signal.SIGINT)
        assert code == 0
        assert watch.stderr == ""
        assert watch.stdout.endswith("Stopped watching.\n")
        assert "Traceback" not in watch.stdout
        with pytest.raises(ProcessLookupError):  # nothing of the group is left
            os.killpg(pid, 0)
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", watch.port), timeout=5).close()
    assert not any(state.iterdir())


@linux_only
def test_sigterm_stops_cleanly_with_143(ward: Path, state: Path) -> None:
    with watching(ward, state=state) as watch:
        first_event(watch)
        assert dot_child(watch.proc) is None  # no dot left between rebuilds
        code = watch.stop(signal.SIGTERM)
        assert code == 143
        assert watch.stderr == "impact: terminated\n"


@linux_only
def test_ctrl_c_during_a_rebuild_leaves_no_dot_and_says_nothing_after(
    tmp_path: Path, state: Path
) -> None:
    big = tmp_path / "big.yaml"  # about 1,500 boxes: Graphviz takes a while
    ideas = [
        f"          - Idea {p}.{s}.{c}" for p in range(5) for s in range(15) for c in range(18)
    ]
    body = ["title: Big", "aim: Reduce harm by half by 2027", "primary_drivers:"]
    for p in range(5):
        body += [f"  - title: Driver {p}", "    secondary_drivers:"]
        for s in range(15):
            body += [f"      - title: Driver {p}.{s}", "        change_ideas:"]
            body += ideas[(p * 15 + s) * 18 : (p * 15 + s + 1) * 18]
    big.write_text("\n".join(body) + "\n", encoding="utf-8")
    with watching(big, state=state) as watch:
        edit(big, "title: Big", "title: Bigger")
        deadline = time.monotonic() + 60
        while (dot := dot_child(watch.proc)) is None:
            assert time.monotonic() < deadline, f"dot never ran:\n{watch.stdout}"
            time.sleep(0.01)
        assert watch.stop(signal.SIGINT) == 0
        assert watch.stdout.endswith("Stopped watching.\n"), watch.stdout[-500:]
        assert watch.stderr == ""
        assert not command_line(dot)  # the dot that was laying out did not outlive impact


def test_a_port_in_use_is_an_error(ward: Path, state: Path, impact: Invoke) -> None:
    with watching(ward, state=state) as watch:
        result = impact("watch", "--no-open", "--port", str(watch.port), ward)
        assert result.exit_code == 2
        assert f"impact: error: port {watch.port} is in use" in result.stderr


def test_a_chosen_port_is_used(ward: Path, state: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with watching("--port", port, ward, state=state) as watch:
        assert watch.port == port
        assert watch.url == f"http://127.0.0.1:{port}/"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-",), "impact watch cannot watch stdin"),
        (("missing.yaml",), "missing.yaml: no such file or directory"),
        (("--port", "70000", "x.yaml"), "--port must be between 0 and 65535"),
        (("--theme", "neon", "x.yaml"), "neon"),
    ],
)
def test_usage_errors(
    impact: Invoke,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    message: str,
) -> None:
    (tmp_path / "x.yaml").write_text("title: x\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = impact("watch", "--no-open", *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr


def test_a_change_to_a_measure_data_file_rebuilds_the_page(watch: Watch, ward: Path) -> None:
    data = ward.with_name("falls.csv")
    seen = watch.rebuilds()
    lines = data.read_text(encoding="utf-8").splitlines()
    period, _ = lines[-1].split(",", 1)
    lines[-1] = f"{period},97.5"  # a value no other row has
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    watch.wait_for_rebuild(seen)
    assert "97.5" in watch.get("/")[2].decode()
