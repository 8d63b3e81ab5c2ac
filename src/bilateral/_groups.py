"""Actors that are not countries: blocs, organisations, alliances and forums.

News text often has a group act: "Western sanctions", "NATO allies", "the EU said".
bilateral never forces such an actor into a country code. A claim names the groups
it concerns by their ids (``"west"``, ``"eu"``, ``"nato"``), resolved against the
packaged table ``data/groups.toml``.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable
from importlib.resources import files

import attrs

from ._countries import normalize_name
from ._enums import GroupKind
from ._errors import BilateralError, DataError, UnknownGroupError, ValidationError
from ._tomlpos import TomlPositions

__all__ = ["Group", "all_groups", "lookup_group"]

_GROUP_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def _kind(value: GroupKind | str) -> GroupKind:
    try:
        return GroupKind.parse(value)
    except ValueError:
        msg = f"{value!r} is not one of {', '.join(GroupKind.values())}"
        raise DataError(msg, path="kind") from None


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str) or not all(isinstance(v, str) for v in value):
        msg = "must be a list of strings"
        raise DataError(msg)
    return tuple(value)


@attrs.frozen
class Group:
    """A non-country actor such as "the West", the EU or NATO.

    Attributes:
        id: Short lowercase identifier used in data files: ``"west"``, ``"eu"``.
        name: Display name: ``"the West"``, ``"European Union"``.
        kind: Bloc, organisation, alliance or forum.
        aliases: Names used to find the group in text.
        members: Alpha-3 codes of member states where membership is defined
            (empty for informal blocs such as the West).
        as_of: The date the member list was checked, if it has one.
    """

    id: str = attrs.field(validator=attrs.validators.matches_re(_GROUP_ID))
    name: str = attrs.field(validator=attrs.validators.min_len(1))
    kind: GroupKind = attrs.field(converter=_kind)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_strings, repr=False)
    members: tuple[str, ...] = attrs.field(default=(), converter=_strings, repr=False)
    as_of: str | None = attrs.field(default=None, repr=False)

    def __str__(self) -> str:
        return self.name


class _Groups:
    def __init__(self) -> None:
        source = "bilateral/data/groups.toml"
        text = files("bilateral").joinpath("data/groups.toml").read_text(encoding="utf-8")
        positions = TomlPositions(text)
        data = tomllib.loads(text).get("groups", {})
        problems: list[BilateralError] = []
        groups: dict[str, Group] = {}
        for gid, entry in data.items():
            path = f"groups.{gid}"
            try:
                groups[gid] = Group(
                    id=gid,
                    name=entry["name"],
                    kind=entry["kind"],
                    aliases=entry.get("aliases", ()),
                    members=entry.get("members", ()),
                    as_of=entry.get("as_of"),
                )
            except (KeyError, TypeError, ValueError) as exc:
                problems.append(
                    DataError(str(exc), file=source, line=positions.line(path), path=path)
                )
        if problems:
            raise ValidationError(problems, file=source, what=source)
        self.by_id = groups
        self.by_name: dict[str, str] = {}
        for group in groups.values():
            for name in (group.id, group.name, *group.aliases):
                self.by_name.setdefault(normalize_name(name), group.id)


@functools.cache
def _groups() -> _Groups:
    return _Groups()


def all_groups() -> tuple[Group, ...]:
    """Return every packaged group, sorted by id."""
    return tuple(sorted(_groups().by_id.values(), key=lambda g: g.id))


def lookup_group(name_or_id: str | Group) -> Group:
    """Return the group an id or name stands for ("west", "Western partners", "NATO").

    Raises:
        UnknownGroupError: No group has that id or name.
    """
    if isinstance(name_or_id, Group):
        return name_or_id
    table = _groups()
    if name_or_id in table.by_id:
        return table.by_id[name_or_id]
    gid = table.by_name.get(normalize_name(name_or_id))
    if gid is None:
        raise UnknownGroupError(name_or_id, tuple(sorted(table.by_id)))
    return table.by_id[gid]
