"""The documentation cannot drift from the code: every example in it runs here.

Each page of ``docs/`` (MyST Markdown) is read for two kinds of example:

* ``{doctest}`` blocks, run with :mod:`doctest` in one namespace per page, in page
  order, with the option flags Sphinx's doctest builder uses (which runs the same
  blocks in ``sphinx-build -b doctest``);
* ``console`` blocks, whose ``$ bilateral ...`` lines are run through the command line
  and whose output must match the lines below them (``...`` matches anything).

Both run in a scratch folder holding a copy of ``examples/``, so that examples read
``examples/data/...`` as a reader in a checkout would, and write nowhere else.

Other checks keep the reference pages complete: every public name is in the API
reference, every command and option in the command-line reference, every field in
the format references.
"""

from __future__ import annotations

import contextlib
import doctest
import importlib
import io
import json
import re
import shlex
import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

import bilateral
from bilateral import _convert as convert
from bilateral import _seeds as seeds
from bilateral import cli

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))

# The flags sphinx.ext.doctest uses by default (``doctest_default_flags``).
FLAGS = doctest.ELLIPSIS | doctest.IGNORE_EXCEPTION_DETAIL | doctest.DONT_ACCEPT_TRUE_FOR_1
RUNNABLE = {"doctest", "console"}
# Fenced code in these languages must be a runnable block instead (or a literalinclude
# of a file that is run elsewhere), so that no example escapes testing.
UNTESTED_LANGUAGES = {"python", "py", "pycon", "python3", "ipython"}
COLUMNS = "88"


@attrs.frozen
class Block:
    """One fenced block of a page."""

    kind: str
    language: str
    options: dict[str, str]
    body: str
    line: int


_OPEN = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})\s*(?P<info>.*)$")
_DIRECTIVE = re.compile(r"^\{(?P<name>[\w-]+)\}\s*(?P<arg>.*)$")
_OPTION = re.compile(r"^:(?P<key>[\w-]+):\s*(?P<value>.*)$")


def blocks(text: str, offset: int = 0) -> Iterator[Block]:
    """Yield the fenced blocks of MyST text, looking inside directives that nest them."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        opened = _OPEN.match(lines[i])
        if not opened:
            i += 1
            continue
        fence = opened["fence"]
        info = opened["info"].strip()
        body: list[str] = []
        j = i + 1
        while j < len(lines) and not re.fullmatch(
            rf" {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*", lines[j]
        ):
            body.append(lines[j])
            j += 1
        start = offset + i + 2  # 1-based line number of the body's first line
        directive = _DIRECTIVE.match(info)
        kind = directive["name"] if directive else (info.split() or [""])[0]
        # The language of a plain fence, or of a {code-block} or {code} directive.
        language = (directive["arg"].split() or [""])[0] if directive else kind
        options: dict[str, str] = {}
        while body and (option := _OPTION.match(body[0])):
            options[option["key"]] = option["value"]
            body.pop(0)
            start += 1
        if (
            directive
            and kind not in RUNNABLE
            and kind not in {"code-block", "code", "literalinclude"}
        ):
            yield from blocks("\n".join(body), start - 1)
        else:
            yield Block(kind, language, options, "\n".join(body) + "\n", start)
        i = j + 1


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    """A working folder with a copy of examples/, as a checkout has it."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", COLUMNS)
    return tmp_path


def page_globals() -> dict[str, object]:
    """What docs/conf.py's ``doctest_global_setup`` gives every page."""
    namespace: dict[str, object] = {"__name__": "__docs__"}
    exec("import bilateral\nfrom bilateral import *", namespace)  # noqa: S102 - fixed code
    return namespace


def run_doctests(page_text: str, name: str) -> tuple[int, int, str]:
    """Run a page's ``{doctest}`` blocks; return (failed, attempted, report)."""
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    namespace = page_globals()
    report: list[str] = []
    for block in blocks(page_text):
        if block.kind != "doctest":
            continue
        skip = block.options.get("skipif")
        if skip and eval(skip, dict(namespace)):  # noqa: S307 - the docs' own condition
            continue
        test = parser.get_doctest(block.body, namespace, name, name, block.line - 1)
        test.globs = namespace  # DocTest copies its globals; the page shares one namespace
        runner.run(test, out=report.append, clear_globs=False)
    with contextlib.redirect_stdout(io.StringIO()):
        failed, attempted = runner.summarize(verbose=False)
    return failed, attempted, "".join(report)


