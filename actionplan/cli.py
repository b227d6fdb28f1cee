"""Command line: parse arguments, run a command, print problems, set the exit code."""

from __future__ import annotations

import argparse
import datetime
import os
import re
import sys
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import NoReturn

from . import __version__
from .errors import FORMATS, Abort, ContentErrors, Problem, format_problem, plural
from .options import Options
from .stamp import DEFAULT_CACHE
from .text import printable

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _as_of(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{text}" is not a date: write YYYY-MM-DD') from None


MAX_NAME_BYTES = 255  # the longest file or folder name that common file systems allow


@cache
def _web_address_pattern() -> re.Pattern[str]:
    """The pattern site.yaml's base_url must match, read only when --base-url is given."""
    from .sources.schema import load_schema

    return re.compile(load_schema("site")["properties"]["base_url"]["pattern"])


def _path(text: str) -> Path:
    path = Path(text)
    for part in path.parts:
        if len(os.fsencode(part)) > MAX_NAME_BYTES:
            raise argparse.ArgumentTypeError(
                f'"{part[:20]}…" is {len(part)} characters long; a file or folder name may have at most 255'
            )
    return path


def _folder(text: str) -> Path:
    path = _path(text)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f'"{text}" is not a folder; name the folder that holds your templates')
    return path


