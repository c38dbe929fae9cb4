"""The plan texts in the site: every line numbered and anchored as the quotes cite it, with the
plan's title, issuer, date and recorded checksum; rewritten only when text or region changes."""

from __future__ import annotations

import html
import re

import polars as pl
from plancompare import query
from plancompare.common import paths
from plancompare.ingest import checksums

REAL_DATA = paths.PROJECT_ROOT / "data" / "raw"


def _lines(page: str) -> dict[int, str]:
    found = re.findall(
        r'<li id="L(\d+)"[^>]*><a class="n" href="#L\1">\1</a><span>(.*?)</span></li>', page
    )
    return {int(n): html.unescape(text) for n, text in found}


def test_every_quote_is_on_the_anchored_line_it_cites(site, con):
    sums = checksums.read_sums(REAL_DATA / checksums.SUMS_FILE)
    for region in query.regions(con).to_dicts():
        page = (site / "sources" / f"{region['region_id']}.html").read_text(encoding="utf-8")
        text = (REAL_DATA / region["source_file"]).read_text(encoding="utf-8")
        lines = _lines(page)
        assert list(lines) == list(range(1, len(text.split("\n")) + 1))
        for field in ("plan_title", "issuer"):
            assert html.escape(region[field]) in page
        assert str(region["issued_on"]) in page
        for field in ("document_number", "index_number", "published_on"):
            assert str(region[field] or "未载明 · not stated") in page
        assert sums[region["source_file"]][1] in page
        targets = query.targets(region=region["region_id"], con=con)
        for line, quote in targets.select("line", "quote").iter_rows():
            assert quote in lines[line], (region["region_id"], line)


def test_a_third_party_copy_marks_its_wrapper_apart_from_the_plan(site, con):
    regions = {r["region_id"]: r for r in query.regions(con).to_dicts()}
    guizhou = (site / "sources" / "guizhou.html").read_text(encoding="utf-8")
    wrapped = {int(n) for n in re.findall(r'<li id="L(\d+)" class="wrapper"', guizhou)}
    assert wrapped == {*range(1, 16), *range(41, 44), *range(265, 278)}
    assert "基本介紹" in _lines(guizhou)[7] and "相關詞條" in _lines(guizhou)[273]
    assert "checked against this copy, not against the issuer's page" in guizhou
    xianning = (site / "sources" / "xianning.html").read_text(encoding="utf-8")
    assert 'class="wrapper"' not in xianning and "checked against this copy" not in xianning
    assert regions["xianning"]["document_number"] in xianning


def test_plan_text_is_shown_as_text(mini_data, tmp_path, write_extras):
    source = mini_data / "sources" / "a.txt"
    source.write_text(
        source.read_text(encoding="utf-8") + "<script>alert(1)</script>\n", encoding="utf-8"
    )
    checksums.write_sums(mini_data)
    out = tmp_path / "reports"
    write_extras(mini_data, out)
    page = (out / "sources" / "a.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_only_the_changed_plan_text_is_rewritten(mini_data, tmp_path, write_extras):
    out = tmp_path / "reports"

    def run() -> list[str]:
        return write_extras(mini_data, out)

    first = run()
    assert {"sources/a.html", "sources/b.html", "data", "method/zh.html"} <= set(first)
    assert run() == []  # nothing changed: nothing rewritten
    source = mini_data / "sources" / "b.txt"
    source.write_text(source.read_text(encoding="utf-8") + "新增一行\n", encoding="utf-8")
    checksums.write_sums(mini_data)
    # The data fingerprint changes too, so the dataset and the method page's citation follow.
    assert set(run()) == {"sources/b.html", "data", "method/zh.html", "method/en.html"}
    assert "新增一行" in (out / "sources" / "b.html").read_text(encoding="utf-8")


# --- in a real browser ---------------------------------------------------------------------

HIGHLIGHT = "rgb(255, 242, 168)"  # ol.plan-text li:target in source.html.j2


def _watch(tab, server: str | None = None) -> tuple[list, list]:
    errors, external = [], []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    local = ("file://", "data:", *([server] if server else []))
    tab.on("request", lambda r: None if r.url.startswith(local) else external.append(r.url))
    return errors, external


def _target(tab) -> dict:
    return tab.evaluate(
        "() => { const t = document.querySelector(':target');"
        " return t && {id: t.id, text: t.innerText,"
        " background: getComputedStyle(t).backgroundColor}; }"
    )


def test_a_quote_in_a_report_opens_its_line_highlighted(browser, server, con):
    tab = browser.new_page()
    errors, external = _watch(tab, server)
    tab.goto(f"{server}/region_profile/xianning-zh.html", wait_until="load")
    # The first quote of the page (the line cell before it links to the same line).
    link = tab.locator("td a[href*='../sources/']").first
    quote = link.inner_text()
    line = int(link.get_attribute("href").rsplit("#L", 1)[1])
    link.click()
    tab.wait_for_url(f"**/sources/xianning.html#L{line}")
    target = _target(tab)
    assert target["id"] == f"L{line}" and target["background"] == HIGHLIGHT
    curated = query.targets(region="xianning", con=con).filter(pl.col("line") == line)
    assert quote in curated["quote"].to_list()
    assert all(q in target["text"] for q in curated["quote"])
    other = tab.evaluate(
        f"getComputedStyle(document.getElementById('L{line + 1}')).backgroundColor"
    )
    assert other != HIGHLIGHT
    assert errors == [] and external == []
    tab.close()


def test_the_line_is_highlighted_from_disk_too(browser, site):
    tab = browser.new_page()
    errors, external = _watch(tab)
    tab.goto((site / "sources" / "dayao.html").as_uri() + "#L411", wait_until="load")
    target = _target(tab)
    assert target["id"] == "L411" and target["background"] == HIGHLIGHT
    assert "[ ]" in target["text"]  # 表中[ ]内为五年累计数
    assert errors == [] and external == []
    tab.close()
