"""Strict YAML reading: plain data and the line of every value, or problems.

Built on libyaml's event stream (fast), not on PyYAML's constructors, so that
we decide what a plain scalar means: YAML 1.1 surprises (``NO`` -> False,
``0123`` -> 83, ``1:20`` -> 80, unquoted dates) are refused with a hint to
quote the value, and anchors, aliases, tags, duplicate keys, several documents
and deep nesting are refused before anything walks the data.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, field_name

Path_ = tuple[str | int, ...]

MAX_DEPTH = 12  # a record needs 4 levels; this stops nesting bombs early
_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
# Every plain scalar that could be anything but text starts like this (a
# digit, sign, dot or ~) or is one of the yes/no/true/false/null words.
_MAYBE_NOT_TEXT = re.compile(r"^(?:[-+.0-9~]|$)|^(?:[yYnN]|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|true|True|TRUE|false|False|FALSE|null|Null|NULL)$")
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?$")
# Plain scalars that YAML 1.1 tools would turn into something other than text.
_YAML11 = [
    (re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$"), "a yes/no value"),
    (re.compile(r"^[-+]?0[bBoOxX][0-9a-fA-F_]+$|^[-+]?[0-9][0-9_]*_[0-9_]*$"), "a number in another base"),
    (re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$"), "a number of minutes or seconds"),
    (re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?$"), "a date"),
    (re.compile(r"^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$"), "a special number"),
]
# ``0123`` is octal 83 in YAML 1.1; where a number was meant, the fix is to
# drop the zeros, not to quote it, so this one gets its own hint.
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9_]+$")


@dataclass
class Loaded:
    """The data of one YAML file and the 1-based line of each value in it."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    # First content line of each literal block scalar (``|``), whose lines are
    # kept as written, so a position inside its text maps to a line of the file.
    blocks: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """The line of ``path``, or of its nearest ancestor that has one."""
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)

    def line_at(self, path: Path_, text: str, offset: int) -> int:
        """The line of character ``offset`` of ``text``, the value at ``path``:
        exact inside a ``|`` block, else the line of the field."""
        if path in self.blocks and 0 <= offset <= len(text):
            return self.blocks[path] + text.count("\n", 0, offset)
        return self.line_of(path)


def read_yaml(path: Path, rel: str, max_bytes: int) -> tuple[Loaded | None, list[Problem]]:
    """Read one file strictly; the data is None after any problem but the soft ones."""
    raw = path.read_bytes()
    if len(raw) > max_bytes:
        return None, [Problem(rel, 1, "-", f"the file is {len(raw):,} bytes; the limit is {max_bytes:,}; shorten the text or split it into several practices", "file-too-large")]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a byte-order mark is harmless: editors on Windows add it
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            return None, [Problem(rel, 1, "-", "the file is saved as UTF-16; save it as UTF-8 (in your editor: Save with Encoding > UTF-8)", "not-utf8")]
        return None, [Problem(rel, line, "-", f"byte 0x{raw[err.start]:02x} is not UTF-8 text (the file was saved in another encoding); save it as UTF-8 and check the accented letters on this line", "not-utf8")]
    return _Builder(rel).build(text)


