"""The cattrs converter and the versioned JSON and JSON Lines formats.

:func:`make_converter` builds the one converter every format goes through. It
unstructures model objects to plain JSON values (enums as their string values,
dates as ISO strings, tuples as lists, a :class:`~bilateral.Country` as its code) and
structures them back through the classes' own validators, so a file can never
produce an object that could not have been built directly.

Problems found while structuring are flattened to :class:`~bilateral.DataError` s
with field paths (``claims[3].certainty``), collected, and raised together as one
:class:`~bilateral.ValidationError`.

Reading and writing millions of records is the hot path, so it has a fast lane that
is checked against the exact one rather than replacing it:

* Each model class gets a structure hook generated from its attrs fields. It checks
  the common, well-formed case with inline tests that are at least as strict as the
  class's own validators, converts enums by table lookup, shares the tuples that
  recur (country codes, sectors, groups) and fills the slots directly, so no value
  is validated twice. Anything it does not recognise (a missing field, a wrong type,
  an unfamiliar converter or validator) is handed to the class constructor, which
  then decides and reports exactly as before.
* Each record kind gets a line encoder generated from the same fields. It writes the
  bytes ``json.dumps`` writes for the converter's unstructured form (tested to be
  identical), without building the intermediate dictionary.
* When :mod:`orjson` is installed (``pip install "bilateral[fast]"``), JSON is parsed
  with it. Any input it rejects, and any record the fast lane does not accept, is
  parsed again with :mod:`json` and built by the exact path, so error messages and
  accepted inputs are those of the standard library.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from json.encoder import encode_basestring
from typing import Any, Final

import attrs
import cattrs
from cattrs.errors import ClassValidationError, IterableValidationError

from . import _model
from ._countries import Country, lookup_country
from ._dataset import Dataset
from ._enums import AgreementStatus, Certainty, Polarity, Sector, Trend
from ._errors import BilateralError, DataError, FormatVersionError, ValidationError
from ._model import Agreement, Claim, Document, Relationship

__all__ = [
    "FORMAT_VERSION",
    "JSONL_KINDS",
    "SUPPORTED_VERSIONS",
    "decode_record",
    "dumps_dataset",
    "encode_record",
    "loads_dataset",
    "make_converter",
]

FORMAT_VERSION: Final = 1
"""The version written by this release."""
SUPPORTED_VERSIONS: Final = (1,)
"""The versions this release reads."""
FORMAT_NAME: Final = "bilateral"
JSONL_FORMAT_NAME: Final = "bilateral-jsonl"

Record = Country | Document | Claim | Agreement | Relationship
JSONL_KINDS: Final[dict[str, type[Any]]] = {
    "country": Country,
    "document": Document,
    "claim": Claim,
    "agreement": Agreement,
    "relationship": Relationship,
}
_KIND_OF: Final = {cls: kind for kind, cls in JSONL_KINDS.items()}


def make_converter() -> cattrs.Converter:
    """Build the converter behind every bilateral format.

    Returns:
        A :class:`cattrs.Converter` that unstructures model objects to JSON-ready
        values and structures them back with full validation.
    """
    converter = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)
    converter.register_unstructure_hook(Country, lambda c: c.code)
    converter.register_structure_hook(Country, lambda v, _t: _country(v))
    converter.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    converter.register_structure_hook(dt.date, lambda v, _t: v)
    for cls in (Document, Claim, Agreement, Relationship):
        # The classes' converters parse enums and strings themselves; passing the raw
        # values through keeps validation in one place and avoids doing it twice.
        converter.register_structure_hook(cls, _fast_then_exact(cls))
    return converter


def _country(value: object) -> Country:
    if not isinstance(value, str):
        msg = f"a country is written as its code, not {type(value).__name__}"
        raise DataError(msg)
    return lookup_country(value)


def _passthrough(cls: type[Any]) -> Callable[[Any, Any], Any]:
    fields = {a.name: a.alias for a in attrs.fields(cls) if a.init}

    def structure(value: Any, _type: Any) -> Any:
        if not isinstance(value, dict):
            msg = f"a {cls.__name__} is written as an object, not {type(value).__name__}"
            raise DataError(msg)
        extra = value.keys() - fields.keys()
        if extra:
            key = sorted(extra)[0]
            msg = f"unknown field {key!r}"
            raise DataError(msg, path=key)
        return cls(**{fields[k]: v for k, v in value.items()})

    return structure


# --- the fast lane ---------------------------------------------------------------------
#
# Generated, per class, from the attrs fields, in the way attrs and cattrs generate
# their own methods. Every check here is the model's own check or a narrower one, and
# any doubt raises _Fallback, after which the class constructor decides. So the fast
# lane can only ever return what the constructor would have returned.


class _Fallback(Exception):  # noqa: N818 - a signal between two code paths, not an error
    """The fast lane cannot decide this value; the class constructor will."""


_MEMO_LIMIT: Final = 1 << 14
"""Most distinct values a memo keeps: codes, sector lists and the like recur endlessly,
while unique values (ids, quotes) must not fill memory."""

_ENUM_OF: Final[dict[Callable[[Any], Any], type[Any]]] = {
    _model._certainty: Certainty,
    _model._polarity: Polarity,
    _model._sector: Sector,
    _model._status: AgreementStatus,
    _model._trend: Trend,
}
"""Enum converters of the model, each replaced by a lookup of the enum's values."""

