"""Sphinx configuration of the bilateral documentation.

Build with ``python -m sphinx -n -W --keep-going -b html docs docs/_build/html``; run
the examples with ``-b doctest`` (the test suite runs them too, in
``tests/test_docs.py``). The build needs no network: see ``_external_inventories``.
"""

from __future__ import annotations

import builtins
import importlib
import importlib.util
import os
import sys
import urllib.request
from pathlib import Path
from types import ModuleType
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.ext import intersphinx

import bilateral

HERE = Path(__file__).resolve().parent

project = "bilateral"
author = "The bilateral developers"
copyright = "the bilateral developers"
release = bilateral.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.intersphinx",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]
nitpicky = True
# Private names that public docstrings refer to, with no page to link to. Remove an
# entry once its name is exported and documented in the API reference.
nitpick_ignore = [
    ("py:class", "bilateral.extract._lexicon.TriggerSpec"),  # Lexicon.triggers
    ("py:data", "KINDS"),  # write_parquet: the table names, bilateral._arrow.KINDS
]

# --- pages: MyST Markdown -------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3

# --- API reference: autodoc with Google-style docstrings ------------------------------

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options = {"members": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False
napoleon_use_ivar = False

# --- examples: run by `-b doctest` and by tests/test_docs.py --------------------------

# Docstring examples use the public names of their package bare, as their module
# sees them. Page examples run in a scratch folder holding a copy of examples/, so
# that they read ``examples/data/...`` as a reader in a checkout would, and write
# nowhere else. tests/test_docs.py runs the page examples the same way, but without
# the names of bilateral.extract, so a page that forgets to import them fails there.
doctest_global_setup = f"""
import os, shutil, tempfile
import bilateral
from bilateral import *
from bilateral.extract import *
_docs_home = os.getcwd()
_docs_scratch = tempfile.mkdtemp(prefix="bilateral-docs-")
shutil.copytree({str(HERE.parent / "examples")!r}, os.path.join(_docs_scratch, "examples"))
os.chdir(_docs_scratch)
"""
# Aliases a page registers are forgotten before the next page runs.
doctest_global_cleanup = """
os.chdir(_docs_home)
shutil.rmtree(_docs_scratch, ignore_errors=True)
bilateral._countries.unregister_aliases()
"""

# --- theme ----------------------------------------------------------------------------

html_theme = "furo"
html_title = f"bilateral {release}"
html_static_path: list[str] = []
html_theme_options = {
    "source_repository": "https://github.com/bilateral-dev/bilateral/",
    "source_branch": "main",
    "source_directory": "docs/",
}

# --- links to Python, attrs, cattrs and hypothesis -----------------------------------

_INVENTORIES = {
    "python": "https://docs.python.org/3",
    "attrs": "https://www.attrs.org/en/stable",
    "cattrs": "https://catt.rs/en/stable",
    "hypothesis": "https://hypothesis.readthedocs.io/en/latest",
    "pyarrow": "https://arrow.apache.org/docs",
}
# Optional dependencies that the docs build need not have installed: references into
# them are checked when they are importable, and accepted as written when not.
_OPTIONAL = {"dask", "pyarrow"}


def _reachable(url: str) -> bool:
    """Whether the inventory of ``url`` can be fetched right now."""
    if os.environ.get("BILATERAL_DOCS_OFFLINE"):
        return False
    request = urllib.request.Request(f"{url}/objects.inv", method="HEAD")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=5):  # noqa: S310 - fixed https URLs
            return True
    except (OSError, ValueError):
        return False


def _external_inventories() -> dict[str, tuple[str, None]]:
    """The intersphinx projects whose inventories can be fetched.

    Intersphinx reports an unreachable inventory as a warning, which ``-W`` turns into
    a failed build, and the docs must build offline (a packaging sandbox, a CI machine
    without network). So a project is linked only when its inventory answers;
    references to the others are checked by ``_resolve`` instead, which accepts only
    names that exist.
    """
    found = {name: (url, None) for name, url in _INVENTORIES.items() if _reachable(url)}
    missing = sorted(_INVENTORIES.keys() - found.keys())
    if missing:
        print(  # noqa: T201 - Sphinx has not set up its logging yet
            "bilateral docs: inventories unreachable, no links to " + ", ".join(missing),
            file=sys.stderr,
        )
    return found


intersphinx_mapping = _external_inventories()
intersphinx_timeout = 10

# Names the package imports only for type checking (under ``if TYPE_CHECKING:``), so
# that autodoc finds them in annotations but not in the module at run time.
_TYPE_CHECKING_NAMES = {"PathLike": "os.PathLike", "Self": "typing.Self", "pa": "pyarrow"}


# --- references: public names, aliases, and external names when offline ----------------


