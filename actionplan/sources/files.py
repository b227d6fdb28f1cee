"""Find the content files, read each one safely (``reading.py``) and parse it into YAML nodes."""

from __future__ import annotations

import dataclasses
import errno
import functools
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..addresses import reserved_segments
from ..errors import Problem, Severity, one_per_mistake
from .positions import line_text
from .reading import read_inside, read_text, shown_path
from .remembered import Remembered
from .schema import check_node, load_schema
from .svg import svg_danger
from .yamlnodes import Mapping, Node, Scalar, parse_yaml

YAML_SUFFIXES = (".yaml", ".yml")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
LOGO = re.compile(load_schema("site")["properties"]["theme"]["properties"]["logo"]["pattern"])


@dataclass(frozen=True)
class Source:
    """One content file as read, not yet parsed: its text (None if it cannot be used) and where to point people."""

    path: Path
    shown: str
    text: str | None


@dataclass(frozen=True)
class Document:
    """One parsed content file: its nodes (None if unreadable) and where to point people."""

    path: Path
    shown: str
    node: Node | None
    text: str | None = None  # as read, to quote the lines that problems point at


@dataclass(frozen=True)
class CouncilSources:
    """A council's folder as read: its council.yaml parsed (the site lists councils by name), its plans not yet,
    and the problems found in reading them (with their lines' texts)."""

    slug: str
    council: Document
    plans: tuple[Source, ...]
    problems: tuple[Problem, ...] = ()

    @functools.cached_property
    def digest(self) -> str:
        """The digest of everything the council's part of the site is made from: its files as read (where they
        are shown, and their texts) and the problems found in reading them."""
        digest = hashlib.sha256(f"{self.slug}\0".encode())
        files: tuple[Document | Source, ...] = (self.council, *self.plans)
        for source in files:
            digest.update(f"{source.shown}\0{len(source.text or '')}\0{source.text is None}\0".encode())
            digest.update((source.text or "").encode("utf-8", "surrogatepass"))
        for p in self.problems:
            said = (p.path, p.line, p.col, p.severity.value, p.message, p.hint, p.line_text)
            digest.update(repr(said).encode("utf-8", "surrogatepass"))
        return digest.hexdigest()


@dataclass(frozen=True)
class Unread:
    """A council's folder whose files are the same files as when an earlier build read them (``Remembered``):
    known by the digest they had then, and read again only if the council's part must be made again."""

    slug: str
    digest: str
    folder: Path
    root: Path
    top: Path

    def read(self) -> CouncilSources:
        """Read the council's files afresh."""
        found, problems = read_council(self.folder, self.root, self.top)
        if found is None:  # its council.yaml went since the listing: a part with these problems alone
            missing = self.folder / "council.yaml"
            return CouncilSources(self.slug, Document(missing, shown_path(missing), None), (), tuple(problems))
        return found


Council = CouncilSources | Unread


@dataclass(frozen=True)
class CouncilFiles:
    slug: str
    council: Document
    plans: tuple[Document, ...]


@dataclass
class Content:
    """Everything under the content folder, parsed but not yet validated."""

    site: Document | None = None
    logo: bytes | None = None
    councils: list[CouncilFiles] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def documents(self) -> list[Document]:
        """Return every content file that was read."""
        site = [self.site] if self.site else []
        return site + [doc for council in self.councils for doc in (council.council, *council.plans)]


@dataclass
class Listing:
    """The content folder as read: site.yaml and each council.yaml parsed, the plans' texts read but not parsed,
    which each council's part of the build parses on its own (in a worker process, for a large site)."""

    site: Document | None = None
    logo: bytes | None = None
    councils: list[Council] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def with_line_texts(problems: list[Problem], documents: Iterable[Document | Source]) -> list[Problem]:
    """Give each problem the text of its line, from the files as read (inside content/, regular, 5 MB at most)."""
    texts = {doc.shown: doc.text for doc in documents if doc.text is not None}
    return [
        dataclasses.replace(p, line_text=line_text(texts[p.path], p.line)) if p.path in texts else p for p in problems
    ]


def read_source(path: Path, root: Path, problems: list[Problem], top: Path | None = None) -> Source:
    """Read one content file's text, safely (see ``read_text``)."""
    shown = shown_path(path)
    return Source(path, shown, read_text(path, root, problems, shown, top))


