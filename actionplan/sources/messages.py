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

# ----------------------------------------------------------------- fields and values (the schema and the checks)
# These messages are written where the checks are (sources/schema.py, sources/validate.py); the entries
# describe them for the docs, and the hostile corpus test fails on any message no entry matches.

SCHEMA_UNKNOWN_FIELD = Message(
    "unknown-field",
    FIELDS,
    'unknown field "{field}" in {where}',
    'did you mean "{suggestion}"?',
    "A field name misspelt, or a field that does not belong in this place. The hint suggests the nearest "
    "name, or lists the fields allowed there.",
    sample={"field": "laed", "where": "a recommendation", "suggestion": "lead"},
)
SCHEMA_MISSING = Message(
    "missing-field",
    FIELDS,
    '{where} has no "{field}"',
    'add "{field}: …"',
    "A required field left out, or left empty.",
    sample={"where": "an action", "field": "text"},
)
SCHEMA_WRONG_SHAPE = Message(
    "wrong-shape",
    FIELDS,
    "{where} should be {expected}, not {found}",
    "{advice}",
    'A value of the wrong kind: text where a list ("- " lines) belongs, or a list where text belongs. Text '
    'that starts with "-" or "[" needs quotes.',
    sample={
        "where": '"actions"',
        "expected": "a list (lines starting with '- ')",
        "found": '"Agree the vision"',
        "advice": "start each entry on its own line with '- '",
    },
)
SCHEMA_NOT_ALLOWED = Message(
    "value-not-allowed",
    FIELDS,
    '{where} cannot be "{value}"',
    "{advice}",
    "A value of the wrong form: an id with spaces or capitals, a link that does not start with https://, a "
    "date in another form, a colour that is not #rrggbb. The hint says what the field takes.",
    sample={
        "where": '"id"',
        "value": "Two Words",
        "advice": "ids become part of a web address: use lower-case letters, digits, '-' and '.', e.g. \"2a\"",
    },
)
SCHEMA_TOO_LONG = Message(
    "too-long",
    FIELDS,
    "{where} is {length} characters long; the most is {most}",
    "shorten it",
    "Text far longer than the field takes (a title over 2,000 characters, say).",
    sample={"where": '"title"', "length": "2,345", "most": "2,000"},
)
SCHEMA_EMPTY = Message(
    "empty-value",
    FIELDS,
    "{where} is empty",
    "{advice}",
    "A field or list left empty where something is needed.",
    sample={"where": '"recommendations"', "advice": "add at least one entry"},
)
UNKNOWN_STATUS = Message(
    "unknown-status",
    FIELDS,
    'unknown status "{status}"',
    'did you mean "{suggestion}"?',
    "A status that is not one of the plan's: misspelt, or a word the plan has not listed under statuses.",
    sample={"status": "compelte", "suggestion": "complete"},
)
STATUS_COUNTS_AS = Message(
    "status-counts-as",
    FIELDS,
    'the plan\'s own status "{status}" needs "counts_as"',
    "say which standard status it counts as: {choices}",
    "A status of the plan's own without the standard status it counts as.",
    sample={"status": "paused", "choices": "complete, on-track, at-risk, off-track, not-started"},
)
STANDARD_STATUS = Message(
    "standard-status",
    FIELDS,
    '"{status}" is a standard status and always counts as itself',
    'remove "counts_as", or give the status a new name',
    'A standard status (complete, on-track…) given a different "counts_as".',
    sample={"status": "complete"},
)
USED_TWICE = Message(
    "used-twice",
    FIELDS,
    '{what} id "{id}" is used twice{where}',
    "give each {what} its own id",
    "Two recommendations, groups or actions with the same id.",
    sample={"what": "recommendation", "id": "1", "where": " (first on line 6)"},
)
ACTION_ID_CLASH = Message(
    "action-id-clash",
    FIELDS,
    'this action\'s {how} it the id "{id}", which the action on line {line} has too',
    'add "id:" to one of them to name it yourself, e.g. "id: {id}-b"',
    "Two actions under one recommendation that start with the same words (or labels), so they would share "
    "a web address.",
    sample={"how": "first words give", "id": "1.hold-a-workshop", "line": "6"},
)
ACTION_NO_WORDS = Message(
    "action-no-words",
    FIELDS,
    "cannot make an id for this action from its words",
    'add "id:" to name it',
    "An action whose text has no words to make its web address from.",
)
UPDATE_REPEATED = Message(
    "update-repeated",
    FIELDS,
    "this update repeats the one on line {line}: same date ({date}), same note",
    "remove one of them, or say in its note what is new",
    "The same update given twice.",
    sample={"line": "12", "date": "2024-05-01"},
)
HEADING_FIELD = Message(
    "heading-field",
    FIELDS,
    'a heading is not an action, so it cannot have "{field}"',
    'move "{field}" to the actions under it, or remove "heading: true"',
    "A heading (heading: true) given a due date, status or updates.",
    sample={"field": "status"},
)
HEADING_EMPTY = Message(
    "heading-empty",
    FIELDS,
    "this heading has no actions under it",
    "{advice}",
    "A heading with nothing under it (a warning).",
    sample={"advice": "put its actions under it, or remove it"},
)
STATUS_COVERS_NOTHING = Message(
    "status-covers-nothing",
    FIELDS,
    "this action gives no status to share",
    'add "status:", or remove "status_covers"',
    '"status_covers" on an action that has no status of its own to share.',
)
STATUS_COVERS_UNKNOWN = Message(
    "status-covers-unknown",
    FIELDS,
    '"status_covers" names action "{id}", which this plan does not have',
    'did you mean "{suggestion}"?',
    '"status_covers" naming an action that does not exist.',
    sample={"id": "1.9", "suggestion": "1.2"},
)
STATUS_COVERS_OWN = Message(
    "status-covers-own",
    FIELDS,
    'action "{id}" already has a status of its own',
    "remove it from this list",
    '"status_covers" naming an action that has its own status.',
    sample={"id": "1.3"},
)
UNKNOWN_GROUP = Message(
    "unknown-group",
    FIELDS,
    'unknown group "{group}"',
    'did you mean "{suggestion}"?',
    "A recommendation's group that is not one of the plan's groups.",
    sample={"group": "formall", "suggestion": "formal"},
)
NO_GROUP = Message(
    "no-group",
    FIELDS,
    "this plan has groups, but this recommendation names none",
    'add "group: " with one of: {groups}',
    "A recommendation without a group in a plan that has groups.",
    sample={"groups": "formal, additional"},
)
COVERED_BY = Message(
    "covered-by",
    FIELDS,
    '"covered_by" names recommendation "{id}", which this plan does not have',
    'did you mean "{suggestion}"?',
    '"covered_by" naming a recommendation that does not exist (or the recommendation itself).',
    sample={"id": "9", "suggestion": "2"},
)
NO_ACTIONS = Message(
    "no-actions",
    FIELDS,
    'recommendation "{id}" has no actions',
    'add its actions, or "covered_by:" the recommendation whose actions address it',
    "A recommendation with nothing under it (a warning).",
    sample={"id": "4"},
)
UPDATE_ORDER = Message(
    "update-order",
    FIELDS,
    "this update ({date}) is older than the one before it ({before})",
    "list updates oldest first",
    "Updates out of date order (a warning).",
    sample={"date": "2024-03-01", "before": "2024-05-01"},
)
REPORT_TWICE = Message(
    "report-twice",
    FIELDS,
    "this plan already has a report on {date} (line {line})",
    "a plan has one report a day: remove one, or correct its date",
    "Two reports with the same date: each report has its own page, at an address made from its date.",
    sample={"date": "2026-02-10", "line": "8"},
)
REPORT_BEFORE_REVIEW = Message(
    "report-before-review",
    FIELDS,
    "this report ({date}) is dated before the peer team's visit ({review})",
    "check the report's date, or the plan's \"review_date\"",
    "A report dated before the review it reports on.",
    sample={"date": "2022-02-10", "review": "2023-03"},
)
WITHDRAWN_BEFORE_ADDED = Message(
    "withdrawn-before-added",
    FIELDS,
    "this action is withdrawn ({withdrawn}) before it was added ({added})",
    'check the dates: "withdrawn" comes after "added"',
    "An action whose withdrawal is dated on or before the day it joined the plan.",
    sample={"withdrawn": "2025-01-01", "added": "2025-06-01"},
)
BRAND_CONTRAST = Message(
    "brand-contrast",
    FIELDS,
    "brand colour {colour} has a contrast of {ratio}:1 with white text; it needs at least 4.5:1",
    "choose a darker colour",
    "A header colour too light for white text to be read on it.",
    sample={"colour": "#ffcc00", "ratio": "1.59"},
)