_MEMO_CONVERTERS: Final = frozenset(
    {_model._countries, _model._parties, _model._groups, _model._sectors}
)
"""Converters of values that recur; their results (equal inputs, equal outputs) are
remembered and shared, which also saves memory."""

_PURE_VALIDATORS: Final = frozenset({_model._codes, _model._group_ids})
"""Validators that look only at the value, so a remembered value stays valid."""

_INLINE_CHECKS: Final[dict[Callable[..., Any], str]] = {
    _model._is_str: "type({v}) is str",
    _model._is_text: "type({v}) is str and {v}.strip()",
    _model._is_opt_text: "{v} is None or (type({v}) is str and {v}.strip())",
    _model._is_offset: "type({v}) is int and {v} >= 0",
}
"""Inline forms of the model's simple validators, as strict as the originals."""


def _resolve_loads() -> Callable[[str | bytes], Any]:
    """Settle the parser on first use: orjson's when installed, else the standard library's.

    Importing orjson costs more than the rest of ``import bilateral``, so it waits until
    something is read.
    """
    global _FAST_LOADS  # noqa: PLW0603 - settled once, on first use
    if _FAST_LOADS is _first_loads:
        try:
            import orjson
        except ImportError:
            _FAST_LOADS = json.loads
        else:
            _FAST_LOADS = orjson.loads
    return _FAST_LOADS


def _first_loads(text: str | bytes) -> Any:
    return _resolve_loads()(text)


_FAST_LOADS: Callable[[str | bytes], Any] = _first_loads
"""The parser of the fast lane: orjson's when it is installed, else the standard library's."""


def reads_bytes() -> bool:
    """Whether :func:`decode_fast` parses UTF-8 bytes itself.

    orjson does; :mod:`json` would guess the encoding of bytes, so it is given text.
    """
    return _resolve_loads() is not json.loads


def _known_ids() -> tuple[dict[str, str], Callable[[Any], bool]]:
    """Return the ids seen to match the id pattern, and the check that adds to them.

    The ids are kept as a dict from each id to itself, so that every object referring
    to the same id shares one string.
    """
    seen: dict[str, str] = {}
    match = _model._ID.match

    def check(value: Any) -> bool:
        if type(value) is not str or match(value) is None:
            return False
        if len(seen) < _MEMO_LIMIT:
            seen[value] = value
        return True

    return seen, check


def _memo(
    convert: Callable[[Any], Any],
    validate: Callable[[Any, Any, Any], Any] | None,
    attribute: attrs.Attribute[Any],
) -> tuple[dict[tuple[Any, ...], Any], Callable[[tuple[Any, ...]], Any]]:
    """Return a memo of ``convert`` (and a pure ``validate``) and the function filling it."""
    memo: dict[tuple[Any, ...], Any] = {}

    def fill(key: tuple[Any, ...]) -> Any:
        result = convert(key)
        if validate is not None:
            validate(None, attribute, result)
        if len(memo) < _MEMO_LIMIT:
            memo[key] = result
        return result

    return memo, fill