class _Builder:
    """Turns the event stream of one document into dicts, lists and scalars."""

    def __init__(self, rel: str) -> None:
        self.rel = rel
        self.problems: list[Problem] = []
        self.lines: dict[Path_, int] = {}
        self.blocks: dict[Path_, int] = {}
        self.aliases_seen: set[str | None] = set()

    def _problem(self, line: int, path: Path_, message: str, kind: str) -> None:
        self.problems.append(Problem(self.rel, line, field_name(path), message, kind))

    def build(self, text: str) -> tuple[Loaded | None, list[Problem]]:
        try:
            root = self._walk(_Parser(text))
        except yaml.reader.ReaderError as err:
            # libyaml refuses control characters (NUL, ESC, ...) before parsing;
            # its position is in bytes or characters depending on the parser,
            # so find the character itself.
            char = chr(err.character) if isinstance(err.character, int) else str(err.character)
            line = text.count("\n", 0, max(text.find(char), 0)) + 1
            name = unicodedata.name(char, "")  # control characters have no name
            self._problem(line, (), f"contains the invisible control character U+{ord(char):04X}{' ' + name if name else ''}, which a text file cannot hold; delete it (retype the text around it)", "bad-text")
            return None, self.problems
        except yaml.MarkedYAMLError as err:
            mark = err.problem_mark or err.context_mark
            line = mark.line + 1 if mark else 1
            what = err.problem or err.context or "the text is not valid YAML"
            self._problem(line, (), f"YAML syntax error: {what}; {_syntax_hint(what)}", "syntax")
            return None, self.problems
        except yaml.YAMLError as err:  # any other refusal of the parser
            self._problem(1, (), f"YAML syntax error: {err}; {_syntax_hint(str(err))}", "syntax")
            return None, self.problems
        if any(problem.kind not in _SOFT for problem in self.problems):
            return None, self.problems
        if root is _EMPTY or root is None:
            self._problem(1, (), "the file is empty; start from the template (make new)", "empty-file")
        elif not isinstance(root, dict):
            self._problem(1, (), "the file must be a list of fields, one `name: value` per line; start from the template (make new)", "wrong-type")
        fatal = any(problem.kind not in _SOFT for problem in self.problems)
        return (None if fatal else Loaded(root, self.lines, self.blocks)), self.problems

    def _walk(self, parser: Any) -> Any:
        # Each frame: [container, path, pending key, key lines]; iterative, so
        # deep nesting cannot exhaust Python's stack.
        stack: list[list[Any]] = []
        root: Any = _EMPTY
        documents = 0
        while parser.check_event():
            event = parser.get_event()
            line = event.start_mark.line + 1
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self._problem(line, (), "the file holds more than one YAML document (a second '---'); keep one practice per file", "multi-document")
                    return None
                continue
            if not isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent, yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                continue
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                value = stack.pop()[0]
                if not stack:
                    root = value
                continue
            path = self._child_path(stack)
            if isinstance(event, yaml.AliasEvent):
                # Once per name: an alias bomb repeats a few names thousands of times.
                if event.anchor not in self.aliases_seen:
                    self.aliases_seen.add(event.anchor)
                    self._problem(line, path, f"aliases (*{event.anchor}) are not allowed; write the value out in full here and wherever else *{event.anchor} appears", "alias")
                value = None
            else:
                if event.anchor is not None:
                    self._problem(line, path, f"anchors (&{event.anchor}) are not allowed; remove it and write each value out in full", "anchor")
                if event.tag is not None:  # only explicit tags reach here
                    self._problem(line, path, f"YAML tags such as '{event.tag.replace('tag:yaml.org,2002:', '!!')}' are not allowed; remove the tag (put text in quotes instead)", "unsafe-tag")
                if isinstance(event, yaml.ScalarEvent):
                    value = self._scalar(event, line, path)
                else:
                    if len(stack) >= MAX_DEPTH:
                        self._problem(line, path, f"the data is nested more than {MAX_DEPTH} levels deep; a practice needs at most 4", "too-deep")
                        return None
                    container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                    self._attach(stack, container, line, path)
                    stack.append([container, path, None, {}])
                    continue
            if not stack:
                root = value
            else:
                self._attach(stack, value, line, path)
        if documents == 0:
            return _EMPTY
        return root

    @staticmethod
    def _child_path(stack: list[list[Any]]) -> Path_:
        if not stack:
            return ()
        container, path, key, _ = stack[-1]
        if isinstance(container, list):
            return (*path, len(container))
        return (*path, key) if key is not None else path

    def _attach(self, stack: list[list[Any]], value: Any, line: int, path: Path_) -> None:
        if not stack:
            return
        frame = stack[-1]
        container, parent_path, key, key_lines = frame
        if isinstance(container, list):
            container.append(value)
            self.lines[path] = line
        elif key is None:  # this value is a key
            if not isinstance(value, str):
                self._problem(line, parent_path, f"field names must be words such as `title`, not {value!r}; correct the name before the colon, or put it in quotes", "wrong-type")
                value = repr(value)
            if value in key_lines:
                self._problem(line, (*parent_path, value), f"`{value}` appears twice (lines {key_lines[value]} and {line}); keep one and delete the other", "duplicate-key")
            key_lines[value] = line
            self.lines[(*parent_path, value)] = line
            frame[2] = value
        else:
            container[key] = value
            frame[2] = None

    def _scalar(self, event: Any, line: int, path: Path_) -> Any:
        text = event.value
        if event.style == "|":
            self.blocks[path] = line + 1  # the text starts below the `|`
        if not event.implicit[0]:  # quoted or block scalar: always text
            return text
        if not _MAYBE_NOT_TEXT.match(text):  # most plain scalars are words: one test
            return text
        if _NULL.match(text):
            return None
        if text in _BOOL:
            return _BOOL[text]
        if _INT.match(text):
            return int(text)
        if _LEADING_ZERO.match(text):
            sign = text[0] if text[0] in "+-" else ""
            plain = sign + (text.lstrip("+-").lstrip("0_") or "0")
            self._problem(line, path, f"`{text}` could be read as a number in another base (octal); if it is text, put it in quotes: \"{text}\"; if it is a number, drop the leading zero: {plain}", "yaml11-coercion")
            return text
        for pattern, meaning in _YAML11:
            if pattern.match(text):
                self._problem(line, path, f"`{text}` could be read as {meaning}; put it in quotes: \"{text}\"", "yaml11-coercion")
                return text
        if _FLOAT.match(text):
            return float(text)
        return text


def _syntax_hint(what: str) -> str:
    """How to fix the commonest YAML syntax errors, picked by libyaml's wording."""
    if "tab" in what:
        return "indent with spaces, never with tabs"
    if "mapping values" in what:
        return "text that contains ': ' must be in quotes, or written on the lines below `field: >-`"
    if "could not find expected ':'" in what or "simple key" in what:
        return "every field needs `name: value`; check the line above for a missing ':' or an unclosed quote"
    return "check the indentation, and that text containing ': ' or ' #' is in quotes"


_EMPTY = object()
# Problems after which the data is still well defined, so validation can go on
# and report the rest of the file's problems in the same run.
_SOFT = frozenset({"yaml11-coercion", "duplicate-key"})