# ------------------------------------------------- files and folders (sources/files.py, sources/reading.py)

FILE_NOT_UTF8 = Message(
    "file-not-utf8",
    FILES,
    "{what} is not UTF-8 text",
    "save the file as UTF-8 in your editor",
    "A file saved in another encoding (often by Excel or an old editor).",
    sample={"what": "byte 0xe9"},
)
FILE_UTF16 = Message(
    "file-utf16",
    FILES,
    "the file is saved as UTF-16",
    "save the file as UTF-8 in your editor",
    'A file saved as UTF-16 ("Unicode" in some Windows programs).',
)
FILE_BINARY = Message(
    "file-binary",
    FILES,
    "this is a binary file (an image or a document?), not YAML text",
    "content files must be text: remove it, or rename it so it does not end in .yaml",
    "A picture or a document given a .yaml name.",
)
FILE_CONTROL = Message(
    "file-control-character",
    FILES,
    "the file contains {what}; is it a binary file?",
    "remove the character, or the file",
    "An invisible control character in the file.",
    sample={"what": "control character U+001B"},
)
FILE_TOO_BIG = Message(
    "file-too-big",
    FILES,
    "the file is {size}; the most a content file may be is 5 MB",
    "split it, or check it is the file you meant",
    "A content file over 5 MB.",
    sample={"size": "50.0 MB"},
)
FILE_LINK_OUTSIDE = Message(
    "file-link-outside",
    FILES,
    "this is a link to a file outside the content folder",
    "copy the file into the content folder instead",
    "A link (shortcut) to a file outside the content folder, which is never read.",
)
FOLDER_LINK_OUTSIDE = Message(
    "folder-link-outside",
    FILES,
    "this folder is a link to a place outside the content folder",
    "move the files into the content folder instead",
    "A link (shortcut) to a folder outside the content folder, which is never read.",
)
FILE_UNREADABLE = Message(
    "file-unreadable",
    FILES,
    "cannot read the {what}: {reason}",
    "{advice}",
    "A file or folder that cannot be opened (missing, or not allowed).",
    sample={"what": "file", "reason": "No such file or directory", "advice": "check it exists and can be read"},
)
NAME_NOT_URL = Message(
    "name-not-url",
    FILES,
    '"{name}" cannot be a {what} name: it becomes part of the web address',
    'rename it to "{suggestion}"',
    "A folder or file name with capitals, spaces or accents.",
    sample={"name": "North Tyneside", "what": "council", "suggestion": "north-tyneside"},
)
NAME_TWICE = Message(
    "name-twice",
    FILES,
    '"{name}" is used twice (also {other})',
    "rename one of them",
    "Two plans with the same name (cpc-2024.yaml and cpc-2024.yml).",
    sample={"name": "cpc-2024", "other": "content/acme/cpc-2024.yaml"},
)
NAME_CAPITALS = Message(
    "name-capitals",
    FILES,
    '"{name}" differs from "{other}" only in capitals',
    "web addresses are lower-case: keep one",
    "Two folders or files whose names differ only in capitals.",
    sample={"name": "acme", "other": "Acme"},
)
NO_CONTENT_FOLDER = Message(
    "no-content-folder",
    FILES,
    "the content folder does not exist",
    "run from the project folder, or pass --content DIR",
    "The command run from another folder, or a mistyped --content.",
)
FILE_NOT_READ = Message(
    "file-not-read",
    FILES,
    "this file is not read",
    "a plan goes in its council's folder, e.g. content/<council>/<plan>.yaml",
    "A plan file put straight into content/ rather than a council's folder (a warning).",
)
NO_COUNCIL_YAML = Message(
    "no-council-yaml",
    FILES,
    "this council folder has no council.yaml",
    'create {path} with "name: …"',
    "A council's folder with plans but no council.yaml.",
    sample={"path": "content/acme/council.yaml"},
)
EMPTY_FOLDER = Message(
    "empty-folder",
    FILES,
    "this folder has no council.yaml and no plans, so it is ignored",
    "delete it, or add council.yaml",
    "An empty folder in content/ (a warning).",
)
NO_PLANS = Message(
    "no-plans",
    FILES,
    "this council has no plan files yet",
    "add a plan such as {path}",
    "A council with no plans (a warning).",
    sample={"path": "content/acme/cpc-2024.yaml"},
)
TEMPLATE_ERROR = Message(
    "template-error",
    FILES,
    "template error: {error}",
    "fix the template",
    "A mistake in a council's own templates (for whoever looks after the site's design).",
    sample={"error": "unexpected '}'"},
)

CATALOGUE: tuple[Message, ...] = tuple(v for v in list(globals().values()) if isinstance(v, Message))


def catalogued(shown: str) -> Message | None:
    """Return the entry a printed message ("message (hint)") comes from, or None if none describes it."""
    ends = [len(shown)] + [i for i in range(len(shown)) if shown.startswith(" (", i) and shown.endswith(")")]
    for entry in CATALOGUE:
        if any(entry.pattern.fullmatch(shown[:end]) for end in ends):
            return entry
    return None
