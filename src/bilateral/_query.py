"""Query methods of :class:`bilateral.Dataset`."""

from __future__ import annotations

__all__ = ["Queries"]


class Queries:
    """Mixin holding the query methods of :class:`bilateral.Dataset`."""

    __slots__ = ()