def _public(target: str) -> str:
    """The documented name of ``target``: ``bilateral.Claim`` for ``bilateral._model.Claim``.

    The classes live in private modules and are re-exported by their package
    (``bilateral`` or ``bilateral.extract``), where the API reference documents
    them. The query methods are defined on a private mixin and documented as methods
    of :class:`bilateral.Dataset`.
    """
    parts = target.split(".")
    if parts[0] == "Queries" or parts[:3] == ["bilateral", "_query", "Queries"]:
        rest = parts[1:] if parts[0] == "Queries" else parts[3:]
        return ".".join(["bilateral", "Dataset", *rest])
    private = next((i for i, part in enumerate(parts) if part.startswith("_")), None)
    if parts[0] == "bilateral" and private is not None and private + 1 < len(parts):
        return ".".join([*parts[:private], *parts[private + 1 :]])
    return target


def _expand(target: str, module_name: str | None) -> str:
    """Spell ``st.SearchStrategy`` as ``hypothesis.strategies.SearchStrategy``.

    A docstring or annotation may use a name the way its module imported it; this
    reads the module's own namespace to find what the name stands for.
    """
    head, _, rest = target.partition(".")
    if head in _TYPE_CHECKING_NAMES:
        full = _TYPE_CHECKING_NAMES[head]
        return f"{full}.{rest}" if rest else full
    if not module_name:
        return target
    try:
        found = getattr(importlib.import_module(module_name), head)
    except (ImportError, AttributeError):
        return target
    if isinstance(found, ModuleType):
        full = found.__name__
    else:
        full = f"{getattr(found, '__module__', '')}.{getattr(found, '__qualname__', head)}"
    return f"{full}.{rest}" if rest else full


def _importable(target: str) -> bool:
    """Whether ``target`` names a real object: ``str``, ``os.PathLike``, ``attrs.Attribute``."""
    parts = target.split(".")
    for split in range(len(parts), 0, -1):
        try:
            found: Any = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        try:
            for attribute in parts[split:]:
                found = getattr(found, attribute)
        except AttributeError:
            return False
        return True
    return hasattr(builtins, target)


def _same_as_public(target: str) -> str:
    """``bilateral.extract`` for ``bilateral.extract.extract``: the package's own name.

    Some functions are exported both by a subpackage and by the package; the API
    reference documents them once, under the package.
    """
    parts = target.split(".")
    if len(parts) < 3 or parts[0] != "bilateral":
        return target
    try:
        found = getattr(importlib.import_module(".".join(parts[:-1])), parts[-1])
    except (ImportError, AttributeError):
        return target
    name = parts[-1]
    if name in bilateral.__all__ and getattr(bilateral, name) is found:
        return f"bilateral.{name}"
    return target


def _resolve(app: Sphinx, env: Any, node: Any, contnode: nodes.Element) -> nodes.Element | None:
    """Resolve what the Python domain and intersphinx could not.

    A private module's path of a public name goes to the public name; a name spelt
    as its module imported it is looked up under its full name, in bilateral's API
    and through intersphinx. A real object outside bilateral that no inventory
    links (its inventory could not be fetched, or does not list it) is shown as code
    without a link, as is a name in an optional dependency that is not installed.
    Anything else stays unresolved, so ``-n`` still reports every broken reference:
    to bilateral's own names, and to names that do not exist.
    """
    if node.get("refdomain") != "py":
        return None
    original = node.get("reftarget", "")
    target = _same_as_public(_public(_expand(original, node.get("py:module"))))
    domain = env.get_domain("py")
    if target != original:
        retry = node.deepcopy()
        retry["reftarget"] = target
        found = domain.resolve_xref(
            env, node["refdoc"], app.builder, node["reftype"], target, retry, contnode
        )
        if found is None and intersphinx_mapping:
            found = intersphinx.missing_reference(app, env, retry, contnode)
        if found is not None:
            return found
    if "." not in target and not node.get("refspecific"):
        # A bare name in a docstring documented away from its module (``load_lexicon``
        # in a function shown as bilateral.extract): accept the one API object of
        # that name, as an explicit ``.load_lexicon`` reference would.
        retry = node.deepcopy()
        retry["refspecific"] = True
        matches = domain.find_obj(env, None, None, target, node["reftype"], 1)
        if len([name for name, entry in matches if not entry.aliased]) == 1:
            return domain.resolve_xref(
                env, node["refdoc"], app.builder, node["reftype"], target, retry, contnode
            )
    root = target.split(".")[0]
    if root != "bilateral" and _importable(target):
        return contnode
    if root in _OPTIONAL and importlib.util.find_spec(root) is None:
        return contnode
    return None


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the reference resolver, to run after intersphinx's."""
    app.connect("missing-reference", _resolve, priority=900)
    return {"parallel_read_safe": True}