_BUILDERS: dict[type[Any], Callable[[dict[str, Any]], Any] | None] = {}


def _builder(cls: type[Any]) -> Callable[[dict[str, Any]], Any] | None:
    """Return the generated fast constructor of ``cls`` (built on first use)."""
    try:
        return _BUILDERS[cls]
    except KeyError:
        built = _BUILDERS[cls] = _generate_builder(cls)
        return built


def _generate_builder(cls: type[Any]) -> Callable[[dict[str, Any]], Any] | None:
    """Generate a function building ``cls`` from a dict holding every field, or None.

    The function raises :class:`_Fallback` (or any other exception) when it cannot
    vouch for the result; it never returns an object the constructor would refuse.
    """
    fields = attrs.fields(cls)
    if hasattr(cls, "__attrs_pre_init__") or not all(a.init and a.alias == a.name for a in fields):
        return None
    slots = set(getattr(cls, "__slots__", ())) - {"__weakref__"}
    if slots != {a.name for a in fields}:
        return None
    names: dict[str, Any] = {"_new": object.__new__, "_cls": cls, "_Fallback": _Fallback}
    body = [f"    if len(value) != {len(fields)}:", "        raise _Fallback"]
    late: list[str] = []
    for i, field in enumerate(fields):
        descriptor = cls.__dict__.get(field.name)
        if type(descriptor) is not types.MemberDescriptorType:
            return None
        v = f"v{i}"
        names[f"_set{i}"] = descriptor.__set__
        body.append(f"    {v} = value[{field.name!r}]")
        convert = field.converter
        validate = field.validator
        if convert is None:
            pass
        elif convert in _ENUM_OF:
            names[f"_enum{i}"] = {member.value: member for member in _ENUM_OF[convert]}
            body.append(f"    {v} = _enum{i}[{v}]")
        elif convert in _MEMO_CONVERTERS:
            pure = validate if validate in _PURE_VALIDATORS else None
            names[f"_memo{i}"], names[f"_fill{i}"] = _memo(convert, pure, field)
            if pure is not None:
                validate = None
            body += [
                f"    if type({v}) is not list and type({v}) is not tuple:",
                "        raise _Fallback",
                f"    key = tuple({v})",
                "    try:",
                f"        {v} = _memo{i}[key]",
                "    except KeyError:",
                f"        {v} = _fill{i}(key)",
            ]
        else:
            names[f"_convert{i}"] = convert
            body.append(f"    {v} = _convert{i}({v})")
        if validate is None:
            continue
        if validate is _model._is_id and field.name == "id":
            # An object's own id is unique, so remembering it would only cost memory.
            names["_id_match"] = _model._ID.match
            check = f"type({v}) is str and _id_match({v}) is not None"
        elif validate is _model._is_id:
            names[f"_seen{i}"], names[f"_known{i}"] = _known_ids()
            body += [
                f"    known = _seen{i}.get({v})",
                "    if known is not None:",
                f"        {v} = known",
                f"    elif not _known{i}({v}):",
                "        raise _Fallback",
            ]
            continue
        elif validate in _INLINE_CHECKS:
            check = _INLINE_CHECKS[validate].format(v=v)
        else:
            # Validators that may look at other fields run once every slot is filled,
            # as attrs runs them.
            names[f"_validate{i}"] = validate
            names[f"_field{i}"] = field
            late.append(f"    _validate{i}(obj, _field{i}, {v})")
            continue
        body += [f"    if not ({check}):", "        raise _Fallback"]
    body.append("    obj = _new(_cls)")
    body += [f"    _set{i}(obj, v{i})" for i in range(len(fields))]
    body += late
    if hasattr(cls, "__attrs_post_init__"):
        body.append("    obj.__attrs_post_init__()")
    body.append("    return obj")
    source = "def build(value):\n" + "\n".join(body) + "\n"
    exec(compile(source, f"<bilateral fast structure {cls.__name__}>", "exec"), names)  # noqa: S102 - code generated from the class's own fields, as attrs does
    built: Callable[[dict[str, Any]], Any] = names["build"]
    return built