def run_command(argv: list[str]) -> str:
    """Run the command line in-process; return what it printed (stdout, then stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = cli.main(argv)
        except SystemExit as exc:  # --help, --version and usage errors
            status = exc.code if isinstance(exc.code, int) else 1
    text = out.getvalue() + err.getvalue()
    return text if status == 0 else text + f"[exit status {status}]\n"


def console_sessions(page_text: str) -> Iterator[tuple[int, list[str], str]]:
    """Yield (line, argv, expected output) for each ``$ bilateral`` command of a page."""
    for block in blocks(page_text):
        if block.kind != "console":
            continue
        command: tuple[int, list[str]] | None = None
        expected: list[str] = []
        for number, line in enumerate([*block.body.splitlines(), "$ "], start=block.line):
            if not line.startswith("$ "):
                expected.append(line)
                continue
            if command is not None:
                want = "\n".join(expected).strip("\n")
                yield command[0], command[1], want + "\n" if want else ""
            argv = shlex.split(line[2:])
            if not argv:
                break
            if argv[:3] == ["python", "-m", "bilateral"]:
                argv = ["bilateral", *argv[3:]]
            assert argv[0] == "bilateral", f"line {number}: only bilateral commands can run"
            command, expected = (number, argv[1:]), []


def check_console(page_text: str) -> list[str]:
    """Run a page's console sessions; return a description of each mismatch."""
    checker = doctest.OutputChecker()
    problems = []
    for line, argv, want in console_sessions(page_text):
        got = run_command(argv)
        if not checker.check_output(want, got, doctest.ELLIPSIS):
            example = doctest.Example(shlex.join(argv), want)
            diff = checker.output_difference(example, got, doctest.ELLIPSIS)
            problems.append(f"line {line}: $ bilateral {shlex.join(argv)}\n{diff}")
    return problems


# --- the examples of every page ----------------------------------------------------------


@pytest.mark.usefixtures("scratch")
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_examples_run(page):
    text = page.read_text(encoding="utf-8")
    failed, _attempted, report = run_doctests(text, str(page.relative_to(ROOT)))
    assert failed == 0, report
    problems = check_console(text)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_no_untested_code(page):
    untested = [
        block.line
        for block in blocks(page.read_text(encoding="utf-8"))
        if block.language in UNTESTED_LANGUAGES and block.kind != "literalinclude"
    ]
    assert not untested, f"plain Python blocks (use {{doctest}}) at lines {untested}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_data_blocks_parse(page):
    for block in blocks(page.read_text(encoding="utf-8")):
        if block.language == "toml":
            tomllib.loads(block.body)
        elif block.language == "json":
            json.loads(block.body)


def test_untested_code_is_found_in_any_spelling():
    page = (
        "```python\nx = 1\n```\n```{code-block} python\nx = 1\n```\n"
        "```pycon\n>>> 1\n1\n```\n```{literalinclude} ../examples/quickstart.py\n:language: python\n```\n"
        "```{doctest}\n>>> 1\n1\n```\n"
    )
    found = [(b.kind, b.language) for b in blocks(page)]
    untested = [
        lang for kind, lang in found if lang in UNTESTED_LANGUAGES and kind != "literalinclude"
    ]
    assert untested == ["python", "python", "pycon"]


def test_guide_pages_have_examples():
    for name in ("index", "quickstart", "model", "countries", "queries", "cli", "formats"):
        text = (DOCS / f"{name}.md").read_text(encoding="utf-8")
        kinds = {block.kind for block in blocks(text)}
        assert kinds & RUNNABLE, f"{name}.md has no runnable example"


# --- the runner catches what it should -------------------------------------------------


@pytest.mark.usefixtures("scratch")
def test_a_wrong_doctest_fails():
    page = "# Page\n\n```{doctest}\n>>> lookup_country('Islamabad').code\n'IND'\n```\n"
    failed, attempted, report = run_doctests(page, "broken.md")
    assert (failed, attempted) == (1, 1)
    assert "'PAK'" in report


@pytest.mark.usefixtures("scratch")
def test_doctests_of_a_page_share_one_namespace_and_honour_skipif():
    page = (
        "```{doctest}\n>>> x = 2\n```\n\ntext\n\n"
        "````{note}\n```{doctest}\n>>> x + 1\n3\n```\n````\n\n"
        "```{doctest}\n:skipif: True\n\n>>> x\n999\n```\n"
    )
    assert run_doctests(page, "shared.md")[:2] == (0, 2)


