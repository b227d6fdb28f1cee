"""Write N synthetic councils in the content format, for benchmarks: ``python bench/generate.py 300 DIR``.

The plans are shaped like the seed plans (8–13 recommendations, 2–8 actions each,
0–3 dated updates per action, timeframes as councils write them, some markdown,
groups, a plan's own statuses and sub-actions now and then) so that load,
validate, derive and render do the work real content makes them do. The same N
and seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import re
import shutil
import sys
import textwrap
from pathlib import Path

MARKER = ".bench-content"  # a folder holding it was written here and may be replaced
ACTION_INDENT = 6
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii")

_PLACES = (
    "Ash", "Brook", "Castle", "Dale", "East", "Fen", "Glen", "Hart", "Ink", "Kings", "Long", "Marsh",
    "North", "Oak", "Port", "Queens", "Rother", "South", "Thorn", "Upper", "Wal", "West", "York", "Ald",
)  # fmt: skip
_ENDINGS = ("ford", "ton", "ham", "ley", "field", "bury", "wick", "mouth", "stead", "worth", "by", "combe")
_KINDS = ("Borough Council", "District Council", "City Council", "Council", "County Council")
_VERBS = (
    "Develop", "Review", "Refresh", "Agree", "Establish", "Strengthen", "Embed", "Deliver", "Introduce",
    "Publish", "Consult on", "Align", "Set up", "Undertake", "Run", "Commission", "Complete", "Map",
)  # fmt: skip
_OBJECTS = (
    "the corporate strategy", "a medium term financial plan", "the performance management framework",
    "a shared vision for the borough", "the member and officer protocol", "a workforce development plan",
    "the communications and engagement strategy", "a programme of member training", "the risk register",
    "the transformation programme", "a resident survey", "the scrutiny work programme",
    "a digital strategy", "the asset management plan", "governance arrangements for partnerships",
    "a hybrid working policy", "the housing delivery plan", "the local plan evidence base",
)  # fmt: skip
_WITH = (
    "with partners", "with the Cabinet", "across the organisation", "with staff and trade unions",
    "with the voluntary and community sector", "with elected members", "with residents",
    "through the Senior Leadership Team", "with neighbouring councils", "with the Integrated Care Board",
)  # fmt: skip
_WHY = (
    "so that decisions are informed by robust data and intelligence",
    "to make sure the council's priorities are clear to everyone",
    "ensuring there is a clear link to strategies, plans and the needs of local communities",
    "and report progress to the Overview and Scrutiny Committee",
    "in line with the LGA's guidance",
    "so that savings are identified early in the budget process",
    "to support delivery of the Council Plan",
    "with clear accountabilities and rigorous monitoring of progress",
)  # fmt: skip
_DONE = (
    "Workshops were held with partners and the findings reported to Cabinet.",
    "A draft was shared with the Senior Leadership Team for comment.",
    "Consultation closed and responses are being analysed.",
    "The project board met and agreed the timetable.",
    "A report went to Full Council, which approved the approach.",
    "Recruitment to the new post is under way.",
    "Training sessions were attended by most members.",
    "Data is now published monthly on the council's website.",
)  # fmt: skip
_LEADS = (
    "Chief Executive", "Managing Director", "Director of Resources", "Head of Policy and Performance",
    "Director of Place", "Monitoring Officer", "Section 151 Officer", "Head of HR and OD", "SMB",
    "Assistant Director, Communications", "Director of Adult Social Care", "Corporate Leadership Team",
)  # fmt: skip
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_STATUS_WORDS = (
    "complete", "on-track", "at-risk", "off-track", "not-started",
    "Complete", "Completed", "Underway", "In progress", "Green", "Amber", "Red", "Not started", "Delayed",
)  # fmt: skip

_STATUS_TEXTS = ("Complete – steering group in place", "Both actions underway", "Completed and sent to MHCLG")


def _ordinal(day: int) -> str:
    return f"{day}{'th' if 10 < day < 14 else {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th')}"


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of it)."""
    return json.dumps(text, ensure_ascii=False)


def _block(key: str, text: str, indent: int) -> str:
    """Write ``key: text`` as the seed plans do: short text inline, long prose folded, markdown literal."""
    pad = " " * indent
    if "\n" in text:
        body = "".join(f"{pad}  {line}\n" if line else "\n" for line in text.split("\n"))
        return f"{pad}{key}: |\n{body}"
    if len(text) > 90:
        lines = textwrap.wrap(text, 78 - indent, break_long_words=False, break_on_hyphens=False)
        return f"{pad}{key}: >-\n" + "".join(f"{pad}  {line}\n" for line in lines)
    return f"{pad}{key}: {_quoted(text)}\n"


