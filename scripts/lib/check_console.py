#!/usr/bin/env python3
"""The web console end to end, for scripts/check-console: two headless Chromium sessions (Selenium)
against a running `huizongd --http`, a county clerk (330902 定海区) and the city bureau (330900 舟山市).

The wrapper has already made the offices and, as an admin over the socket, sent the other three
districts' figures for the month, a bound (330902 ind_output ytd ≤ 50) and targets. This script:
  1. county: a wrong token is refused in the page; then signs in; uploads an .xlsx (two rows
     accepted, one warned outside its bound) and a GB18030 CSV (a negative figure refused with a
     Chinese reason), downloads the report; corrects one figure (the next revision);
  2. city: sees the county's figures arrive in the table without a reload; files its own figure that
     disagrees with the districts' sum, resolves the conflict with a note; approves the county's month
     (a return without a note is refused first); locks and unlocks; completeness, outliers, the report link;
  3. county: the approved month refuses a correction, and a request for another county (330903) is
     refused by the daemon: both shown in the page;
then screenshots (/tmp/huizong-console-*.png) must not be blank, the print stylesheet must hide the
controls, and the browsers must have logged no script error or CSP violation.
Each step prints what it verified; the first failure raises and exits 1.
"""

import argparse
import csv
import io
import os
import re
import shutil
import struct
import sys
import tempfile
import time
import zlib

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

COUNTY, CITY, OTHER_COUNTY = "330902", "330900", "330903"
CJK = re.compile(r"[\u4e00-\u9fff]")


def say(text):
    print(f"check-console: {text}", flush=True)


# ------------------------------------------------------------------------------------ the browser --