def _fast_then_exact(cls: type[Any]) -> Callable[[Any, Any], Any]:
    """Return a structure hook trying the fast lane first and the constructor after."""
    exact = _passthrough(cls)

    def structure(value: Any, _type: Any) -> Any:
        build = _builder(cls)
        if build is not None and type(value) is dict:
            try:
                return build(value)
            except Exception:  # the constructor decides, and reports what is wrong
                return exact(value, _type)
        return exact(value, _type)

    return structure


_ENCODERS: dict[type[Any], Callable[[Any], str]] = {}


def _encoder(cls: type[Any]) -> Callable[[Any], str]:
    """Return the generated line encoder of ``cls`` (built on first use)."""
    try:
        return _ENCODERS[cls]
    except KeyError:
        built = _ENCODERS[cls] = _generate_encoder(cls)
        return built


def _generate_encoder(cls: type[Any]) -> Callable[[Any], str]:
    """Generate a function writing one JSON Lines record of ``cls`` as ``json.dumps`` would.

    ``json.dumps(value, ensure_ascii=False)`` of the converter's unstructured form is the
    reference: strings go through the same escaping function, integers through
    ``int.__repr__``, and every other field through the reference itself, remembered
    for the values that recur.
    """
    kind = _KIND_OF[cls]
    head = json.dumps({"kind": kind}, ensure_ascii=False)[:-1]
    if cls is Country:

        def country(obj: Any) -> str:
            return f'{head}, "code": {encode_basestring(obj.code)}}}'

        return country
    hints = typing.get_type_hints(cls)
    # Constants by name: a 3.11 f-string expression may hold no quote or backslash.
    names: dict[str, Any] = {
        "_esc": encode_basestring,
        "_int": int.__repr__,
        "_Q": '"',
        "_BS": "\\",
        "_NULL": "null",
    }
    parts: list[str] = []
    for i, field in enumerate(attrs.fields(cls)):
        key = encode_basestring(field.name)
        kind_of = hints[field.name]
        get = f"obj.{field.name}"
        if kind_of is str and field.validator is _model._is_id:
            value = f"_esc({get})"
        elif kind_of is str:
            # Most text needs no escaping, and checking for that is cheaper than escaping.
            value = (
                f"(_Q + {get} + _Q if type({get}) is str and {get}.isprintable()"
                f" and _Q not in {get} and _BS not in {get} else _esc({get}))"
            )
        elif kind_of is int:
            value = f"_int({get})"
        elif kind_of == (str | None):
            value = f"(_NULL if {get} is None else _esc({get}))"
        else:
            names[f"_memo{i}"] = _JSONMemo(kind_of)
            value = f"_memo{i}[{get}]"
        parts += [f", {key}: ".replace("{", "{{").replace("}", "}}"), f"{{{value}}}"]
    template = head.replace("{", "{{").replace("}", "}}") + "".join(parts) + "}}"
    source = f"def encode(obj):\n    return f{template!r}\n"
    exec(compile(source, f"<bilateral fast encode {cls.__name__}>", "exec"), names)  # noqa: S102 - code generated from the class's own fields, as attrs does
    built: Callable[[Any], str] = names["encode"]
    return built


class _JSONMemo(dict[Any, str]):
    """The JSON text of one field's values, remembered for the values that recur."""

    def __init__(self, kind: Any) -> None:
        super().__init__()
        self.kind = kind

    def __missing__(self, value: Any) -> str:
        text = json.dumps(
            _CONVERTER.unstructure(value, unstructure_as=self.kind), ensure_ascii=False
        )
        if len(self) < _MEMO_LIMIT:
            self[value] = text
        return text


def _cannot_build(_value: dict[str, Any]) -> Any:
    raise _Fallback


class _FastBuilders(dict[Any, Callable[[dict[str, Any]], Any]]):
    """The fast constructor of each JSON Lines kind, generated on first use."""

    def __missing__(self, kind: Any) -> Callable[[dict[str, Any]], Any]:
        cls = JSONL_KINDS[kind]
        built = _build_country if cls is Country else _builder(cls)
        self[kind] = built = built if built is not None else _cannot_build
        return built