def _web_address(text: str) -> str:
    if not _web_address_pattern().match(text):
        raise argparse.ArgumentTypeError(f'"{text}" is not a web address: write it in full, starting https://')
    return text


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f'"{text}" is not a number of processes: give 1 or more')
    return int(text)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """Say in one line what is wrong with the arguments; a value quoted back is shown, never obeyed."""
        self.exit(EXIT_USAGE, f"{self.prog}: error: {printable(message)} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    sources = _Parser(add_help=False)
    sources.add_argument(
        "--content",
        type=_path,
        default=Path("content"),
        metavar="DIR",
        help="folder of YAML content (default: content)",
    )
    sources.add_argument(
        "--templates",
        type=_folder,
        default=None,
        metavar="DIR",
        help="folder of templates that replace the default theme's",
    )
    common = _Parser(add_help=False, parents=[sources])
    common.add_argument(
        "--output", type=_path, default=Path("site"), metavar="DIR", help="where the site is written (default: site)"
    )
    common.add_argument(
        "--base-url", type=_web_address, default=None, metavar="URL", help="the address the site is published at"
    )
    common.add_argument(
        "--as-of",
        type=_as_of,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day 'overdue' is judged against (default: today)",
    )
    common.add_argument(
        "--cache-dir",
        type=Path,
        default=DEFAULT_CACHE,
        metavar="DIR",
        help=f"where checked plans are kept between builds, to skip unchanged files (default: {DEFAULT_CACHE})",
    )
    common.add_argument("--no-cache", action="store_true", help="read and check every file afresh")
    reporting = _Parser(add_help=False)
    reporting.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="how problems are printed: text (for people), github (pull request annotations), json (one a line)",
    )
    parser = _Parser(prog="actionplan", description="Publish council action plans as a website.")
    parser.add_argument("--version", action="version", version=f"actionplan {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    build = commands.add_parser("build", parents=[common, reporting], help="build the site (the default)")
    build.add_argument(
        "--jobs",
        type=_jobs,
        default=0,
        metavar="N",
        help="processes that draw the pages (default: one a processor for a large site, one for a small)",
    )
    commands.add_parser("check", parents=[common, reporting], help="check the content and report every problem")
    serve = commands.add_parser("serve", parents=[common], help="preview the site, rebuilding on every change")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--host", default="127.0.0.1")
    sheet = commands.add_parser("import", parents=[reporting], help="make a plan file from a spreadsheet")
    sheet.add_argument("file", type=Path, metavar="FILE", help="the plan as .xlsx, .csv or .tsv")
    sheet.add_argument("--council", required=True, metavar="SLUG", help="the council's folder, e.g. harlow")
    sheet.add_argument("--plan", required=True, metavar="SLUG", help="the plan's file name, e.g. cpc-2023")
    sheet.add_argument("--council-name", metavar="NAME", help="the council's name, for a new council.yaml")
    sheet.add_argument("--sheet", metavar="NAME", help="the workbook's sheet (default: the first with headings)")
    sheet.add_argument(
        "--content", type=Path, default=Path("content"), metavar="DIR", help="folder of YAML content (default: content)"
    )
    sheet.add_argument("--updated", type=_as_of, metavar="YYYY-MM-DD", help='the day progress notes are "as at"')
    sheet.add_argument("--force", action="store_true", help="replace the plan file if it exists")
    since = commands.add_parser(
        "changes",
        parents=[sources, reporting],
        help="print, as Markdown for a committee paper, what changed in the plans since a git revision",
        description="Compare the content at a git revision with the content folder now, and print what changed "
        "in each plan as Markdown: status changes, actions and recommendations added or removed, changed "
        "deadlines and new updates.",
    )
    since.add_argument(
        "--since", required=True, metavar="REV", help="a commit, branch or tag, e.g. HEAD~5, v2026-09 or a7c3e1f"
    )
    since.add_argument(
        "--as-of",
        type=_as_of,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day statuses are taken on (default: today)",
    )
    start = commands.add_parser("new", help="make a ready repository for a council's team")
    start.add_argument("folder", type=Path, metavar="FOLDER", help="a new or empty folder")
    return parser


def _new(args: argparse.Namespace) -> int:
    from .commands.new import new_repository

    written = new_repository(args.folder)
    _say(f"made {args.folder}/ with {len(written)} files; read {args.folder / 'README.md'} to go on")
    return EXIT_OK


def _changes(args: argparse.Namespace) -> int:
    from .commands.changes import changes

    options = Options(content=args.content, templates=args.templates, **({"as_of": args.as_of} if args.as_of else {}))
    sys.stdout.write(changes(options, args.since))
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from .commands.import_plan import ImportRequest, import_plan

    request = ImportRequest(
        args.file, args.council, args.plan, args.council_name, args.sheet, args.content, args.force, args.updated
    )
    result = import_plan(request)
    _report(result.problems, args.format)
    for line in result.summary:
        _say(line)
    return EXIT_CONTENT if any(p.is_error for p in result.problems) else EXIT_OK


MAX_PROBLEMS_PER_FILE = 50


def _say(line: object) -> None:
    """Print one line for the person at the terminal: names in it are shown, never obeyed."""
    print(printable(str(line)), file=sys.stderr)


def _report(problems: Sequence[Problem], style: str = "text") -> None:
    """Print the problems, at most 50 a file: past that, the rest are the same mistake repeated.

    Machine formats go to standard output, every problem of them, for the program that reads it.
    """
    if style != "text":
        for problem in problems:
            print(format_problem(problem, style))
        return
    shown: Counter[str] = Counter()
    for problem in problems:
        shown[problem.path] += 1
        if shown[problem.path] <= MAX_PROBLEMS_PER_FILE:
            _say(problem)
    for path, count in sorted(shown.items()):
        if count > MAX_PROBLEMS_PER_FILE:
            _say(f"{path}: … and {count - MAX_PROBLEMS_PER_FILE} more problems in this file")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version"):
        argv.insert(0, "build")
    args = _parser().parse_args(argv)
    try:
        if args.command == "import":
            return _import(args)
        if args.command == "new":
            return _new(args)
        if args.command == "changes":
            return _changes(args)
        options = Options(
            content=args.content,
            templates=args.templates,
            output=args.output,
            base_url=args.base_url,
            cache=None if args.no_cache else args.cache_dir,
            jobs=getattr(args, "jobs", 1),
            **({"as_of": args.as_of} if args.as_of else {}),
        )
        if args.command == "serve":
            from .commands.serve import serve

            return serve(options, host=args.host, port=args.port)
        if args.command == "check":
            from .commands.check import check

            problems = check(options)
            _report(problems, args.format)
            errors = sum(p.is_error for p in problems)
            _say(f"{plural(errors, 'error')}, {plural(len(problems) - errors, 'warning')}")
            return EXIT_CONTENT if errors else EXIT_OK
        from .commands.build import build  # only now: a build with nothing to do loads nothing more

        warnings = build(options)
        _report(warnings, args.format)
        _say(f"built {options.output}/ (as of {options.as_of.isoformat()})")
        return EXIT_OK
    except ContentErrors as exc:
        _report(exc.problems, getattr(args, "format", "text"))
        _say(exc)
        return EXIT_CONTENT
    except Abort as exc:
        _say(f"actionplan: {exc}")
        return exc.exit_code
    except OSError as exc:  # the system refused a path given on the command line (too long, say)
        _say(f"actionplan: {exc.filename or 'a file'}: {exc.strerror or exc}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