def browser(downloads):
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("HUIZONG_CHROMIUM", "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1366,768",
                "--force-device-scale-factor=1", "--lang=zh-CN", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"download.default_directory": downloads,
                                              "download.prompt_for_download": False})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # An explicit driver: Selenium must not try to download one.
    service = Service(os.environ.get("HUIZONG_CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=options)
    try:
        driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    except WebDriverException:
        pass  # the prefs above do it on versions without the command
    return driver


def wait(what, check, timeout=15.0):
    """Polls check() until it returns something truthy; fails naming what was awaited."""
    deadline, last = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        try:
            value = check()
            if value:
                return value
        except (StaleElementReferenceException, WebDriverException) as e:  # re-rendered meanwhile
            last = e
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}" + (f" ({last.__class__.__name__})" if last else ""))


def css(driver, selector):
    return driver.find_elements(By.CSS_SELECTOR, selector)


def text(driver, selector):
    found = css(driver, selector)
    return found[0].text if found else ""


def status(driver):
    """(class, text) of the page's status line."""
    return driver.execute_script("const s = document.getElementById('status'); return [s.className, s.textContent];")


def sign_in(driver, url, office, token):
    driver.get(url)
    wait("the sign-in form", lambda: css(driver, "#signin-office") and css(driver, "#signin-office")[0].is_displayed())
    for selector, value in (("#signin-office", office), ("#signin-token", token)):
        field = css(driver, selector)[0]
        field.clear()
        field.send_keys(value)
    css(driver, "#signin-submit")[0].click()


def signed_in(driver, office):
    sign = lambda: css(driver, "#app")[0].is_displayed() and "已连接" in text(driver, "#connection")
    wait(f"office {office} signed in and connected", sign)


def click(driver, selector):
    """Clicks the element the selector finds now: panels are redrawn as events arrive."""
    def attempt():
        found = css(driver, selector)
        if found:
            found[0].click()
            return True
    wait(f"{selector} to click", attempt)


def type_into(driver, selector, value):
    def attempt():
        found = css(driver, selector)
        if found:
            found[0].clear()
            found[0].send_keys(value)
            return css(driver, selector)[0].get_attribute("value") == value
    wait(f"{selector} to take {value!r}", attempt)


def rows(driver, selector):
    """[(attributes, cells)] of the rows the selector finds, read in one go: tables are redrawn as
    events arrive, and element handles held across a redraw go stale."""
    return driver.execute_script("""
        return [...document.querySelectorAll(arguments[0])].map(r => [
          Object.fromEntries([...r.attributes].map(a => [a.name, a.value])),
          [...r.querySelectorAll('th, td')].map(c => c.innerText.trim())]);""", selector)


def row_cells(driver, selector):
    found = rows(driver, selector)
    return found[0][1] if found else None


# ------------------------------------------------------------------------------------ the files ----

def xlsx(path, rows):
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet.title = "报表"
    for row in rows:
        sheet.append(row)
    book.save(path)


def csv_file(path, rows, encoding):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    with open(path, "wb") as f:
        f.write(buffer.getvalue().encode(encoding))


def month_name(period):
    year, month = period.split("-")
    return f"{year}年{int(month)}月"


def months_before(period, n):
    year, month = map(int, period.split("-"))
    index = year * 12 + month - 1 - n
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


# ------------------------------------------------------------------------------------ screenshots --

def inked_share(png):
    """Share of pixels that are not near-white, and the number of rows holding any."""
    try:
        from PIL import Image
        image = Image.open(png).convert("RGB")
        width, height = image.size
        pixels = image.load()
        inked, rows = 0, 0
        for y in range(height):
            ink = sum(1 for x in range(width) if min(pixels[x, y]) < 200)
            inked += ink
            rows += 1 if ink else 0
        return inked / (width * height), rows
    except ImportError:
        pass
    # scripts/check-report's decoder: 8-bit RGB/RGBA as Chromium writes them.
    data = open(png, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height, ctype = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype in (2, 6), f"unexpected PNG format {depth}/{ctype}"
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, bpp = zlib.decompress(idat), 3 if ctype == 2 else 4
    stride, prev, inked, rows = width * bpp, bytearray(width * bpp), 0, 0
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        ink = sum(1 for x in range(0, stride, bpp) if min(line[x:x + 3]) < 200)
        inked += ink
        rows += 1 if ink else 0
        prev = line
    return inked / (width * height), rows


def screenshot(driver, name):
    path = f"/tmp/huizong-console-{name}.png"
    if os.path.exists(path):
        os.remove(path)
    driver.execute_script("window.scrollTo(0, 0)")  # the header and the first table, not where the last click left it
    driver.save_screenshot(path)
    share, rows = inked_share(path)
    if share < 0.01 or rows < 150:
        raise AssertionError(f"{path} is blank ({share:.1%} inked, {rows} rows with ink)")
    say(f"screenshot {path}: {share:.1%} inked, {rows} rows with ink")


# ------------------------------------------------------------------------------------ the steps ----

def check_page_basics(driver):
    lang = driver.execute_script("return document.documentElement.lang")
    assert lang == "zh-CN", f"<html lang> is {lang!r}"
    inline = driver.execute_script("""
        const bad = [];
        for (const s of document.scripts) if (!s.src) bad.push('inline <script>');
        for (const e of document.querySelectorAll('*'))
          for (const a of e.attributes) if (/^on/i.test(a.name)) bad.push(e.tagName + ' ' + a.name);
        return bad;""")
    assert not inline, f"inline script or handlers (the CSP forbids them): {inline}"
    unlabelled = driver.execute_script("""
        return [...document.querySelectorAll('input, select, textarea')]
          .filter(f => f.type !== 'hidden' && !(f.id && document.querySelector('label[for="' + f.id + '"]')))
          .map(f => f.id || f.name || f.outerHTML.slice(0, 60));""")
    assert not unlabelled, f"fields without <label for>: {unlabelled}"
    fake = driver.execute_script("""
        return [...document.querySelectorAll('[role=button], a:not([href]), div[tabindex], span[tabindex]')].map(e => e.outerHTML.slice(0, 60));""")
    assert not fake, f"controls that are not real buttons or links: {fake}"


def county_signs_in(driver, url, token):
    sign_in(driver, url, COUNTY, "wrong-token-0000")
    error = wait("the refusal of a wrong token", lambda: css(driver, "#signin-error")[0].is_displayed() and text(driver, "#signin-error"))
    role = css(driver, "#signin-error")[0].get_attribute("role")
    assert CJK.search(error) and role == "alert", f"sign-in error {error!r} (role {role!r})"
    assert not css(driver, "#app")[0].is_displayed(), "the console is shown after a wrong token"
    say(f"a wrong token is refused in the page (role=alert): {error}")
    sign_in(driver, url, COUNTY, token)
    signed_in(driver, COUNTY)
    who = text(driver, "#whoami")
    assert "定海区" in who, f"header shows {who!r}, not the office's region name"
    assert css(driver, "#sec-month")[0].is_displayed() and not css(driver, "#sec-city")[0].is_displayed(), "a county must see its month, not the city table"
    check_page_basics(driver)
    say(f"county {COUNTY} signed in: header {who!r}; lang zh-CN, no inline script, every field labelled")


def upload(driver, path, dry_run=False):
    previous = text(driver, "#upload-summary")
    box = css(driver, "#upload-dry-run")[0]
    if box.is_selected() != dry_run:
        box.click()
    css(driver, "#upload-input")[0].send_keys(path)
    css(driver, "#upload-submit")[0].click()
    name = os.path.basename(path)
    wait(f"the upload report of {name}", lambda: (lambda s: name in s and s != previous and "共" in s)(text(driver, "#upload-summary")), 30)
    counts = {e.get_attribute("data-count"): int(e.text) for e in css(driver, "#upload-counts dd")}
    problems = [(a["data-status"], cells) for a, cells in rows(driver, "#problems tbody tr[data-status]")]
    return text(driver, "#upload-summary"), counts, problems


def county_uploads(driver, work, period, downloads):
    d = month_name(period)
    book = os.path.join(work, "定海-报表.xlsx")
    xlsx(book, [["地区", "时期", "指标", "本年累计", "同比增长(%)", "备注"],
                ["定海区", d, "规上工业总产值", 120.5, 6.2, "超出市局设定上限"],
                ["定海区", d, "规上船舶工业产值", "40.25", "3.5", None]])
    summary, counts, problems = upload(driver, book)
    assert counts.get("accepted") == 2 and counts.get("refused") == 0, f"xlsx: {summary} {counts}"
    warned = [p for s, p in problems if s == "warned"]
    assert counts.get("warned") == 1 and warned and "outside_bounds" in warned[0][5], f"xlsx: expected one row warned outside_bounds, got {problems}"
    assert warned[0][0] == "2" and warned[0][1] == "定海区" and warned[0][3] == "规上工业总产值", f"warned row shown as {warned[0]}"
    say(f"xlsx uploaded: {summary}; warned row {warned[0][:6]}")

    gb = os.path.join(work, "定海-更正.csv")
    csv_file(gb, [["地区", "时期", "指标", "本年累计", "同比增长(%)"],
                  ["定海区", month_name(months_before(period, 1)), "规上工业总产值", "-5", "1.0"]], "gb18030")
    summary, counts, problems = upload(driver, gb)
    refused = [p for s, p in problems if s == "refused"]
    assert counts.get("refused") == 1 and counts.get("accepted") == 0, f"GB18030 CSV: {summary} {counts}"
    assert refused and refused[0][0] == "2" and refused[0][4] == "拒收" and CJK.search(refused[0][6]), f"refused row shown as {refused}"
    assert refused[0][3] == "规上工业总产值", f"the indicator is not shown by its Chinese name: {refused[0]}"
    cls, line = status(driver)
    assert cls == "error" and "拒收" in line, f"a refused row is not flagged in the status line: {cls} {line!r}"
    say(f"GB18030 CSV uploaded: {summary}; refused row: line {refused[0][0]}, {refused[0][5]}, reason {refused[0][6]!r}")

    before = set(os.listdir(downloads))
    css(driver, "#upload-download")[0].click()
    fresh = wait("the downloaded report", lambda: [f for f in set(os.listdir(downloads)) - before if f.endswith(".csv")], 15)
    path = os.path.join(downloads, fresh[0])
    data = wait("the download to finish", lambda: open(path, "rb").read() or None, 10)
    assert fresh[0] == "退回-定海-更正.csv", f"downloaded as {fresh[0]!r}"
    assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf\xef\xbb\xbf"), "the report must start with one UTF-8 BOM"
    body = data.decode("utf-8-sig")
    assert "-5" in body and CJK.search(body), f"the report lacks the refused row: {body[:200]!r}"
    say(f"report downloaded as {fresh[0]} ({len(data)} bytes, one BOM, the refused row in it)")

    # A file dropped on the page (a synthetic drop: WebDriver cannot drag from the desktop), as a dry run.
    dropped = f"地区,时期,指标,本年累计,同比增长(%)\r\n定海区,{month_name(months_before(period, 2))},规上工业增加值,30.1,5.0\r\n"
    driver.execute_script("""
        const t = new DataTransfer();
        t.items.add(new File([arguments[0]], '拖入-试提交.csv', {type: 'text/csv'}));
        document.dispatchEvent(new DragEvent('drop', {dataTransfer: t, bubbles: true, cancelable: true}));""", dropped)
    wait("the dropped file chosen", lambda: "拖入-试提交.csv" in text(driver, "#upload-file"))
    box = css(driver, "#upload-dry-run")[0]
    if not box.is_selected():
        box.click()
    previous = text(driver, "#upload-summary")
    click(driver, "#upload-submit")
    summary = wait("the dry run's report", lambda: (lambda t: t if "拖入-试提交.csv" in t and t != previous else None)(text(driver, "#upload-summary")), 30)
    counts = {e.get_attribute("data-count"): int(e.text) for e in css(driver, "#upload-counts dd")}
    assert counts.get("valid") == 1 and counts.get("accepted") == 0 and "试提交" in summary, f"dry run of a dropped file: {summary} {counts}"
    box.click()
    say(f"a file dropped on the page was checked as a dry run: {summary}")


def month_row(driver, indicator):
    return row_cells(driver, f'#month-table tr[data-region="{COUNTY}"][data-indicator="{indicator}"]')


def send_correction(driver, indicator, field, value):
    """Fills the one-figure correction form and sends it, as a clerk would."""
    Select(css(driver, "#correct-indicator")[0]).select_by_value(indicator)
    Select(css(driver, "#correct-field")[0]).select_by_value(field)
    box = css(driver, "#correct-value")[0]
    box.clear()
    box.send_keys(value)
    css(driver, "#correct-submit")[0].click()


def county_corrects(driver):
    row = wait("ind_output in the county's month table", lambda: month_row(driver, "ind_output"))
    assert row[2] == "120.5" and row[4] == "6.2" and row[14] == "1", f"month table row {row}"
    assert "超出范围" in row[13], f"the outside_bounds flag is not shown: {row}"
    send_correction(driver, "ind_output", "yoy", "6.5")
    row = wait("the corrected figure (revision 2)", lambda: (lambda r: r if r and r[4] == "6.5" and r[14] == "2" else None)(month_row(driver, "ind_output")))
    assert row[2] == "120.5", f"the correction lost the ytd: {row}"
    cls, line = status(driver)
    assert cls == "info" and "修订 2" in line, f"status after the correction: {cls} {line!r}"
    say(f"correction sent as revision 2: 同比 6.2 → {row[4]}, 累计 kept at {row[2]}; status {line!r}")


def city_row(driver, region, indicator):
    return row_cells(driver, f'#city-table tr[data-region="{region}"][data-indicator="{indicator}"]')


def city_signs_in(driver, url, token):
    sign_in(driver, url, CITY, token)
    signed_in(driver, CITY)
    assert "舟山市" in text(driver, "#whoami")
    assert css(driver, "#sec-city")[0].is_displayed() and not css(driver, "#sec-month")[0].is_displayed()
    wait("the other districts' figures in the city table", lambda: city_row(driver, "330903", "ship_output"))
    check_page_basics(driver)
    driver.execute_script("window.__notReloaded = true;")
    say(f"city {CITY} signed in; the table shows the districts already reported")
    return driver.execute_script("return window.huizong.events")


def city_sees_live(driver, events_before):
    row = wait("定海区's ind_output arriving live in the city table",
               lambda: (lambda r: r if r and r[1] == "120.5" else None)(city_row(driver, COUNTY, "ind_output")), 20)
    assert row[0] == "定海区", f"the child row shows {row[0]!r}, not the region's name"
    assert driver.execute_script("return window.__notReloaded === true"), "the page was reloaded"
    events = driver.execute_script("return window.huizong.events")
    assert events > events_before, f"no aggregate event received ({events_before} → {events})"
    parent = wait("舟山市's ind_output consolidated", lambda: city_row(driver, CITY, "ind_output"))
    ranked = [a["data-region"] for a, _ in rows(driver, 'tbody[data-indicator="ship_output"] tr.child')]
    assert ranked[:1] == ["330903"], f"children not in rank order: {ranked}"  # 60.10 > 40.25 > 35.00 > 12.40
    say(f"the county's figures arrived live ({events - events_before} events, no reload): 定海区 {row[1:3]}, 舟山市 {parent[1:6]}; ship_output ranked {ranked}")


def city_resolves_conflict(driver, work, period):
    own = os.path.join(work, "舟山-市本级.csv")
    csv_file(own, [["地区", "时期", "指标", "本年累计", "同比增长(%)", "备注"],
                   ["舟山市", month_name(period), "规上船舶工业产值", "150", "", "市本级快报数"]], "utf-8-sig")  # no yoy: a level conflict only
    summary, counts, problems = upload(driver, own)
    assert counts.get("accepted") == 1, f"city's own figure: {summary}"
    assert any("conflict_opened" in p[5] for s, p in problems), f"no conflict_opened warning: {problems}"
    open_ = '#conflicts .conflict[data-indicator="ship_output"][data-kind="level"]'
    ident, words = wait("the open conflict", lambda: driver.execute_script(
        "const c = document.querySelector(arguments[0]); return c && [c.dataset.conflict, c.innerText];", open_))
    assert "150" in words and "147.75" in words, f"the conflict does not name both sides: {words!r}"
    row = wait("舟山市's ship_output disputed", lambda: (lambda r: r if r and "待核" in r[6] else None)(city_row(driver, CITY, "ship_output")))
    button = f'#conflicts .conflict[data-conflict="{ident}"] button.resolve-sum'
    click(driver, button)
    cls, line = status(driver)
    assert cls == "error" and "说明" in line, f"resolving without a note: {cls} {line!r}"
    type_into(driver, f"#conflict-note-{ident}", "以区县合计为准（测试）")
    click(driver, button)
    cells = wait("the conflict resolved", lambda: (lambda r: r if r and not css(driver, f'#conflicts .conflict[data-conflict="{ident}"]') else None)(
        row_cells(driver, f'#conflicts-done tr[data-conflict="{ident}"]')))
    assert cells[5] == "已处理" and cells[6] == "采用合计数" and "以区县合计为准" in cells[7], f"resolved conflict shown as {cells}"
    row = wait("舟山市's ship_output resolved", lambda: (lambda r: r if r and "已处理" in r[6] else None)(city_row(driver, CITY, "ship_output")))
    assert row[1] == "147.75", f"after accepting the sum the value shown is {row[1]}"
    say(f"conflict {ident} (own 150 vs sum 147.75) refused without a note, resolved with one: {cells[5:8]}; table shows {row[1]} {row[6]!r}")


def review_state(driver, region):
    found = rows(driver, f'#reviews tr[data-region="{region}"]')
    return (found[0][0].get("data-state"), found[0][1]) if found else (None, None)


def city_reviews(driver):
    wait("定海区 awaiting review", lambda: review_state(driver, COUNTY)[0] == "submitted")
    click(driver, f'#reviews tr[data-region="{COUNTY}"] button.review-return')
    cls, line = status(driver)
    assert cls == "error" and "意见" in line, f"returning without a note: {cls} {line!r}"
    click(driver, f'#reviews tr[data-region="{COUNTY}"] button.review-approve')
    cells = wait("定海区 approved", lambda: (lambda st: st[1] if st[0] == "approved" else None)(review_state(driver, COUNTY)))
    assert cells[1] == "已审核" and "通过" in cells[2], f"review row {cells}"
    others = {a["data-region"]: a.get("data-state") for a, _ in rows(driver, "#reviews tr[data-region]")}
    assert set(others) == {"330902", "330903", "330921", "330922"}, f"review rows {others}"
    say(f"return without a note refused in the page; 定海区 approved: {cells[:3]}")


def city_panels(driver, period):
    done = wait("completeness", lambda: (lambda t: t if "未报 0" in t else None)(text(driver, "#completeness")))
    assert "按时" in done and "迟报" in done, done
    cells = wait("the flagged figure", lambda: row_cells(driver, f'#outliers tr[data-region="{COUNTY}"][data-indicator="ind_output"]'))
    assert cells[0] == "定海区" and cells[4] == "超出范围" and cells[8] == "50", f"outlier row {cells}"
    click(driver, "#lock-button")
    wait("the month locked", lambda: "已锁定" in text(driver, "#lock-state"))
    click(driver, "#unlock-button")
    wait("the month unlocked", lambda: "未锁定" in text(driver, "#lock-state"))
    link = css(driver, "#report-link")[0]
    href = link.get_attribute("href")
    assert link.text == "打印完成情况表" and href.endswith(f"/report?region={CITY}&period={period}") and link.get_attribute("target") == "_blank", href
    fetched = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text().then(t => done([r.status, t]))).catch(e => done([0, String(e)]));""", href)
    assert fetched[0] == 200 and "舟山市" in fetched[1], f"the report page answered {fetched[0]}: {fetched[1][:200]!r}"
    # The same as an Excel workbook, read back with openpyxl (a library other than ours).
    xhref = css(driver, "#report-xlsx")[0].get_attribute("href")
    got = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.arrayBuffer().then(b => done([r.status, Array.from(new Uint8Array(b))])))
            .catch(e => done([0, []]));""", xhref)
    assert got[0] == 200, f"the workbook answered {got[0]}"
    import io, openpyxl
    book = openpyxl.load_workbook(io.BytesIO(bytes(got[1])))
    assert book.sheetnames == ["主要指标", "各地完成情况", "待核冲突", "报送情况", "数据质量"], book.sheetnames
    flagged = [[c.value for c in row] for row in book["数据质量"].iter_rows()]
    assert any(r[0] == "定海区" and r[4] == "超出范围" for r in flagged[1:]), flagged
    first = [[c.value for c in row] for row in book["主要指标"].iter_rows()]
    assert first[0][0] == "指标" and any(r[0] == "规上船舶工业产值" and isinstance(r[2], (int, float)) for r in first[1:]), first
    say(f"the workbook {xhref} opens in openpyxl: sheets {book.sheetnames}, 规上船舶工业产值 a number")
    say(f"completeness {done.splitlines()[0]!r}; outlier {cells[:5]}; lock and unlock; report link {href} answers 200")