def _build_country(value: dict[str, Any]) -> Country:
    return _country(value["code"])


_FAST_BUILD: Final = _FastBuilders()


_CONVERTER = make_converter()
_UNSTRUCTURE = {cls: _CONVERTER.get_unstructure_hook(cls) for cls in _KIND_OF}
_STRUCTURE = {cls: _CONVERTER.get_structure_hook(cls) for cls in _KIND_OF}


def flatten_error(exc: BaseException, path: str = "") -> list[BilateralError]:
    """Turn an exception raised while structuring into located :class:`DataError` s."""

    def join(prefix: str, part: str) -> str:
        if not part:
            return prefix
        if not prefix:
            return part
        return prefix + part if part.startswith("[") else f"{prefix}.{part}"

    if isinstance(exc, BilateralError):
        inner = exc.problems if isinstance(exc, ValidationError) else (exc,)
        return [DataError(p.reason, path=join(path, p.path or "")) for p in inner]
    if isinstance(exc, ClassValidationError | IterableValidationError):
        found: list[BilateralError] = []
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            name = getattr(note, "name", None)
            part = f"[{getattr(note, 'index', '?')}]" if name is None else str(name)
            found.extend(flatten_error(sub, join(path, part)))
        for sub in without:
            found.extend(flatten_error(sub, path))
        return found
    if isinstance(exc, KeyError):
        return [DataError(f"required field {exc.args[0]!r} missing", path=path or None)]
    return [DataError(f"invalid value: {exc}", path=path or None)]


def unstructure(obj: Record) -> dict[str, Any] | str:
    """Return the JSON-ready form of one model object."""
    result: dict[str, Any] | str = _UNSTRUCTURE[type(obj)](obj)
    return result


def structure(value: Any, cls: type[Any]) -> Any:
    """Build one model object of type ``cls`` from its JSON-ready form."""
    return _STRUCTURE[cls](value, cls)


# --- whole datasets as one JSON document -----------------------------------------------