class _Writer:
    """Deterministic text of realistic lengths, from one random source."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.statuses = _STATUS_WORDS

    def sentence(self) -> str:
        r = self.rng
        words = f"{r.choice(_VERBS)} {r.choice(_OBJECTS)} {r.choice(_WITH)}"
        if r.random() < 0.6:
            words += f", {r.choice(_WHY)}"
        return words + "."

    def prose(self, low: int, high: int) -> str:
        """Plain sentences, between ``low`` and ``high`` characters long (roughly)."""
        target = self.rng.randint(low, high)
        text = self.sentence()
        while len(text) < target:
            text += " " + self.sentence()
        return text

    def markdown(self, low: int, high: int) -> str:
        """Text with the markdown the seed plans use: bold, a link, a list, now and then."""
        r = self.rng
        roll = r.random()
        if roll < 0.7:
            return self.prose(low, high)
        if roll < 0.85:
            words = self.prose(low, high).split(" ")
            at = r.randrange(len(words) - 2)
            words[at] = "**" + words[at]
            words[at + 2] = words[at + 2] + "**"
            return " ".join(words)
        if roll < 0.93:
            report = f"https://www.example.gov.uk/reports/{r.randint(100, 999)}"
            return f"{self.prose(low, high)} See the [report]({report})."
        items = "\n".join(f"- {self.sentence()}" for _ in range(r.randint(2, 5)))
        return f"{self.prose(low // 2, high // 2)}\n\n{items}"

    def timeframe(self, year: int) -> str:
        r = self.rng
        y = year + r.randint(0, 2)
        month = r.choice(_MONTHS)
        forms = (
            f"{month} {y}",
            f"{month} {y}",
            f"{month[:3]} {y}",
            f"{month} / {r.choice(_MONTHS)} {y}",
            f"Q{r.randint(1, 4)} {y}/{(y + 1) % 100:02d}",
            f"{y}/{(y + 1) % 100:02d}",
            f"Budget {y}/{(y + 1) % 100:02d}",
            f"{r.choice(('spring', 'summer', 'autumn', 'winter'))} {y}",
            f"Due {_ordinal(r.randint(1, 28))} {month} {y}",
            f"{r.randint(1, 28):02d}/{r.randint(1, 12):02d}/{y}",
            f"{y}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}",
            f"{month} {y} and ongoing",
            "Ongoing",
            "TBC",
        )
        return r.choice(forms)


def _updates(w: _Writer, start: datetime.date, pad: str) -> str:
    r = w.rng
    count = r.choice((0, 0, 1, 1, 2, 3))
    if not count:
        return ""
    day = start
    out = f"{pad}updates:\n"
    for _ in range(count):
        day += datetime.timedelta(days=r.randint(20, 150))
        out += f"{pad}  - date: {day.isoformat()}\n"
        if r.random() < 0.6:
            out += f"{pad}    status: {_quoted(r.choice(_STATUS_WORDS))}\n"
        out += _block("note", " ".join(r.choice(_DONE) for _ in range(r.randint(1, 2))), len(pad) + 4)
        if r.random() < 0.3:
            out += f"{pad}    source: https://www.example.gov.uk/committee/{day.isoformat()}\n"
    return out


def _first_words(text: str) -> str:
    """Enough of the first words to tell actions apart: an action without id or label is known by them."""
    return re.sub(r"[^a-z0-9]", "", text.lower())[:20]


def _action(w: _Writer, year: int, start: datetime.date, indent: int, label: str | None, siblings: set[str]) -> str:
    r = w.rng
    pad = " " * indent
    text = w.markdown(40, 220)
    while _first_words(text) in siblings:
        text = w.markdown(40, 220)
    siblings.add(_first_words(text))
    out = f"{pad}- label: {_quoted(label)}\n" if label else ""
    out += _block("text", text, indent + 2)
    if not label:
        out = out.replace(pad + "  ", pad + "- ", 1)
    if r.random() < 0.4:
        out += f"{pad}  lead: {_quoted(r.choice(_LEADS))}\n"
    if r.random() < 0.85:
        out += f"{pad}  due: {_quoted(w.timeframe(year))}\n"
    if r.random() < 0.8:
        out += f"{pad}  status: {_quoted(r.choice(w.statuses))}\n"
        if r.random() < 0.15:
            out += f"{pad}  status_text: {_quoted(r.choice(_STATUS_TEXTS))}\n"
    out += _updates(w, start, pad + "  ")
    if indent == ACTION_INDENT and r.random() < 0.05:
        out += f"{pad}  actions:\n"
        children: set[str] = set()
        for n in range(r.randint(2, 3)):
            out += _action(w, year, start, indent + 4, "abc"[n] + ")" if label else None, children)
    return out


def plan_text(rng: random.Random, year: int) -> str:
    """Return one plan file's text."""
    w = _Writer(rng)
    r = rng
    start = datetime.date(year, r.randint(1, 12), r.randint(1, 28))
    out = "# Synthetic plan for benchmarks, written by bench/generate.py.\n"
    out += f"title: {_quoted(f'Corporate Peer Challenge {year} – action plan')}\n"
    out += "review: Corporate Peer Challenge\n"
    out += f"review_date: {start.strftime('%Y-%m')}\n"
    if r.random() < 0.7:
        out += f"published: {(start + datetime.timedelta(days=r.randint(30, 120))).isoformat()}\n"
    if r.random() < 0.7:
        out += f"updated: {(start + datetime.timedelta(days=r.randint(200, 500))).strftime('%Y-%m')}\n"
    if r.random() < 0.5:
        out += f"report_url: https://www.example.gov.uk/cpc-{year}\n"
    if r.random() < 0.6:
        out += _block("summary", w.markdown(150, 900), 0)
    if r.random() < 0.2:
        out += "statuses:\n  complete: {label: Completed, aliases: [Done]}\n"
        out += "  paused: {label: Paused, counts_as: at-risk}\n"
        w.statuses = (*_STATUS_WORDS, "paused", "Paused")
    groups = r.random() < 0.25
    if groups:
        out += "groups:\n  - {id: formal, title: Formal recommendations}\n"
        out += "  - {id: additional, title: Additional recommendations and suggestions}\n"
    out += "recommendations:\n"
    count = r.randint(8, 13)
    numbered = r.random() < 0.5
    labelled = r.random() < 0.4  # actions numbered as printed ("i)", "ii)"), as in three of the five seed plans
    for n in range(1, count + 1):
        out += f'  - id: "{n}"\n'
        if numbered:
            out += f'    label: "{n}."\n'
        out += _block("title", w.prose(50, 260), 4)
        if groups:
            out += f"    group: {'formal' if n <= count * 2 // 3 else 'additional'}\n"
        if r.random() < 0.15:
            out += _block("detail", w.markdown(100, 600), 4)
        if r.random() < 0.3:
            out += _block("position", w.markdown(150, 1200), 4)
        if r.random() < 0.6:
            out += f"    lead: {_quoted(r.choice(_LEADS))}\n"
        out += "    actions:\n"
        siblings: set[str] = set()
        for n in range(r.randint(2, 8)):
            out += _action(w, year, start, ACTION_INDENT, _ROMAN[n] + ")" if labelled else None, siblings)
        out += "\n"
    return out


