"""The built site in a real headless chromium (Debian's), served over loopback.

Screenshots go to tests/artifacts/. Skipped when /usr/bin/chromium or Playwright is missing.
"""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from site_fixture import loaded_store
from thidua.site import build
from thidua.site.gather import gather
from thidua.site.urls import page_path

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")]
playwright_api = pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_server(process: subprocess.Popen, url: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            out, err = process.communicate()
            raise AssertionError(f"the site server exited: {out!r} {err!r}")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"the site server did not answer at {url}")


@pytest.fixture(scope="module")
def site(tmp_path_factory, seeds_facts):
    """The seed facts through the real loader, plus the hostile article."""
    root = tmp_path_factory.mktemp("browser-site")
    store = loaded_store(root / "store", seeds_facts)
    report = build(store, root / "out", progress=False)
    blocs = {n.label: iri for iri, n in gather(store).nodes.items() if n.kind == "bloc"}
    store.close()
    report.bloc_path = page_path(blocs["Khối thi đua Kinh tế ngành"])
    return root / "out", report


@pytest.fixture(scope="module")
def server(site):
    out, _ = site
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                                "--directory", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_for_server(process, f"http://127.0.0.1:{port}/index.html")
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


def test_search_finds_a_person_without_accents_and_shows_his_positions(server, page):
    page.goto(server + "index.html")
    page.fill("#home-search", "truong minh hien")
    page.press("#home-search", "Enter")
    result = page.locator("#search-results a", has_text="Trương Minh Hiến")
    result.first.wait_for()
    page.screenshot(path=str(ARTIFACTS / "search-truong-minh-hien.png"), full_page=True)
    result.first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Trương Minh Hiến"
    rows = page.locator("table.positions tbody tr")
    texts = [rows.nth(i).inner_text() for i in range(rows.count())]
    dated = {(t.split("\t")[0], t.split("\t")[1]) for t in texts}
    assert {("2017-03-15", "Phó Chủ tịch"), ("2019-12-11", "Phó Chủ tịch")} <= dated
    assert {("2017-03-15", "Ủy viên Ban Thường vụ"), ("2019-12-11", "Ủy viên Ban Thường vụ")} <= dated
    assert page.locator("figure.timeline svg rect.point").count() >= 2
    page.screenshot(path=str(ARTIFACTS / "person-truong-minh-hien.png"), full_page=True)


def test_bloc_page_shows_the_rotation(server, site, page):
    page.goto(server + site[1].bloc_path)
    rows = page.locator("table.rotation tbody tr")
    cells = [rows.nth(i).inner_text().split("\t") for i in range(rows.count())]
    assert [c[:3] for c in cells] == [
        ["2017", "Sở Khoa học và Công nghệ", "Sở Xây dựng"],
        ["2019", "Sở Giao thông vận tải", "Sở Công Thương"],
        ["2020", "Sở Công Thương", "Sở Nông nghiệp và Phát triển nông thôn"]]
    assert "bàn giao cho" in cells[2][3]
    assert page.locator("figure.timeline svg rect.head").count() == 3
    assert page.locator("section.network svg circle").count() >= 4
    page.screenshot(path=str(ARTIFACTS / "bloc-rotation.png"), full_page=True)


def test_sparql_page_runs_a_named_query_in_the_browser(server, site, page):
    out, _ = site
    if 'id="sparql-unavailable"' in (out / "sparql.html").read_text(encoding="utf-8"):
        pytest.skip("the build could not get oxigraph from npm")
    page.goto(server + "sparql.html")
    options = page.locator("#example option")
    labels = [options.nth(i).inner_text() for i in range(options.count())]
    assert "Person timeline" in labels
    page.select_option("#example", label="Person timeline")
    assert "ví dụ: person = " in page.locator("#example-description").inner_text()
    page.click("#run")
    page.locator("#sparql-results table.results tbody tr").first.wait_for(timeout=60_000)
    assert page.locator("#sparql-results table.results tbody tr").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "sparql-person-timeline.png"), full_page=True)


def test_hostile_article_stays_inert_in_the_browser(server, site, page):
    out, _ = site
    reached = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html")
                     if "alert(1)" in p.read_text(encoding="utf-8"))
    assert len(reached) >= 5
    for path in reached:
        page.goto(server + path)
        page.wait_for_load_state("load")
        assert page.evaluate("document.querySelectorAll('img').length") == 0, path
    assert page.dialogs == []
    page.goto(server + "id/article/hostile-xss.html")
    assert "<script>alert(1)</script>" in page.locator("div.text").inner_text()
    page.screenshot(path=str(ARTIFACTS / "hostile-article.png"), full_page=True)


def test_search_works_from_file_url(site, page):
    out, _ = site
    page.goto((out / "search.html").as_uri() + "?q=dinh+chuyen")
    page.locator("#search-results a", has_text="Nguyễn Đình Chuyến").first.wait_for()
    page.goto((out / "index.html").as_uri())
    page.click("text=Tìm kiếm")
    assert page.url.startswith("file://") and page.url.endswith("search.html")
    page.goto((out / "sparql.html").as_uri())
    assert page.locator("#file-warning").is_visible() or page.locator("#sparql-unavailable").count() == 1