def parse_source(source: Source, schema: str, problems: list[Problem]) -> Document:
    """Parse and schema-check one YAML file's text."""
    path, shown, text = source.path, source.shown, source.text
    if text is None:
        return Document(path, shown, None)
    node, troubles = parse_yaml(text)
    for trouble in troubles:
        problems.append(Problem(shown, trouble.line, trouble.col, Severity.ERROR, trouble.message, trouble.hint))
    if node is None:
        return Document(path, shown, None, text)
    for v in check_node(node, schema):
        problems.append(Problem(shown, v.node.line, v.node.col, Severity.ERROR, v.message, v.hint))
    return Document(path, shown, node, text)


def read_document(path: Path, root: Path, schema: str, problems: list[Problem]) -> Document:
    """Read, parse and schema-check one YAML file."""
    return parse_source(read_source(path, root, problems), schema, problems)


def parse_council(sources: CouncilSources, problems: list[Problem]) -> CouncilFiles:
    """Parse and schema-check a council's plans."""
    return CouncilFiles(sources.slug, sources.council, tuple(parse_source(p, "plan", problems) for p in sources.plans))


def _is_yaml(path: Path) -> bool:
    return path.suffix.lower() in YAML_SUFFIXES


def _check_slugs(paths: list[Path], what: str, problems: list[Problem]) -> list[Path]:
    """Keep the paths whose names make good, unique URL segments."""
    kept: list[Path] = []
    seen: dict[str, Path] = {}
    for path in paths:
        slug = path.name if what == "council" else path.stem
        shown = shown_path(path)
        if not SLUG.match(slug):
            plain = unicodedata.normalize("NFKD", slug).encode("ascii", "ignore").decode()  # "môn" → "mon"
            suggestion = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "name"
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    Severity.ERROR,
                    f'"{slug}" cannot be a {what} name: it becomes part of the web address',
                    f'rename it to "{suggestion}"',
                )
            )
        elif slug in reserved_segments(what):
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    Severity.ERROR,
                    f'"{slug}" cannot be a {what} name: the site has its own page or files at that address',
                    f'rename it, e.g. to "{slug}-{what}"',
                )
            )
        elif slug in seen:
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    Severity.ERROR,
                    f'"{slug}" is used twice (also {shown_path(seen[slug])})',
                    "rename one of them",
                )
            )
        else:
            seen[slug] = path
            kept.append(path)
    return kept


def load_content(root: Path) -> Content:
    """Read and parse every content file under ``root`` into a :class:`Content`."""
    listing = list_content(root)
    problems = listing.problems
    councils = []
    for council in listing.councils:
        assert isinstance(council, CouncilSources)  # nothing is remembered: every council is read
        problems += council.problems
        councils.append(parse_council(council, problems))
    return Content(listing.site, listing.logo, councils, problems)


def list_content(root: Path, remembered: Remembered | None = None) -> Listing:
    """Read every content file under ``root``; parse site.yaml and the council.yaml files, not the plans. A council
    folder that ``remembered`` holds as it is, is not read again (``Unread``)."""
    content = Listing()
    problems = content.problems
    if not root.is_dir():
        problems.append(
            Problem(
                shown_path(root),
                1,
                1,
                Severity.ERROR,
                "the content folder does not exist",
                "run from the project folder, or pass --content DIR",
            )
        )
        return content
    entries = _list(root, problems)
    if entries is None:
        return content
    top = root.resolve()
    folded: dict[str, Path] = {}
    for entry in entries:
        twin = folded.setdefault(entry.name.lower(), entry)
        if twin is not entry:
            problems.append(
                Problem(
                    shown_path(entry),
                    1,
                    1,
                    Severity.ERROR,
                    f'"{entry.name}" differs from "{twin.name}" only in capitals',
                    "web addresses are lower-case: keep one",
                )
            )
    site_file = next((p for p in entries if p.name in ("site.yaml", "site.yml") and p.is_file()), None)
    if site_file:
        content.site = read_document(site_file, root, "site", problems)
        content.logo = _read_logo(content.site, root, problems)
    for stray in (p for p in entries if _is_yaml(p) and p != site_file and not p.name.startswith(".")):
        problems.append(
            Problem(
                shown_path(stray),
                1,
                1,
                Severity.WARNING,
                "this file is not read",
                "a plan goes in its council's folder, e.g. content/<council>/<plan>.yaml",
            )
        )
    folders = [p for p in entries if p.is_dir() and not p.name.startswith((".", "_"))]
    for folder in _check_slugs([p for p in folders if not _links_outside(p, root, problems)], "council", problems):
        identities = remembered.identities(folder) if remembered is not None else None
        digest = remembered.digest(folder, identities) if remembered is not None and identities else None
        if digest is not None:
            content.councils.append(Unread(folder.name, digest, folder, root, top))
            continue
        council, found = read_council(folder, root, top)
        problems += found
        if council is not None:
            content.councils.append(council)
            if remembered is not None and identities is not None:
                remembered.remember(folder, identities, council)
    return content