def _place(rng: random.Random) -> str:
    return rng.choice(_PLACES) + rng.choice(_ENDINGS)


def generate(count: int, out: Path, seed: int = 1) -> list[Path]:
    """Write ``count`` councils into ``out`` (replacing an earlier generation there); return the plan files."""
    if out.exists():
        if not (out / MARKER).exists():
            raise SystemExit(f"{out} exists and was not written by bench/generate.py: choose another folder")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / MARKER).write_text("written by bench/generate.py; safe to delete\n", encoding="utf-8")
    (out / "site.yaml").write_text(
        "title: Council action plans (benchmark)\nbase_url: https://plans.example.gov.uk/\n"
        "owner: {name: Benchmark Council, email: web@example.gov.uk}\n"
        "accessibility: {prepared: 2026-01-05, last_reviewed: 2026-01-05}\n",
        encoding="utf-8",
    )
    used: set[str] = set()
    plans = []
    for i in range(count):
        rng = random.Random(f"{seed}-{i}")  # one source per council: the first 300 of 1,000 are the 300
        name = _place(rng)
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower())
        if slug in used:
            slug = f"{slug}-{i}"
        used.add(slug)
        folder = out / slug
        folder.mkdir()
        council = f"name: {name} {rng.choice(_KINDS)}\nshort_name: {name}\nwebsite: https://www.{slug}.gov.uk/\n"
        (folder / "council.yaml").write_text(council, encoding="utf-8")
        years = sorted(rng.sample(range(2017, 2026), rng.randint(1, 2)))
        for year in years:
            path = folder / f"cpc-{year}.yaml"
            path.write_text(plan_text(rng, year), encoding="utf-8")
            plans.append(path)
    return plans


def edit_plan(path: Path, n: int = 1) -> None:
    """Make a small, valid edit to one plan, as an editor saving a file would: append to its first action's text."""
    text = path.read_text(encoding="utf-8")
    found = re.search(r"^(?:      - |        )text: ", text, re.MULTILINE)
    assert found, f"{path} has no action"
    at = found.end()
    end = text.index("\n", at)
    if text[at] in ">|":  # a block: add to its first line
        line_end = text.index("\n", end + 1)
        text = text[:line_end] + f" Edit {n}." + text[line_end:]
    elif text[at] == '"':
        text = text[:at] + _quoted(f"{json.loads(text[at:end])} Edit {n}.") + text[end:]
    else:  # plain, as people write
        text = text[:end] + f" Edit {n}." + text[end:]
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("councils", type=int, help="how many councils to write")
    parser.add_argument("out", type=Path, help="content folder to write (replaced if an earlier generation)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    plans = generate(args.councils, args.out, args.seed)
    size = sum(p.stat().st_size for p in args.out.rglob("*.yaml"))
    print(f"wrote {args.councils} councils, {len(plans)} plans, {size / 1e6:.1f} MB in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
