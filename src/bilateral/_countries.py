"""Countries: the ISO 3166 registry, curated aliases and name resolution.

The registry is built lazily, on the first lookup, from two package data files:

* ``data/iso3166.tsv`` — codes and names of the 249 current (ISO 3166-1) and the
  former (ISO 3166-3) countries, generated from pycountry by
  ``scripts/generate_countries.py`` and checked against it by the test suite;
* ``data/aliases.toml`` — the curated, human-editable table of common names,
  abbreviations, demonyms and capital-city metonyms, plus names that are ambiguous.

Users add their own aliases at run time with :func:`register_alias` or
:func:`load_aliases`; these take precedence over the packaged ones.
"""

from __future__ import annotations

import difflib
import functools
import re
import threading
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ._enums import AliasKind
from ._errors import (
    AmbiguousCountryError,
    BilateralError,
    DataError,
    UnknownCountryError,
    ValidationError,
)
from ._tomlpos import TomlPositions, error_line

if TYPE_CHECKING:
    from os import PathLike

__all__ = [
    "Alias",
    "Country",
    "all_aliases",
    "all_countries",
    "load_aliases",
    "lookup_country",
    "normalize_name",
    "register_alias",
]

_CODE = re.compile(r"^(?:[A-Z]{3}|[A-Z]{4})$")
_ALPHA2 = re.compile(r"^[A-Z]{2}$")
_NUMERIC = re.compile(r"^(?:\d{3})?$")
_DROP = re.compile(r"[.'’‘`´]")
_SEPARATORS = re.compile(r"[^0-9a-z]+")


