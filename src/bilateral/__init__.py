"""bilateral: relations between countries, as news analysis describes them.

A typed, queryable, provenance-tracked data model: :class:`Country`,
:class:`Relationship`, :class:`Agreement` and :class:`Claim`, built from annotated
or extracted articles, where every claim keeps its exact source span, how certain the
text is, and who asserts it.

>>> import bilateral
>>> data = bilateral.load_seeds()
>>> bilateral.lookup_country("Islamabad").name
'Pakistan'
"""

from ._arrow import read_parquet, write_parquet
from ._convert import make_converter
from ._countries import (
    Alias,
    Country,
    all_aliases,
    all_countries,
    load_aliases,
    lookup_country,
    normalize_name,
    register_alias,
)
from ._dataset import Dataset
from ._enums import AgreementStatus, AliasKind, Certainty, GroupKind, Polarity, Sector, Trend
from ._errors import (
    AmbiguousCountryError,
    BilateralError,
    DataError,
    FormatVersionError,
    QueryError,
    UnknownCountryError,
    UnknownGroupError,
    ValidationError,
)
from ._groups import Group, all_groups, lookup_group
from ._io import iter_jsonl, read_json, read_jsonl, write_json, write_jsonl
from ._many import (
    ExtractionFailure,
    ExtractionSummary,
    extract_many,
    read_articles,
    write_extraction,
)
from ._model import Agreement, Claim, Document, Relationship
from ._query import PairProfile
from ._seeds import load_seed_dir, load_seeds, parse_annotation
from .extract import evaluate, extract

__version__ = "0.1.0"

__all__ = [
    "Agreement",
    "AgreementStatus",
    "Alias",
    "AliasKind",
    "AmbiguousCountryError",
    "BilateralError",
    "Certainty",
    "Claim",
    "Country",
    "DataError",
    "Dataset",
    "Document",
    "ExtractionFailure",
    "ExtractionSummary",
    "FormatVersionError",
    "Group",
    "GroupKind",
    "PairProfile",
    "Polarity",
    "QueryError",
    "Relationship",
    "Sector",
    "Trend",
    "UnknownCountryError",
    "UnknownGroupError",
    "ValidationError",
    "__version__",
    "all_aliases",
    "all_countries",
    "all_groups",
    "evaluate",
    "extract",
    "extract_many",
    "iter_jsonl",
    "load_aliases",
    "load_seed_dir",
    "load_seeds",
    "lookup_country",
    "lookup_group",
    "make_converter",
    "normalize_name",
    "parse_annotation",
    "read_articles",
    "read_json",
    "read_jsonl",
    "read_parquet",
    "register_alias",
    "write_extraction",
    "write_json",
    "write_jsonl",
    "write_parquet",
]
