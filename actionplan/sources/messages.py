"""Every message an editor can meet, in one catalogue: the words, the hint, and the mistake behind them.

The code says its problems through these entries; docs/editing.md's "What the messages
mean" is generated from them (``python -m actionplan.sources.messages docs/editing.md``)
and a test fails when the two differ. Entries about the YAML layout carry the mistake as
YAML (``wrote``) and the same lines written right (``instead``): tests check that the first
gives exactly this message and the second reads cleanly, so every hint is tried against
the mistake that triggers it. Words are for a comms officer: what is wrong in the file as
they see it, and what to type instead; never the parser's own terms.
"""

from __future__ import annotations

import calendar
import difflib
import re
import string
from dataclasses import dataclass, field
from functools import cached_property

from ..model.dates import NoSuchDate, UnknownMonth


@dataclass(frozen=True)
class Message:
    """One kind of problem: a message and a hint with {fields}, and what it means for the docs."""

    key: str
    topic: str
    text: str
    hint: str
    mistake: str  # what the person did, in their words
    wrote: str = ""  # YAML lines that make the mistake (tested to give this message)
    instead: str = ""  # the same lines written right (tested to read cleanly)
    sample: dict[str, str] = field(default_factory=dict)  # values that show the message when there is no YAML

    def say(self, **fields: object) -> tuple[str, str]:
        """Return the message and the hint with ``fields`` filled in."""
        return self.text.format(**fields), self.hint.format(**fields)

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Match any message this entry can give."""
        return _template_pattern(self.text)

    @cached_property
    def hint_pattern(self) -> re.Pattern[str]:
        return _template_pattern(self.hint)


def _template_pattern(template: str) -> re.Pattern[str]:
    pieces = string.Formatter().parse(template)
    return re.compile(
        "(?s)" + "".join(re.escape(text) + (".*" if name is not None else "") for text, name, _, _ in pieces)
    )


LAYOUT = "Spaces, dashes and colons"
QUOTES = "Quotes, brackets and special characters"
FILES = "Files and what is in them"
DATES = "Dates"
FIELDS = "Fields and values"

# ----------------------------------------------------------------- the layout of a YAML file

YAML_TAB = Message(
    "yaml-tab",
    LAYOUT,
    "line {line} is indented with a tab",
    "indent with spaces only: replace the tab with spaces (most editors can type spaces when you press Tab)",
    "A tab at the start of a line. YAML counts spaces to see what belongs where, and a tab is not a space.",
    wrote="actions:\n\t- text: Agree the vision\n",
    instead="actions:\n  - text: Agree the vision\n",
)
YAML_OVER_INDENTED = Message(
    "yaml-over-indented",
    LAYOUT,
    '"{key}:" is indented further than "{above}:" on line {line}, so it belongs to nothing',
    'start "{key}:" in the same column as "{above}:" ({spaces})',
    "A field pushed further to the right than the field above it. Fields of the same thing start in the same column.",
    wrote="updates:\n  - date: 2024-04-01\n    status: on-track\n      note: Workshops held.\n",
    instead="updates:\n  - date: 2024-04-01\n    status: on-track\n    note: Workshops held.\n",
)
YAML_MISALIGNED = Message(
    "yaml-misaligned",
    LAYOUT,
    '"{key}:" is not lined up with any field above it',
    "line it up with {choices}",
    "A field that starts between two columns: further in than one field, less far than another.",
    wrote='recommendations:\n  - id: "1"\n   title: Set a clear vision\n',
    instead='recommendations:\n  - id: "1"\n    title: Set a clear vision\n',
)
YAML_MISSING_DASH = Message(
    "yaml-missing-dash",
    LAYOUT,
    '"{key}:" is lined up with the "-" of the list that starts on line {line}, but has no "-" of its own',
    'start a new entry with "- {key}:", or indent it to line up with "{above}:" if it belongs to the entry above',
    'A new entry in a list (an action, an update) without its "- ".',
    wrote="actions:\n  - text: Agree the vision\n    due: June 2024\n  text: Publish the plan\n",
    instead="actions:\n  - text: Agree the vision\n    due: June 2024\n  - text: Publish the plan\n",
)
YAML_DASH_MISALIGNED = Message(
    "yaml-dash-misaligned",
    LAYOUT,
    'the "-" on line {line} is not lined up with the "-" on line {above}',
    'start every "-" of one list in the same column ({spaces})',
    "A list whose dashes do not start in the same column.",
    wrote="actions:\n    - text: Agree the vision\n  - text: Publish the plan\n",
    instead="actions:\n    - text: Agree the vision\n    - text: Publish the plan\n",
)
YAML_DASH_AMONG_FIELDS = Message(
    "yaml-dash-among-fields",
    LAYOUT,
    'line {line} starts a list entry with "-" among fields that are not a list',
    'remove the "-", or move the entry under the field whose list it belongs to, indented further',
    'A line starting with "- " lined up with fields (name: value) rather than under a list such as "actions:".',
    wrote="- text: Agree the vision\n  due: June 2024\n  - status: on-track\n",
    instead="- text: Agree the vision\n  due: June 2024\n  status: on-track\n",
)
YAML_NO_SPACE_AFTER_COLON = Message(
    "yaml-no-space-after-colon",
    LAYOUT,
    '"{written}" needs a space after the colon',
    'write "{fixed}"',
    "A field name and its value with no space between the colon and the value.",
    wrote="title:Action plan\nsummary: Our plan.\n",
    instead="title: Action plan\nsummary: Our plan.\n",
)
YAML_NO_SPACE_AFTER_DASH = Message(
    "yaml-no-space-after-dash",
    LAYOUT,
    '"{written}" needs a space after the "-"',
    'write "{fixed}"',
    'A list entry with no space after its "-".',
    wrote="actions:\n  - text: Agree the vision\n  -text: Publish the plan\n",
    instead="actions:\n  - text: Agree the vision\n  - text: Publish the plan\n",
)
YAML_MISSING_COLON = Message(
    "yaml-missing-colon",
    LAYOUT,
    'line {line} ("{written}") has no colon, so it is neither a field nor part of the text above',
    'if it is a field, write it as "name: value"; if it is more of the text above, indent it under that text',
    'A field name without its ":", or a line of text that has lost its indentation.',
    wrote="title: Action plan\nsummary\nrecommendations: []\n",
    instead="title: Action plan\nsummary: Our plan.\nrecommendations: []\n",
)
YAML_STRAY_COLON = Message(
    "yaml-stray-colon",
    LAYOUT,
    'line {line} starts with ":", so the value after it has no field name',
    'write the field name before the colon, e.g. "updated: {value}", or delete the line',
    "A line that starts with a colon: the field name before it is missing.",
    wrote="title: Action plan\n: 2024-05-01\n",
    instead="title: Action plan\nupdated: 2024-05-01\n",
)
YAML_COLON_IN_TEXT = Message(
    "yaml-colon-in-text",
    QUOTES,
    'the text of "{key}:" contains ": ", which YAML reads as the start of another field',
    "put the text in quotes: {fixed}",
    'Text with a colon and a space inside it, such as "Phase 1: agree", not in quotes.',
    wrote="actions:\n  - text: Phase 1: agree the vision\n",
    instead='actions:\n  - text: "Phase 1: agree the vision"\n',
)
YAML_COLON_IN_LONG_TEXT = Message(
    "yaml-colon-in-long-text",
    QUOTES,
    'the text of "{key}:" (line {start}) has ": " on line {line}, which YAML reads as the start of another field',
    'put the whole text in quotes, or write "{key}: |" and put the text on the lines below it, indented',
    "Text over several lines with a colon and a space in a later line.",
    wrote="note: Workshops were\n  held with: partners\n",
    instead="note: |\n  Workshops were\n  held with: partners\n",
)
YAML_BLOCK_TEXT_INDENT = Message(
    "yaml-block-text-indent",
    LAYOUT,
    'this line is part of the text of "{key}:" (line {start}), but is indented less than its first line',
    "indent every line of that text at least as far as its first line ({spaces})",
    'Text over several lines (after "|" or ">") whose later lines start further left than its first.',
    wrote="summary: |\n    The peer team visited.\n  They made eight recommendations.\n",
    instead="summary: |\n    The peer team visited.\n    They made eight recommendations.\n",
)
YAML_TEXT_WITHOUT_FIELD = Message(
    "yaml-text-without-field",
    LAYOUT,
    "line {line} is text that belongs to no field",
    'if it is more of the text above, put that whole text in quotes or start it with "|"; '
    'if it is a field, write "name: value"',
    "A line of text after a value that has ended (after a closing quote, for instance).",
    wrote='title: "Action plan"\n  for 2024\n',
    instead='title: "Action plan for 2024"\n',
)
YAML_DOCUMENT_END = Message(
    "yaml-document-end",
    FILES,
    'line {line} ("...") marks the end of the file, but more follows it',
    'delete the "..." line',
    'A line of three dots, which YAML reads as "the file ends here".',
    wrote="title: Action plan\n...\nsummary: Our plan.\n",
    instead="title: Action plan\nsummary: Our plan.\n",
)
YAML_DIRECTIVE = Message(
    "yaml-directive",
    FILES,
    'line {line} starts with "%", which YAML reads as an instruction to itself',
    "delete the line; plan files need no instructions for YAML",
    'A line starting with "%".',
    wrote="%YAML 2.0\n---\ntitle: Action plan\n",
    instead="title: Action plan\n",
)
YAML_UNREADABLE = Message(
    "yaml-unreadable",
    LAYOUT,
    "this line cannot be read, and actionplan has no plain explanation for this mistake yet",
    "check the spaces at the start of this line and the line above, and any quotes or brackets",
    "A mistake in the layout that none of the messages above describes. Please report it, with the lines.",
    sample={},
)

# ----------------------------------------------------------------- quotes, brackets and special characters

YAML_UNCLOSED_QUOTE = Message(
    "yaml-unclosed-quote",
    QUOTES,
    "the quote mark {quote} that opens {what} on line {line} is never closed",
    "add a closing {quote} at the end of that text",
    "Text that starts with a quote mark but does not end with one: everything after it is read as part of it.",
    wrote='title: "Action plan\nupdated: 2024-05-01\nrecommendations: []\n',
    instead='title: "Action plan"\nupdated: 2024-05-01\nrecommendations: []\n',
)
YAML_TEXT_AFTER_QUOTE = Message(
    "yaml-text-after-quote",
    QUOTES,
    "{what} goes on after its closing quote mark",
    "put all of the text inside the quotes: {fixed}",
    "Text in quotes followed by more text outside them.",
    wrote='title: "Action plan" 2024\n',
    instead='title: "Action plan 2024"\n',
)
YAML_APOSTROPHE = Message(
    "yaml-apostrophe",
    QUOTES,
    'the apostrophe in "{word}" ends {what}, which starts with a single quote mark',
    "put the text in double quotes instead: {fixed}",
    "An apostrophe inside text that is in single quotes: YAML takes it for the closing quote.",
    wrote="title: 'The council's plan'\n",
    instead='title: "The council\'s plan"\n',
)
YAML_TEXT_STARTS_WITH_BRACKET = Message(
    "yaml-text-starts-with-bracket",
    QUOTES,
    'the text of "{key}:" starts with "{bracket}", which YAML reads as {reads_as}',
    "put the text in quotes: {fixed}",
    'Text that starts with "[" or "{{", such as "[Draft] plan", not in quotes.',
    wrote="title: [Draft] action plan\n",
    instead='title: "[Draft] action plan"\n',
)
YAML_UNCLOSED_BRACKET = Message(
    "yaml-unclosed-bracket",
    QUOTES,
    'the "{bracket}" on line {line} is never closed with "{closer}"',
    'add "{closer}" where {what} should end, or put the text in quotes if it is not meant to be {what}',
    'A list written in brackets ("[a, b]") or fields in braces ("{{a: b}}") missing the closing bracket.',
    wrote="statuses:\n  paused: {label: Paused, counts_as: at-risk\nrecommendations: []\n",
    instead="statuses:\n  paused: {label: Paused, counts_as: at-risk}\nrecommendations: []\n",
)
YAML_RESERVED_START = Message(
    "yaml-reserved-start",
    QUOTES,
    'text cannot start with "{char}" unless it is in quotes',
    "put the text in quotes: {fixed}",
    'Text that starts with "@", "`", "%", "&" or "*", not in quotes: YAML keeps these characters for itself.',
    wrote="lead: @ChiefExec\n",
    instead='lead: "@ChiefExec"\n',
)
YAML_BLOCK_INDICATOR = Message(
    "yaml-block-indicator",
    QUOTES,
    'text cannot start with "{char}" unless it is in quotes: after "{key}:" it starts text over several lines',
    'put the text in quotes ({fixed}), or leave "{char}" alone after "{key}:" and put the text on the lines below, '
    "indented",
    'Text that starts with "|" or ">" on the same line as its field.',
    wrote="note: | Complete\n",
    instead='note: "| Complete"\n',
)
YAML_DASH_AFTER_COLON = Message(
    "yaml-dash-after-colon",
    QUOTES,
    'the text of "{key}:" starts with "- ", which YAML reads as a list',
    "put the text in quotes ({fixed}), or start the list on the next line, indented",
    'Text that starts with "- " on the same line as its field.',
    wrote="due: - June 2024\n",
    instead='due: "- June 2024"\n',
)
YAML_BAD_ESCAPE = Message(
    "yaml-bad-escape",
    QUOTES,
    'inside double quotes a backslash starts a code, and "{escape}" is not one',
    "write each backslash twice (\\\\), or put the text in single quotes instead",
    "A backslash inside double quotes, as in a Windows folder name.",
    wrote='title: "Filed under C:\\Documents"\n',
    instead="title: 'Filed under C:\\Documents'\n",
)
YAML_REFERENCE = Message(
    "yaml-reference",
    QUOTES,
    'text cannot start with "{char}" unless it is in quotes: YAML reads "{word}" as {reads_as}',
    "put the text in quotes ({fixed}), or write the value out in full",
    'Text that starts with "&", "*" or "!": YAML reads these as a label, a reference or a type, which plan files '
    "never use.",
    wrote="text: *Draft* action\n",
    instead='text: "*Draft* action"\n',
)

# ----------------------------------------------------------------- what a file may hold

YAML_ONE_DOCUMENT = Message(
    "yaml-one-document",
    FILES,
    'the file goes on after a "---" line, but a file may hold only one plan',
    'remove the "---" line, or move what follows it into a file of its own',
    'A line "---" in the middle of a file, which YAML reads as the start of another document.',
    wrote="title: Action plan\n---\ntitle: Another plan\n",
    instead="title: Action plan\n",
)
YAML_EMPTY = Message(
    "yaml-empty",
    FILES,
    "the file is empty",
    "write the fields this file needs, or delete it",
    "A file with nothing in it, or only comments.",
    wrote="# nothing yet\n",
)
YAML_DUPLICATE_KEY = Message(
    "yaml-duplicate-key",
    FIELDS,
    'the field "{key}" is given twice (first on line {line})',
    "keep one of them: YAML would silently use the last",
    "The same field twice in one place.",
    wrote="title: Action plan\ntitle: Our plan\n",
    instead="title: Action plan\n",
)
YAML_KEY_NOT_TEXT = Message(
    "yaml-key-not-text",
    FIELDS,
    "a field name must be a plain word",
    "write the name followed by a colon, such as 'title:'",
    'A field name in brackets or braces, such as "[actions]:".',
    wrote="[title]: Action plan\n",
    instead="title: Action plan\n",
)
YAML_TOO_DEEP = Message(
    "yaml-too-deep",
    FIELDS,
    "the fields are nested more than {depth} levels deep",
    "flatten the structure: a plan needs far fewer levels",
    "Lists inside lists inside lists, far deeper than any plan needs.",
    sample={"depth": "40"},
)
YAML_ESCAPED_CONTROL = Message(
    "yaml-escaped-control",
    QUOTES,
    'the text holds control character U+{code}, written as an escape such as "\\e"',
    "remove the escape",
    'A code such as "\\e" or "\\0" inside double quotes, which would put an invisible control character in the page.',
    wrote='lead: "Chief Executive\\e"\n',
    instead='lead: "Chief Executive"\n',
)
YAML_BAD_CHARACTER = Message(
    "yaml-bad-character",
    FILES,
    "the character U+{code} is not allowed in YAML",
    "delete it; it is often left by copying from another program",
    "An invisible character that YAML files may not hold, usually pasted in from another program.",
    wrote="title: Action plan\ufffe\n",
    instead="title: Action plan\n",
)
YAML_NOT_UNICODE = Message(
    "yaml-not-unicode",
    FILES,
    "the text holds a character that is not valid Unicode",
    "delete it",
    "Broken text, usually from a damaged file.",
    sample={},
)

# ----------------------------------------------------------------- dates

DATE_FORMS = "a date such as 28/02/2025, 28 February 2025 or 2025-02-28"
MONTH_FORMS = DATE_FORMS + ", or a month such as February 2025"

DATE_NO_SUCH_DAY = Message(
    "date-no-such-day",
    DATES,
    '"{field}" says {text}, but {day} {month} does not exist: {month} has {days} days',
    "check the day and the month",
    "A day the month does not have, such as 31 February or 31 April, in any date field or in a due date.",
    sample={"field": "date", "text": "31/02/2025", "day": "31", "month": "February 2025", "days": "28"},
)
DATE_NO_SUCH_MONTH = Message(
    "date-no-such-month",
    DATES,
    '"{field}" says {text}, but there is no month {month}: a year has 12',
    "check the month; dates are written day first, e.g. 28/02/2025",
    "A month number above 12, or 0.",
    sample={"field": "updated", "text": "2025-13", "month": "13"},
)
DATE_MONTH_FIRST = Message(
    "date-month-first",
    DATES,
    '"{field}" says {text}, but there is no month {month}: dates are written day first',
    "write {swapped}",
    "A date written month first, the American way (02/28/2025).",
    sample={"field": "date", "text": "02/28/2025", "month": "28", "swapped": "28/02/2025"},
)
DATE_UNKNOWN_MONTH = Message(
    "date-unknown-month",
    DATES,
    '"{field}" says {text}, but "{word}" is not a month',
    'write the month in full, such as "{closest}"',
    "A month name misspelt.",
    sample={"field": "published", "text": "28 Febuary 2025", "word": "Febuary", "closest": "February"},
)
DATE_UNREADABLE = Message(
    "date-unreadable",
    DATES,
    '"{field}" says {text}, which is not a date actionplan can read',
    "write {forms}",
    "A date in another form, or with a year before 1900 or after 2099.",
    sample={"field": "date", "text": "28/02/0205", "forms": DATE_FORMS},
)
DUE_NOT_UNDERSTOOD = Message(
    "due-not-understood",
    DATES,
    'cannot tell when "{due}" is, so it can never show as overdue',
    "add a date in the words, e.g. 'by 31/03/2024', or write a month and year",
    "A due date in words the site cannot place in time (a warning: the words are still published).",
    sample={"due": "when funding allows"},
)


def date_mistake(field: str, text: str, mistake: NoSuchDate | UnknownMonth | None, forms: str) -> tuple[str, str]:
    """Return the message and hint for a date that is not a real one, in any date field or a due date."""
    if isinstance(mistake, UnknownMonth):
        closest = difflib.get_close_matches(mistake.word.capitalize(), _MONTH_NAMES, n=1, cutoff=0)
        return DATE_UNKNOWN_MONTH.say(field=field, text=text, word=mistake.word, closest=closest[0])
    if mistake is None:
        return DATE_UNREADABLE.say(field=field, text=text, forms=forms)
    if not 1 <= mistake.month <= 12:
        if mistake.day and 1 <= mistake.day <= 12 and 1 <= mistake.month <= 31:
            swapped = f"{mistake.month:02d}/{mistake.day:02d}/{mistake.year}"
            return DATE_MONTH_FIRST.say(field=field, text=text, month=mistake.month, swapped=swapped)
        return DATE_NO_SUCH_MONTH.say(field=field, text=text, month=mistake.month)
    month = f"{calendar.month_name[mistake.month]} {mistake.year}"
    days = calendar.monthrange(mistake.year, mistake.month)[1]
    return DATE_NO_SUCH_DAY.say(field=field, text=text, day=mistake.day, month=month, days=days)


_MONTH_NAMES = list(calendar.month_name)[1:]

CATALOGUE: tuple[Message, ...] = tuple(v for v in list(globals().values()) if isinstance(v, Message))