def unstructure_dataset(dataset: Dataset) -> dict[str, Any]:
    """Return the JSON-ready form of a dataset, with its format name and version."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "countries": [c.code for c in dataset.countries],
        "documents": [unstructure(d) for d in dataset.documents],
        "claims": [unstructure(c) for c in dataset.claims],
        "agreements": [unstructure(a) for a in dataset.agreements],
        "relationships": [unstructure(r) for r in dataset.relationships],
    }


def structure_dataset(value: Any, *, file: str | None = None) -> Dataset:
    """Build a dataset from its JSON-ready form, reporting every problem at once."""
    if not isinstance(value, dict):
        raise ValidationError(
            [DataError("a dataset is written as a JSON object", file=file)],
            file=file,
            what=file or "JSON",
        )
    if value.get("format") != FORMAT_NAME:
        reason = (
            f"not a bilateral dataset (format is {value.get('format')!r}, expected {FORMAT_NAME!r})"
        )
        raise ValidationError(
            [DataError(reason, file=file, path="format")], file=file, what=file or "JSON"
        )
    if value.get("version") not in SUPPORTED_VERSIONS:
        raise FormatVersionError(value.get("version"), SUPPORTED_VERSIONS, file=file)
    problems: list[BilateralError] = []
    parts: dict[str, list[Any]] = {}
    kinds = {
        "countries": Country,
        "documents": Document,
        "claims": Claim,
        "agreements": Agreement,
        "relationships": Relationship,
    }
    problems.extend(
        DataError(f"unknown field {key!r}", file=file, path=key)
        for key in value.keys() - {"format", "version", *kinds}
    )
    for key, cls in kinds.items():
        items = value.get(key, [])
        if not isinstance(items, list):
            problems.append(DataError("must be a list", file=file, path=key))
            continue
        built: list[Any] = []
        for i, item in enumerate(items):
            try:
                built.append(structure(item, cls))
            except Exception as exc:
                problems.extend(p.at(file=file) for p in flatten_error(exc, f"{key}[{i}]"))
        parts[key] = built
    if problems:
        raise ValidationError(problems, file=file, what=file or "JSON")
    try:
        return Dataset(**parts)
    except ValidationError as exc:
        raise ValidationError(
            [p.at(file=file) for p in exc.problems], file=file, what=file or "JSON"
        ) from None


def dumps_dataset(dataset: Dataset, *, indent: int | None = None) -> str:
    """Serialize a dataset to a JSON string."""
    return json.dumps(unstructure_dataset(dataset), ensure_ascii=False, indent=indent)


def loads_dataset(text: str | bytes, *, file: str | None = None) -> Dataset:
    """Parse a dataset from a JSON string.

    Raises:
        ValidationError: Malformed JSON or an invalid dataset; every problem listed.
    """
    if _resolve_loads() is not json.loads:
        try:
            fast = _FAST_LOADS(text)
        except ValueError:
            pass  # parsed again below, for the standard library's message
        else:
            # A value orjson reads differently (an integer too large for 64 bits, read
            # as a float) is never valid, so a dataset built from its reading is the
            # dataset json's reading gives; any problem is reported from json's.
            with contextlib.suppress(BilateralError):
                return structure_dataset(fast, file=file)
    try:
        value = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        problem = DataError(f"not valid JSON: {exc}", file=file, line=line)
        raise ValidationError([problem], file=file, what=file or "JSON") from None
    return structure_dataset(value, file=file)


# --- JSON Lines: one record per line ---------------------------------------------------


def jsonl_header() -> str:
    """The first line of a JSON Lines file."""
    return json.dumps({"format": JSONL_FORMAT_NAME, "version": FORMAT_VERSION})


def encode_record(obj: Record) -> str:
    """Encode one model object as a JSON Lines line (without the newline)."""
    encode = _ENCODERS.get(type(obj))
    if encode is None:
        encode = _encoder(type(obj))
    return encode(obj)


def dataset_records(dataset: Dataset) -> Iterator[Record]:
    """Yield a dataset's objects in the order JSON Lines files store them."""
    yield from dataset.countries
    yield from dataset.documents
    yield from dataset.claims
    yield from dataset.agreements
    yield from dataset.relationships


def check_header(line: str, *, file: str | None = None) -> None:
    """Check the first line of a JSON Lines file.

    Raises:
        DataError: It is not a bilateral JSON Lines header.
        FormatVersionError: It declares a version this release cannot read.
    """
    try:
        header = json.loads(line)
    except ValueError:
        header = None
    if not isinstance(header, dict) or header.get("format") != JSONL_FORMAT_NAME:
        msg = (
            "not a bilateral JSON Lines file"
            f" (the first line must be a {JSONL_FORMAT_NAME!r} header)"
        )
        raise DataError(msg, file=file, line=1)
    if header.get("version") not in SUPPORTED_VERSIONS:
        raise FormatVersionError(header.get("version"), SUPPORTED_VERSIONS, file=file)


def decode_record(line: str) -> Record:
    """Decode one JSON Lines line into a model object.

    Raises:
        ValidationError: The line is not a valid record; every problem listed with its
            field path.
    """
    record = decode_fast(line)
    return record if record is not None else decode_exact(line)


def decode_fast(line: str | bytes) -> Record | None:
    """Decode a well-formed line by the fast lane, or return None for :func:`decode_exact`.

    Accepts the line as bytes (UTF-8) when :func:`reads_bytes` is true, which spares
    decoding the text only for the parser to encode it again.
    """
    try:
        value = _FAST_LOADS(line)
        record: Record = _FAST_BUILD[value.pop("kind")](value)
    except Exception:  # the exact path decides, and reports what is wrong
        return None
    return record