@pytest.mark.usefixtures("scratch")
def test_a_wrong_console_session_fails():
    page = "```console\n$ bilateral agreements --party Russia --status proposed\nnothing\n```\n"
    assert len(check_console(page)) == 1
    right = (
        "```console\n$ bilateral agreements --party Russia --status proposed\n...S-350...\n```\n"
    )
    assert check_console(right) == []


def test_console_sessions_split_commands_and_output():
    page = (
        "```console\n$ bilateral --version\nbilateral 1\n\n$ python -m bilateral summary\nx\n```\n"
    )
    assert list(console_sessions(page)) == [
        (2, ["--version"], "bilateral 1\n"),
        (5, ["summary"], "x\n"),
    ]
    silent = "```console\n$ bilateral export -o x.json\n\n$ bilateral --data x.json\n```\n"
    assert [want for _, _, want in console_sessions(silent)] == ["", ""]


# --- the reference pages are complete ----------------------------------------------------


def _documented_objects(text: str) -> list[object]:
    """The objects the API reference documents, looked up as autodoc looks them up."""
    directive = r"\.\. (?:autofunction|autoclass|autoexception|data|function|class)::\s+"
    found: list[object] = []
    for target in re.findall(directive + r"(bilateral[\w.]*)", text):
        parts = target.split(".")
        for split in range(1, len(parts) + 1):
            obj: object = importlib.import_module(".".join(parts[:split]))
            try:
                for name in parts[split:]:
                    obj = getattr(obj, name)
            except AttributeError:
                continue
            found.append(obj)
            break
    return found


@pytest.mark.parametrize("module", ["bilateral", "bilateral.extract"])
def test_api_reference_lists_every_public_name(module):
    documented = _documented_objects((DOCS / "api.md").read_text(encoding="utf-8"))
    package = importlib.import_module(module)
    missing = [
        name
        for name in package.__all__
        if name != "__version__" and not any(getattr(package, name) is o for o in documented)
    ]
    assert not missing, f"not in docs/api.md: {sorted(missing)}"
    if module == "bilateral":
        assert ".. data:: bilateral.__version__" in (DOCS / "api.md").read_text(encoding="utf-8")


def _commands() -> dict[str, list[str]]:
    parser = cli.build_parser()
    found = {"": [o for a in parser._actions for o in a.option_strings]}
    for action in parser._actions:
        choices = getattr(action, "choices", None)
        if isinstance(choices, dict):
            for name, sub in choices.items():
                found[name] = [o for a in sub._actions for o in a.option_strings]
                found[name] += [a.metavar for a in sub._actions if not a.option_strings]
    return found


def test_cli_reference_lists_every_command_and_option():
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.MULTILINE)
    commands = _commands()
    common = set(commands[""])  # documented once, as options of every command
    for command, options in commands.items():
        if command:
            section = next((s for s in sections if s.startswith(f"`bilateral {command}")), None)
            assert section is not None, f"docs/cli.md has no section for {command}"
        else:
            section = text
        for option in options:
            if option in {"-h", "--help"} or (command and option in common):
                continue
            assert f"`{option}" in section, f"docs/cli.md: {command or 'bilateral'} {option}"


@pytest.mark.parametrize(
    "cls", [bilateral.Document, bilateral.Claim, bilateral.Agreement, bilateral.Relationship]
)
def test_format_reference_lists_every_field(cls):
    text = (DOCS / "formats.md").read_text(encoding="utf-8")
    for field in attrs.fields(cls):
        if field.init:
            assert f"`{field.alias}`" in text, f"docs/formats.md: {cls.__name__}.{field.alias}"
    assert f'"version": {convert.FORMAT_VERSION}' in text
    for kind in convert.JSONL_KINDS:
        assert f'"kind": "{kind}"' in text


def test_installation_page_lists_every_dependency_and_extra():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    text = (DOCS / "installation.md").read_text(encoding="utf-8")
    for extra in project["optional-dependencies"]:
        assert f"| `{extra}` |" in text, f"docs/installation.md: extra {extra}"
    for requirement in project["dependencies"]:
        name = re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0]
        assert name.lower() in text.lower(), f"docs/installation.md: dependency {name}"


def test_seed_format_reference_lists_every_field():
    text = (DOCS / "seed-format.md").read_text(encoding="utf-8")
    keys = (
        seeds._TOP_KEYS
        | seeds._DOCUMENT_KEYS
        | seeds._CLAIM_KEYS
        | seeds._AGREEMENT_KEYS
        | seeds._RELATIONSHIP_KEYS
    )
    missing = sorted(k for k in keys if f"`{k}`" not in text)
    assert not missing, f"not in docs/seed-format.md: {missing}"