def county_is_refused(driver, period):
    review = wait("the approval reaching the county live", lambda: (lambda r: r if r and r[12] == "已审核" else None)(month_row(driver, "ind_output")))
    send_correction(driver, "ship_output", "ytd", "41")
    cls, line = wait("the approved month refusing the correction", lambda: (lambda s: s if s[0] == "error" and "period_approved" in s[1] else None)(status(driver)))
    say(f"the county sees its month approved ({review[12]}); a correction is refused in the page: {line!r}")
    reply = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        window.huizong.send({type: 'query', region: arguments[0], period: arguments[1], children: true}).then(done);""", OTHER_COUNTY, period)
    assert reply.get("type") == "error" and reply.get("code") == "forbidden", f"another county's figures: {reply}"
    cls, line = status(driver)
    assert cls == "error" and "forbidden" in line and css(driver, "#status")[0].get_attribute("role") == "alert", f"status {cls} {line!r}"
    # One language per message: the daemon's English words are in the tooltip, not the sentence.
    tip = css(driver, "#status")[0].get_attribute("title") or ""
    assert "may not read" not in line and "may not read" in tip, f"status {line!r}, tooltip {tip!r}"
    say(f"a query for {OTHER_COUNTY} is refused by the daemon and shown (role=alert, class error): {line!r}")


def print_view(driver, name):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        hidden = driver.execute_script("""
            return ['#signout', '#toolbar', '#sec-upload', '#correct-form', '#conflicts button'].filter(s => {
              const e = document.querySelector(s); return e && e.getClientRects().length > 0; });""")
        shown = driver.execute_script("return document.querySelector('#city-table').getClientRects().length > 0")
        assert shown, "the city table is not printed"
        assert not hidden, f"controls still shown when printed: {hidden}"
        screenshot(driver, name)
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    say(f"print stylesheet hides the controls ({name})")


def browser_errors(driver, who):
    bad = []
    for entry in driver.get_log("browser"):
        message = entry.get("message", "")
        if entry.get("level") != "SEVERE":
            continue
        # A refused sign-in and the first /api/me before signing in answer 401 on purpose.
        if re.search(r"/api/(signin|me) - Failed to load resource: the server responded with a status of 401", message):
            continue
        bad.append(message)
    assert not bad, f"{who}'s browser logged errors: {bad}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--county-token", required=True)
    parser.add_argument("--city-token", required=True)
    parser.add_argument("--period", required=True)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="huizong-console-files.")
    downloads = os.path.join(work, "downloads")
    os.makedirs(downloads)
    county = city = None
    try:
        county, city = browser(downloads), browser(downloads)
        county_signs_in(county, args.url, args.county_token)
        events = city_signs_in(city, args.url, args.city_token)
        county_uploads(county, work, args.period, downloads)
        city_sees_live(city, events)
        county_corrects(county)
        screenshot(county, "county")
        city_resolves_conflict(city, work, args.period)
        city_reviews(city)
        city_panels(city, args.period)
        screenshot(city, "city")
        print_view(city, "city-print")
        county_is_refused(county, args.period)
        browser_errors(county, "the county")
        browser_errors(city, "the city")
    except (AssertionError, WebDriverException) as e:
        for who, d in (("county", county), ("city", city)):
            if d is not None:
                try:
                    d.save_screenshot(f"/tmp/huizong-console-failed-{who}.png")
                    say(f"{who}'s status line: {status(d)}")
                except WebDriverException:
                    pass
        say(f"FAIL: {e} (screens in /tmp/huizong-console-failed-*.png)")
        return 1
    finally:
        for d in (county, city):
            if d is not None:
                d.quit()
        shutil.rmtree(work, ignore_errors=True)
    say("all steps passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