def decode_exact(line: str) -> Record:
    """Decode one line with the standard library and the class constructors.

    Raises:
        ValidationError: The line is not a valid record; every problem listed with its
            field path.
    """
    try:
        value = json.loads(line)
    except ValueError as exc:
        raise ValidationError([DataError(f"not valid JSON: {exc}")], what="line") from None
    if not isinstance(value, dict):
        raise ValidationError([DataError("a record is a JSON object")], what="line")
    kind = value.pop("kind", None)
    cls = JSONL_KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        choices = ", ".join(JSONL_KINDS)
        raise ValidationError(
            [DataError(f"kind {kind!r} is not one of {choices}", path="kind")], what="line"
        )
    try:
        result: Record = structure(value["code"] if cls is Country else value, cls)
    except Exception as exc:
        raise ValidationError(flatten_error(exc), what="line") from None
    return result


def encoder(cls: type[Any]) -> Callable[[Any], str]:
    """Return the line encoder of a model class, as :func:`encode_record` uses it.

    Raises:
        KeyError: ``cls`` is not a model class.
    """
    encode = _ENCODERS.get(cls)
    return encode if encode is not None else _encoder(cls)


def bytes_encoder(cls: type[Any]) -> Callable[[Any], bytes] | None:
    """Return an encoder of ``cls`` writing UTF-8 lines directly, or None without orjson.

    The bytes are those of :func:`encode_record`'s line encoded as UTF-8 (tested to
    be): orjson escapes strings exactly as ``json.dumps(..., ensure_ascii=False)``
    does, every code point checked, and writes UTF-8 in the same pass, which spares
    building the line as text and encoding it again.

    Raises:
        KeyError: ``cls`` is not a model class.
    """
    try:
        return _BYTES_ENCODERS[cls]
    except KeyError:
        built = _BYTES_ENCODERS[cls] = _generate_bytes_encoder(cls)
        return built


_BYTES_ENCODERS: dict[type[Any], Callable[[Any], bytes] | None] = {}


def _generate_bytes_encoder(cls: type[Any]) -> Callable[[Any], bytes] | None:
    kind = _KIND_OF[cls]
    try:
        import orjson
    except ImportError:
        return None
    # Typed here so the module type-checks the same with or without orjson installed.
    dumps: Callable[[Any], bytes] = orjson.dumps
    head = json.dumps({"kind": kind}, ensure_ascii=False)[:-1].encode()
    if cls is Country:

        def country(obj: Any) -> bytes:
            return head + b', "code": ' + dumps(obj.code) + b"}"

        return country
    hints = typing.get_type_hints(cls)
    names: dict[str, Any] = {"_dumps": dumps}
    template = head.replace(b"%", b"%%")
    values: list[str] = []
    for i, field in enumerate(attrs.fields(cls)):
        key = json.dumps(field.name, ensure_ascii=False).encode().replace(b"%", b"%%")
        kind_of = hints[field.name]
        get = f"obj.{field.name}"
        if kind_of is int:
            template += b", " + key + b": %d"
            values.append(get)
            continue
        template += b", " + key + b": %b"
        if kind_of is str or kind_of == (str | None):
            values.append(f"_dumps({get})")
        else:
            names[f"_memo{i}"] = _BytesMemo(kind_of)
            values.append(f"_memo{i}[{get}]")
    names["_template"] = template + b"}"
    source = f"def encode(obj):\n    return _template % ({', '.join(values)},)\n"
    exec(compile(source, f"<bilateral fast bytes encode {cls.__name__}>", "exec"), names)  # noqa: S102 - code generated from the class's own fields, as attrs does
    built: Callable[[Any], bytes] = names["encode"]
    return built


class _BytesMemo(dict[Any, bytes]):
    """The UTF-8 JSON of one field's values, remembered for the values that recur."""

    def __init__(self, kind: Any) -> None:
        super().__init__()
        self.text = _JSONMemo(kind)

    def __missing__(self, value: Any) -> bytes:
        data = self.text[value].encode()
        if len(self) < _MEMO_LIMIT:
            self[value] = data
        return data


def build_dataset(records: Iterable[Record]) -> Dataset:
    """Gather decoded records into a dataset."""
    parts: dict[type[Any], list[Any]] = {cls: [] for cls in _KIND_OF}
    for record in records:
        parts[type(record)].append(record)
    return Dataset(
        countries=parts[Country],
        documents=parts[Document],
        claims=parts[Claim],
        agreements=parts[Agreement],
        relationships=parts[Relationship],
    )