def read_council(folder: Path, root: Path, top: Path) -> tuple[CouncilSources | None, list[Problem]]:
    """Read a council's folder: its council.yaml parsed, its plans' texts; or None, and the problems that say why
    it is not a council's folder."""
    problems: list[Problem] = []
    listed = _list(folder, problems)
    if listed is None:
        return None, problems
    council_file = next((p for p in listed if p.name in ("council.yaml", "council.yml") and p.is_file()), None)
    plan_paths = [p for p in listed if _is_plan(p)]
    if council_file is None:
        if plan_paths:
            problems.append(
                Problem(
                    shown_path(folder),
                    1,
                    1,
                    Severity.ERROR,
                    "this council folder has no council.yaml",
                    f'create {shown_path(folder / "council.yaml")} with "name: …"',
                )
            )
        else:
            problems.append(
                Problem(
                    shown_path(folder),
                    1,
                    1,
                    Severity.WARNING,
                    "this folder has no council.yaml and no plans, so it is ignored",
                    "delete it, or add council.yaml",
                )
            )
        return None, problems
    council = read_document(council_file, root, "council", problems)
    plans = tuple(read_source(p, root, problems, top) for p in _check_slugs(plan_paths, "plan", problems))
    if not plans:
        problems.append(
            Problem(
                council.shown,
                1,
                1,
                Severity.WARNING,
                "this council has no plan files yet",
                f"add a plan such as {shown_path(folder / 'cpc-2024.yaml')}",
            )
        )
    said = tuple(with_line_texts(one_per_mistake(problems), (council, *plans)))
    return CouncilSources(folder.name, council, plans, said), []


def _read_logo(site: Document, root: Path, problems: list[Problem]) -> bytes | None:
    """Return the bytes of the image site.yaml names as its logo (checked like every content file)."""
    theme = site.node.get("theme") if isinstance(site.node, Mapping) else None
    logo = theme.get("logo") if isinstance(theme, Mapping) else None
    if not isinstance(logo, Scalar) or logo.is_null or not LOGO.match(logo.text):
        return None  # absent, or already reported by the schema

    data = read_inside(root / logo.text, root)
    if not isinstance(data, tuple) and logo.text.lower().endswith(".svg") and (danger := svg_danger(data)):
        data = f"the SVG {danger}", "a logo must be a plain picture: export it again as plain SVG, or as PNG"
    if isinstance(data, tuple):
        message, hint = data
        problems.append(Problem(site.shown, logo.line, logo.col, Severity.ERROR, f"logo {logo.text}: {message}", hint))
        return None
    return data


def _list(folder: Path, problems: list[Problem]) -> list[Path] | None:
    """Return the folder's entries by name, or None after recording why it cannot be read."""
    try:
        if not os.access(folder, os.R_OK | os.X_OK):  # listable but not searchable would fail on every file
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        return sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        problems.append(
            Problem(
                shown_path(folder),
                1,
                1,
                Severity.ERROR,
                f"cannot read the folder: {exc.strerror or exc}",
                "check it can be read",
            )
        )
        return None


def _is_plan(path: Path) -> bool:
    # Links are kept even when broken so that reading reports them; hidden files (editor locks) are not content.
    return (
        _is_yaml(path)
        and path.stem != "council"
        and not path.name.startswith(".")
        and (path.is_file() or path.is_symlink())
    )


def _is_inside(path: Path, root: Path) -> bool:
    """Tell whether ``path``, an entry of ``root``, stays inside it with every link followed."""
    return not path.is_symlink() or path.resolve().is_relative_to(root.resolve())


def _links_outside(folder: Path, root: Path, problems: list[Problem]) -> bool:
    if not _is_inside(folder, root):
        problems.append(
            Problem(
                shown_path(folder),
                1,
                1,
                Severity.ERROR,
                "this folder is a link to a place outside the content folder",
                "move the files into the content folder instead",
            )
        )
        return True
    return False