def normalize_name(text: str) -> str:
    """Fold a country name to the key used for lookup.

    Case, accents, full stops, apostrophes and other punctuation are ignored, runs of
    spaces and hyphens count as one space, and a leading "the" is dropped:
    ``"the U.S."``, ``"US"`` and ``"us"`` all give ``"us"``; ``"Côte d’Ivoire"``
    gives ``"cote divoire"``.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = _DROP.sub("", stripped.casefold())
    key = _SEPARATORS.sub(" ", folded).strip()
    if key.startswith("the "):
        key = key[4:]
    return key


def _check_code(_inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _CODE.match(value):
        msg = f"{attribute.name} must be three or four capital letters, not {value!r}"
        raise DataError(msg, path=attribute.name)


def _alias_kind(value: AliasKind | str) -> AliasKind:
    try:
        return AliasKind.parse(value)
    except ValueError:
        msg = f"{value!r} is not one of {', '.join(AliasKind.values())}"
        raise DataError(msg, path="kind") from None


def _alias_tuple(value: Iterable[Alias]) -> tuple[Alias, ...]:
    return tuple(value)


@attrs.frozen(order=True)
class Alias:
    """A name a country is known by in text, and what kind of name it is.

    Attributes:
        text: The alias as written: ``"Kremlin"``, ``"U.S."``, ``"Pakistani"``.
        kind: Name, abbreviation, demonym or metonym.
        country: The code of the country it stands for.
    """

    text: str = attrs.field(validator=attrs.validators.min_len(1))
    kind: AliasKind = attrs.field(converter=_alias_kind)
    country: str = attrs.field(validator=_check_code)


@attrs.frozen(order=False)
class Country:
    """A country, current (ISO 3166-1) or former (ISO 3166-3).

    Countries are compared and hashed by all their fields; two lookups of the same
    country return the same object.

    Attributes:
        code: The key used everywhere in bilateral: the ISO 3166-1 alpha-3 code
            (``"PAK"``), or for a former country its four-letter ISO 3166-3 code
            (``"SUHH"`` for the Soviet Union), which never collides with a current one.
        alpha2: ISO 3166-1 alpha-2 code (``"PK"``).
        alpha3: ISO 3166-1 alpha-3 code; for a former country, the alpha-3 code it had.
        numeric: ISO 3166-1 numeric code as three digits, or ``""`` where ISO gives none.
        name: The common English short name: ``"Russia"``, ``"Iran"``, ``"Türkiye"``.
        official_name: The full official name, where ISO gives one.
        aliases: The packaged names used to find the country in text.
        withdrawn: For a former country, the date (or year) ISO withdrew its code.
    """

    code: str = attrs.field(validator=_check_code)
    alpha2: str = attrs.field(validator=attrs.validators.matches_re(_ALPHA2))
    alpha3: str = attrs.field(validator=attrs.validators.matches_re(r"^[A-Z]{3}$"))
    numeric: str = attrs.field(validator=attrs.validators.matches_re(_NUMERIC))
    name: str = attrs.field(validator=attrs.validators.min_len(1))
    official_name: str | None = attrs.field(default=None, repr=False)
    aliases: tuple[Alias, ...] = attrs.field(default=(), converter=_alias_tuple, repr=False)
    withdrawn: str | None = attrs.field(default=None, repr=False)

    @property
    def former(self) -> bool:
        """True for a country that no longer exists (ISO 3166-3)."""
        return self.withdrawn is not None

    def __str__(self) -> str:
        return self.name

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Country):
            return NotImplemented
        return self.code < other.code


# --- the packaged tables -------------------------------------------------------------

_ALIAS_FIELDS = {
    "names": AliasKind.NAME,
    "abbreviations": AliasKind.ABBREVIATION,
    "demonyms": AliasKind.DEMONYM,
    "metonyms": AliasKind.METONYM,
}
_ENTRY_KEYS = frozenset({*_ALIAS_FIELDS, "name", "notes"})


@attrs.frozen
class _AliasFile:
    """The parsed content of an aliases TOML file."""

    entries: Mapping[str, Mapping[str, Any]]
    names: Mapping[str, str]
    aliases: tuple[Alias, ...]
    ambiguous: Mapping[str, tuple[str, ...]]


def _parse_alias_file(text: str, source: str, known: Mapping[str, Any] | None) -> _AliasFile:
    """Parse and check an aliases file, collecting every problem before raising."""
    problems: list[BilateralError] = []
    positions = TomlPositions(text)

    def problem(reason: str, path: str) -> None:
        problems.append(DataError(reason, file=source, line=positions.line(path), path=path))

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = error_line(exc)
        raise ValidationError(
            [DataError(f"not valid TOML: {exc}", file=source, line=line)],
            file=source,
            what=source,
        ) from None

    names: dict[str, str] = {}
    aliases: list[Alias] = []
    entries: dict[str, Mapping[str, Any]] = {}
    for section in ("countries", "former"):
        table = data.get(section, {})
        if not isinstance(table, dict):
            problem("must be a table", section)
            continue
        for code, entry in table.items():
            path = f"{section}.{code}"
            if known is not None and code not in known:
                problem(f"no country has the code {code!r}", path)
                continue
            if not isinstance(entry, dict):
                problem("must be a table", path)
                continue
            entries[code] = entry
            for key in entry.keys() - _ENTRY_KEYS:
                problem(
                    f"unknown field {key!r}; expected one of {', '.join(sorted(_ENTRY_KEYS))}",
                    f"{path}.{key}",
                )
            if "name" in entry:
                if isinstance(entry["name"], str) and entry["name"].strip():
                    names[code] = entry["name"]
                else:
                    problem("must be a non-empty string", f"{path}.name")
            for key, kind in _ALIAS_FIELDS.items():
                values = entry.get(key, [])
                if not isinstance(values, list):
                    problem("must be a list of strings", f"{path}.{key}")
                    continue
                for i, value in enumerate(values):
                    if not isinstance(value, str) or not normalize_name(value):
                        problem("must be a non-empty name", f"{path}.{key}[{i}]")
                        continue
                    aliases.append(Alias(value, kind, code))

    ambiguous: dict[str, tuple[str, ...]] = {}
    table = data.get("ambiguous", {})
    if not isinstance(table, dict):
        problem("must be a table", "ambiguous")
        table = {}
    for alias, codes in table.items():
        path = f"ambiguous.{alias}"
        if (
            not isinstance(codes, list)
            or len(codes) < 2
            or not all(isinstance(c, str) for c in codes)
        ):
            problem("must be a list of two or more codes", path)
            continue
        unknown = [c for c in codes if known is not None and c not in known]
        if unknown:
            problem(f"no country has the code {unknown[0]!r}", path)
            continue
        ambiguous[normalize_name(alias)] = tuple(codes)

    for key in data.keys() - {"countries", "former", "ambiguous"}:
        problem("unknown table; expected countries, former or ambiguous", key)
    if problems:
        raise ValidationError(problems, file=source, what=source)
    return _AliasFile(entries, names, tuple(aliases), ambiguous)


@attrs.frozen
class _Iso:
    code: str
    alpha2: str
    alpha3: str
    numeric: str
    iso_name: str
    official_name: str
    common_name: str
    withdrawn: str


def _read_iso() -> dict[str, _Iso]:
    text = files("bilateral").joinpath("data/iso3166.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and line[0] != "#"]
    header, body = rows[0], rows[1:]
    records = (_Iso(**dict(zip(header, row, strict=True))) for row in body)
    return {r.code: r for r in records}


class _Registry:
    """The countries and their lookup indexes, built once."""

    def __init__(self) -> None:
        iso = _read_iso()
        source = "bilateral/data/aliases.toml"
        text = files("bilateral").joinpath("data/aliases.toml").read_text(encoding="utf-8")
        parsed = _parse_alias_file(text, source, iso)
        self.ambiguous = dict(parsed.ambiguous)

        by_country: dict[str, list[Alias]] = {code: [] for code in iso}
        for rec in iso.values():
            for value in (rec.iso_name, rec.official_name, rec.common_name):
                if value:
                    by_country[rec.code].append(Alias(value, AliasKind.NAME, rec.code))
        for alias in parsed.aliases:
            by_country[alias.country].append(alias)

        self.countries: dict[str, Country] = {}
        for rec in iso.values():
            name = parsed.names.get(rec.code) or rec.common_name or rec.iso_name
            seen: set[tuple[str, AliasKind]] = set()
            unique: list[Alias] = []
            for alias in [Alias(name, AliasKind.NAME, rec.code), *by_country[rec.code]]:
                if (alias.text, alias.kind) not in seen:
                    seen.add((alias.text, alias.kind))
                    unique.append(alias)
            self.countries[rec.code] = Country(
                code=rec.code,
                alpha2=rec.alpha2,
                alpha3=rec.alpha3,
                numeric=rec.numeric,
                name=name,
                official_name=rec.official_name or None,
                aliases=tuple(unique),
                withdrawn=rec.withdrawn or None,
            )
        self.current = tuple(c for c in sorted(self.countries.values()) if not c.former)
        self.everything = tuple(sorted(self.countries.values()))

        self.alpha2: dict[str, list[Country]] = {}
        self.alpha3: dict[str, list[Country]] = {}
        self.numeric: dict[str, list[Country]] = {}
        for country in (*self.current, *(c for c in self.everything if c.former)):
            # Current countries come first, so they win when a former code was reused.
            self.alpha2.setdefault(country.alpha2, []).append(country)
            self.alpha3.setdefault(country.alpha3, []).append(country)
            if country.numeric:
                self.numeric.setdefault(country.numeric, []).append(country)

        # A name a current country uses today resolves to it, even where a former
        # country once had it too (ISO 3166-3 lists "East Timor", today Timor-Leste).
        names: dict[str, list[str]] = {}
        for country in (*self.current, *(c for c in self.everything if c.former)):
            for alias in country.aliases:
                key = normalize_name(alias.text)
                codes = names.setdefault(key, [])
                if country.code not in codes and not (
                    country.former and any(not self.countries[c].former for c in codes)
                ):
                    codes.append(country.code)
        self.names = {k: tuple(v) for k, v in names.items()}

    def by_code(self, code: str) -> Country | None:
        upper = code.upper()
        if len(upper) == 4:
            return self.countries.get(upper)
        table = self.alpha2 if len(upper) == 2 else self.alpha3 if len(upper) == 3 else None
        if table is None:
            return None
        found = table.get(upper, [])
        return found[0] if found else None


_lock = threading.Lock()
_user_aliases: dict[str, tuple[Alias, ...]] = {}
_generation = 0


@functools.cache
def _registry() -> _Registry:
    return _Registry()


def lookup_country(name_or_code: str | Country) -> Country:
    """Return the country a code or name stands for.

    Accepts ISO alpha-2, alpha-3 and numeric codes, ISO 3166-3 codes of former
    countries, and every name in the alias table (common and official names,
    abbreviations, demonyms, capitals and seats of power), ignoring case, accents and
    punctuation. Aliases registered with :func:`register_alias` take precedence.

    >>> lookup_country("Islamabad").name
    'Pakistan'
    >>> lookup_country("the Kremlin").code
    'RUS'
    >>> lookup_country("u.s.").name
    'United States'

    Raises:
        AmbiguousCountryError: The name stands for several countries ("Congo").
        UnknownCountryError: Nothing matches; the message suggests close matches.
    """
    if isinstance(name_or_code, Country):
        return name_or_code
    if not isinstance(name_or_code, str):
        raise UnknownCountryError(repr(name_or_code))
    reg = _registry()
    query = name_or_code.strip()
    key = normalize_name(query)
    user = _user_aliases.get(key)
    if user:
        codes = tuple(dict.fromkeys(a.country for a in user))
        if len(codes) > 1:
            raise AmbiguousCountryError(query, codes)
        return reg.countries[codes[0]]
    if re.fullmatch(r"[A-Za-z]{2,4}", query) and (
        query.isupper() or normalize_name(query) not in reg.names
    ):
        found = reg.by_code(query)
        if found is not None:
            return found
    if query.isdigit() and len(query) <= 3:
        numbered = reg.numeric.get(query.zfill(3))
        if numbered:
            return numbered[0]
    if key in reg.ambiguous:
        raise AmbiguousCountryError(query, reg.ambiguous[key])
    codes = reg.names.get(key, ())
    if len(codes) == 1:
        return reg.countries[codes[0]]
    if len(codes) > 1:
        raise AmbiguousCountryError(query, codes)
    if re.fullmatch(r"[A-Za-z]{2,4}", query):
        found = reg.by_code(query)
        if found is not None:
            return found
    raise UnknownCountryError(query, _suggest(key))


def _suggest(key: str) -> tuple[str, ...]:
    reg = _registry()
    if not key:
        return ()
    close = difflib.get_close_matches(key, reg.names.keys(), n=8, cutoff=0.7)
    names: list[str] = []
    for match in close:
        for code in reg.names[match]:
            name = reg.countries[code].name
            if name not in names:
                names.append(name)
    return tuple(names[:3])


def all_countries(*, include_former: bool = False) -> tuple[Country, ...]:
    """Return every current country (249), sorted by code.

    Args:
        include_former: Also return the former countries of ISO 3166-3, whose codes
            have four letters.
    """
    reg = _registry()
    return reg.everything if include_former else reg.current


def all_aliases() -> tuple[Alias, ...]:
    """Return every alias: the packaged ones, then those registered at run time."""
    packaged = tuple(a for c in _registry().everything for a in c.aliases)
    added = tuple(a for group in _user_aliases.values() for a in group)
    return packaged + added


def ambiguous_names() -> Mapping[str, tuple[str, ...]]:
    """Return the names (as lookup keys) that stand for several countries."""
    return dict(_registry().ambiguous)


def register_alias(
    alias: str, country: str | Country, kind: AliasKind | str = AliasKind.NAME
) -> Alias:
    """Teach the registry a new name for a country, for this process.

    Use it for a publication's house style ("Blighty") or a name the packaged table
    lacks. A registered alias takes precedence over the packaged table, so it can also
    settle an ambiguous name for your corpus (``register_alias("Congo", "COD")``).
    Registering the same alias for a second country makes it ambiguous.

    Returns:
        The alias as stored.

    Raises:
        DataError: The alias is empty once punctuation is ignored.
        UnknownCountryError: ``country`` is not a known country.
    """
    target = lookup_country(country)
    key = normalize_name(alias)
    if not key:
        msg = f"alias {alias!r} is empty once case and punctuation are ignored"
        raise DataError(msg, path="alias")
    entry = Alias(alias, AliasKind.parse(kind), target.code)
    with _lock:
        existing = _user_aliases.get(key, ())
        if entry not in existing:
            _user_aliases[key] = (*existing, entry)
            _bump()
    return entry


def unregister_aliases() -> None:
    """Forget every alias added by :func:`register_alias` or :func:`load_aliases`."""
    with _lock:
        _user_aliases.clear()
        _bump()


def load_aliases(path: str | PathLike[str]) -> tuple[Alias, ...]:
    """Register every alias in a TOML file written in the packaged table's format.

    The whole file is checked first; if any entry is wrong, a
    :class:`~bilateral.ValidationError` lists every problem with its line and nothing
    is registered.

    Returns:
        The aliases registered.
    """
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read aliases: {exc}", file=source) from None
    parsed = _parse_alias_file(text, source, _registry().countries)
    added: list[Alias] = []
    for code, name in parsed.names.items():
        added.append(register_alias(name, code, AliasKind.NAME))
    added.extend(register_alias(a.text, a.country, a.kind) for a in parsed.aliases)
    return tuple(added)


def _bump() -> None:
    global _generation  # noqa: PLW0603 - one counter for the process, guarded by _lock
    _generation += 1


def _alias_generation() -> int:
    """A number that changes whenever user aliases change (for caches of matchers)."""
    return _generation
