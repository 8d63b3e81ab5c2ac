"""Enumerations of the data model.

Every enum is a :class:`str` enum whose ``.value`` is the lowercase string used in
files, JSON and the command line, so ``Sector("energy") is Sector.ENERGY``.
"""

from __future__ import annotations

import enum
from typing import Self

__all__ = [
    "AgreementStatus",
    "AliasKind",
    "Certainty",
    "GroupKind",
    "Polarity",
    "Sector",
    "Trend",
]


class _StrEnum(enum.StrEnum):
    @classmethod
    def parse(cls, value: str | Self) -> Self:
        """Return the member for ``value`` (a member or its string value).

        Raises:
            ValueError: ``value`` names no member.
        """
        if isinstance(value, cls):
            return value
        return cls(value)

    @classmethod
    def values(cls) -> tuple[str, ...]:
        """All members' string values, in definition order."""
        return tuple(m.value for m in cls)


class Sector(_StrEnum):
    """The field of relations a claim, agreement or relationship belongs to."""

    ENERGY = "energy"
    """Oil, gas, pipelines, power generation, nuclear power, renewables."""
    TRADE = "trade"
    """Goods and services crossing borders, markets, tariffs, trade volumes."""
    MILITARY = "military"
    """Armed forces, arms sales, exercises, defence cooperation."""
    DIPLOMATIC = "diplomatic"
    """Visits, summits, alignments, alliances and the general state of ties."""
    SANCTIONS = "sanctions"
    """Sanctions, embargoes and measures to evade or relieve them."""
    FINANCE = "finance"
    """Loans, investment, payments, currencies, debt."""
    TECHNOLOGY = "technology"
    """Technology transfer, space, telecoms, research cooperation."""
    SECURITY = "security"
    """Conflict, war, terrorism, borders, regional balance of power."""


class Certainty(_StrEnum):
    """How certain the text is that a statement holds, after FactBank's factuality scale.

    Members are ordered: ``CERTAIN > PROBABLE > POSSIBLE > UNKNOWN``, so
    ``claim.certainty >= Certainty.PROBABLE`` selects the firmer claims. A member also
    compares with the string value of another (``>= "probable"``), by rank, never
    alphabetically.
    """

    CERTAIN = "certain"
    """Stated as fact, as in "Pakistan and Russia have strengthened relations"."""
    PROBABLE = "probable"
    """Stated as likely, with words such as "is likely to sign" or "suggests"."""
    POSSIBLE = "possible"
    """Stated as possible, as in "reportedly exploring", "a potential pipeline", "could"."""
    UNKNOWN = "unknown"
    """The text gives no basis for judging."""

    @property
    def rank(self) -> int:
        """3 for certain down to 0 for unknown."""
        return _CERTAINTY_RANK[self]

    def _other_rank(self, other: object) -> int | None:
        if isinstance(other, Certainty):
            return other.rank
        if isinstance(other, str):
            # A plain string compares by its meaning, never alphabetically.
            try:
                return Certainty(other).rank
            except ValueError:
                msg = f"cannot compare certainty with {other!r}"
                raise TypeError(msg) from None
        return None

    def __lt__(self, other: object) -> bool:
        rank = self._other_rank(other)
        return NotImplemented if rank is None else self.rank < rank

    def __le__(self, other: object) -> bool:
        rank = self._other_rank(other)
        return NotImplemented if rank is None else self.rank <= rank

    def __gt__(self, other: object) -> bool:
        rank = self._other_rank(other)
        return NotImplemented if rank is None else self.rank > rank

    def __ge__(self, other: object) -> bool:
        rank = self._other_rank(other)
        return NotImplemented if rank is None else self.rank >= rank


_CERTAINTY_RANK = {
    Certainty.UNKNOWN: 0,
    Certainty.POSSIBLE: 1,
    Certainty.PROBABLE: 2,
    Certainty.CERTAIN: 3,
}


class Polarity(_StrEnum):
    """Whether the text affirms or denies a statement."""

    AFFIRMED = "affirmed"
    NEGATED = "negated"


class AgreementStatus(_StrEnum):
    """The lifecycle stage of an agreement, as its evidence states it."""

    PROPOSED = "proposed"
    """Offered, explored, of interest, planned."""
    NEGOTIATING = "negotiating"
    """Talks or negotiations under way."""
    SIGNED = "signed"
    """Signed or concluded, not yet reported as implemented."""
    IN_FORCE = "in_force"
    """Being implemented, delivered, held, continuing."""
    STALLED = "stalled"
    """Delayed, suspended, on hold."""
    TERMINATED = "terminated"
    """Cancelled, withdrawn from, expired."""


class Trend(_StrEnum):
    """Which way a relationship is moving, as the text describes it."""

    IMPROVING = "improving"
    STABLE = "stable"
    DETERIORATING = "deteriorating"
    UNKNOWN = "unknown"


class AliasKind(_StrEnum):
    """What sort of name an alias of a country is.

    Lets callers tell "Moscow said" (a metonym for the Russian government) from
    "Russia said".
    """

    NAME = "name"
    """A name of the state, such as "Pakistan", "Britain" or "Russian Federation"."""
    ABBREVIATION = "abbreviation"
    """A short form, such as "US", "U.K.", "UAE" or "DPRK"."""
    DEMONYM = "demonym"
    """A demonym, adjective or combining form, such as "Pakistani", "Swiss" or "Sino"."""
    METONYM = "metonym"
    """A capital or seat of power standing for the government, such as "Moscow" or "Kremlin"."""


class GroupKind(_StrEnum):
    """What sort of non-country actor a :class:`bilateral.Group` is."""

    BLOC = "bloc"
    """An informal set of countries, such as "the West"."""
    ORGANISATION = "organisation"
    """A body with members and a secretariat, such as the EU, the UN or OPEC."""
    ALLIANCE = "alliance"
    """A military or security alliance, such as NATO or the CSTO."""
    FORUM = "forum"
    """A summit format or club, such as the G7, BRICS or the Quad."""
