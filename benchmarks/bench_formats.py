"""JSON Lines speed and memory per claim, next to msgspec, pydantic v2 and cattrs.

Writes and reads N claims (default 200,000) as JSON Lines with bilateral, and the same
lines with an equivalent msgspec.Struct (the practical limit for typed decoding in
Python), a pydantic v2 model and cattrs' orjson converter, all in this one run, and
reports each time per line with its ratio to msgspec. Then measures the memory each
claim holds (deep size, shared objects counted once) after reading.

Timing: each figure is the best of several repeats, with the garbage collector paused
during the timed code (as ``timeit`` does), so that the figures compare the libraries'
work rather than collections triggered by whoever allocated last. Files are written to
a temporary folder.

Run:  python benchmarks/bench_formats.py [--claims N] [--repeat R]
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import bilateral
from bilateral import Certainty, Claim, Document, Polarity, Sector
from bilateral import _convert as convert

CODES = ("USA", "RUS", "CHN", "IND", "PAK", "UKR", "GBR", "FRA", "DEU", "JPN", "IRN", "TUR")
WORDS = [
    *("Pakistan", "Russia", "India", "China", "signed", "a", "deal", "on", "gas"),
    *("pipeline", "reportedly", "may", "the", "talks", "Moscow", "Islamabad", "defence"),
    *("trade", "energy", "officials", "said", "minister", "visit", "agreement"),
    *("cooperation", "sanctions", "“supply”", "wheat", "exports", "é", "Türkiye"),
]
SOURCES = (None, None, "experts", "some media reports", "officials", "analysts")
TIMES = (None, None, None, "in recent years", "last week", "since 2019")


def corpus(count: int, seed: int = 1) -> tuple[list[Document], list[Claim]]:
    """Documents of 25 sentences each and a claim quoting every sentence.

    Sentences have 8 to 40 words; claims name one to three countries, as extracted ones do.
    """
    rng = random.Random(seed)
    documents: list[Document] = []
    found: list[Claim] = []
    for first in range(0, count, 25):
        doc_id = f"d{first // 25:06d}"
        sentences = [
            " ".join(rng.choices(WORDS, k=rng.randint(8, 40))) + "."
            for _ in range(min(25, count - first))
        ]
        text = " ".join(sentences)
        documents.append(Document(id=doc_id, text=text))
        start = 0
        for k, sentence in enumerate(sentences):
            found.append(
                Claim(
                    id=f"{doc_id}:c{k:02d}",
                    document=doc_id,
                    start=start,
                    end=start + len(sentence),
                    text=sentence,
                    countries=rng.sample(CODES, rng.randint(1, 3)),
                    sectors=rng.sample(list(Sector), rng.randint(1, 2)),
                    certainty=rng.choice(list(Certainty)),
                    polarity=Polarity.NEGATED if rng.random() < 0.1 else Polarity.AFFIRMED,
                    attribution=rng.choice(SOURCES),
                    groups=("west",) if rng.random() < 0.1 else (),
                    time=rng.choice(TIMES),
                )
            )
            start += len(sentence) + 1
    return documents, found


def best(fn: Callable[[], Any], repeat: int) -> float:
    """Best wall time of ``repeat`` runs, with the garbage collector paused while timed."""
    times = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            started = time.perf_counter()
            fn()
            times.append(time.perf_counter() - started)
        finally:
            gc.enable()
    return min(times)


def deep_size(objects: Iterable[Any]) -> int:
    """Bytes held by ``objects`` and everything they reach, each object counted once."""
    seen: set[int] = set()
    total = 0
    stack = list(objects)
    while stack:
        obj = stack.pop()
        if id(obj) in seen or obj is None or isinstance(obj, type):
            continue
        seen.add(id(obj))
        total += sys.getsizeof(obj)
        if isinstance(obj, str | bytes | int | float | bool):
            continue
        if isinstance(obj, dict):
            stack.extend(obj.keys())
            stack.extend(obj.values())
        elif isinstance(obj, list | tuple | set | frozenset):
            stack.extend(obj)
        else:
            slots = getattr(type(obj), "__slots__", ())
            stack.extend(getattr(obj, name) for name in slots if hasattr(obj, name))
            fields = getattr(type(obj), "__struct_fields__", ())
            stack.extend(getattr(obj, name) for name in fields)
            if hasattr(obj, "__dict__"):
                stack.append(obj.__dict__)
    return total


# --- the reference libraries, each given the same record --------------------------------


def msgspec_codec() -> tuple[Any, Any, Any] | None:
    try:
        import msgspec
    except ImportError:
        return None

    class MClaim(msgspec.Struct, frozen=True, tag="claim", tag_field="kind"):
        id: str
        document: str
        start: int
        end: int
        text: str
        countries: tuple[str, ...]
        sectors: tuple[Sector, ...]
        certainty: Certainty
        polarity: Polarity = Polarity.AFFIRMED
        attribution: str | None = None
        groups: tuple[str, ...] = ()
        time: str | None = None

    return msgspec.json.Encoder(), msgspec.json.Decoder(MClaim), MClaim


def pydantic_model() -> Any:
    try:
        import pydantic
    except ImportError:
        return None

    class PClaim(pydantic.BaseModel):
        model_config = pydantic.ConfigDict(frozen=True, extra="forbid")
        kind: str = "claim"
        id: str
        document: str
        start: int
        end: int
        text: str
        countries: tuple[str, ...]
        sectors: tuple[Sector, ...]
        certainty: Certainty
        polarity: Polarity = Polarity.AFFIRMED
        attribution: str | None = None
        groups: tuple[str, ...] = ()
        time: str | None = None

    return PClaim


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in ("attrs", "cattrs", "orjson", "msgspec", "pydantic"):
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            found.append(f"{name} (not installed)")
    return ", ".join(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=200_000, help="number of claims")
    parser.add_argument("--repeat", type=int, default=5, help="repeats; the best is kept")
    args = parser.parse_args(argv)
    n = args.claims
    documents, data = corpus(n)
    lines = [convert.encode_record(c) for c in data]
    blines = [line.encode() for line in lines]
    folder = Path(tempfile.mkdtemp(prefix="bilateral-bench-"))
    path = folder / "claims.jsonl"
    bilateral.write_jsonl(data, path)
    size = path.stat().st_size
    print(
        f"bilateral {bilateral.__version__}, Python {sys.version.split()[0]}; {versions()}\n"
        f"{n:,} claims, {size / n:.0f} bytes per line, {size / 2**20:.1f} MiB;"
        f" best of {args.repeat}, garbage collector paused while timed\n"
    )

    reads: list[tuple[str, Callable[[], Any]]] = []
    writes: list[tuple[str, Callable[[], Any]]] = []
    codec = msgspec_codec()
    if codec is not None:
        encoder, decoder, _ = codec
        structs = [decoder.decode(line) for line in blines]
        # The same lines, up to the spaces json.dumps puts after ':' and ','.
        same = [encoder.encode(s) for s in structs[:100]] == [
            json.dumps(json.loads(line), separators=(",", ":"), ensure_ascii=False).encode()
            for line in lines[:100]
        ]
        assert same  # noqa: S101 - a benchmark that checks its reference

        def msgspec_read() -> None:
            with path.open("rb") as handle:
                handle.readline()
                decode = decoder.decode
                [decode(line) for line in handle]

        def msgspec_write() -> None:
            encode = encoder.encode
            with (folder / "m.jsonl").open("wb") as handle:
                handle.write(b'{"format": "bilateral-jsonl", "version": 1}\n')
                for struct in structs:
                    handle.write(encode(struct))
                    handle.write(b"\n")

        reads += [
            ("msgspec Struct, file", msgspec_read),
            ("msgspec Struct, lines in memory", lambda: [decoder.decode(x) for x in lines]),
        ]
        writes += [
            ("msgspec Struct, file", msgspec_write),
            ("msgspec Struct, lines in memory", lambda: [encoder.encode(s) for s in structs]),
        ]
    reads += [
        ("bilateral iter_jsonl, file", lambda: list(bilateral.iter_jsonl(path))),
        ("bilateral decode_record, lines", lambda: [convert.decode_record(x) for x in lines]),
    ]
    writes += [
        ("bilateral write_jsonl, file", lambda: bilateral.write_jsonl(data, folder / "b.jsonl")),
        ("bilateral encode_record, lines", lambda: [convert.encode_record(c) for c in data]),
    ]
    utf8 = convert.bytes_encoder(Claim)
    if utf8 is not None:
        writes.append(
            ("bilateral UTF-8 encoder (write_jsonl), lines", lambda: [utf8(c) for c in data])
        )
    model = pydantic_model()
    if model is not None:
        models = [model.model_validate_json(b) for b in blines]
        reads.append(
            (
                "pydantic v2 model_validate_json",
                lambda: [model.model_validate_json(b) for b in blines],
            )
        )
        writes.append(
            ("pydantic v2 model_dump_json", lambda: [m.model_dump_json() for m in models])
        )
    try:
        from cattrs.preconf.orjson import make_converter as orjson_converter
    except ImportError:
        pass
    else:
        cattrs_orjson = orjson_converter()
        reads.append(
            ("cattrs + orjson converter", lambda: [cattrs_orjson.loads(b, Claim) for b in blines])
        )
        writes.append(("cattrs + orjson converter", lambda: [cattrs_orjson.dumps(c) for c in data]))

    def exact(line: str) -> Claim:
        value = json.loads(line)
        del value["kind"]
        return Claim(**value)

    reads.append(("json + Claim(**fields) (bilateral 0.1)", lambda: [exact(x) for x in lines]))
    writes.append(
        (
            "json.dumps(unstructure) (bilateral 0.1)",
            lambda: [
                json.dumps({"kind": "claim", **convert._UNSTRUCTURE[Claim](c)}, ensure_ascii=False)
                for c in data
            ],
        )
    )

    assert list(bilateral.iter_jsonl(path)) == data  # noqa: S101 - a benchmark that checks itself

    results: dict[str, dict[str, float]] = {}
    for title, cases in (("Read", reads), ("Write", writes)):
        print(f"{title} (per line):")
        header = f"  {'':<44} {'µs/line':>9} {'lines/s':>12} {'vs msgspec':>11}"
        print(header)
        print("  " + "-" * (len(header) - 2))
        table: dict[str, float] = {}
        for name, fn in cases:
            table[name] = best(fn, args.repeat) / n
        results[title] = table
        reference = {
            "file": table.get("msgspec Struct, file"),
            "lines": table.get("msgspec Struct, lines in memory"),
        }
        for name, seconds in table.items():
            base = reference["file"] if "file" in name else reference["lines"]
            ratio = f"{seconds / base:>10.2f}x" if base else f"{'-':>11}"
            print(f"  {name:<44} {seconds * 1e6:>9.2f} {1 / seconds:>12,.0f} {ratio}")
        print()

    print("Targets (ratios to msgspec in this run, reading and writing files):")
    read, write = results["Read"], results["Write"]
    ms_read, ms_write = read.get("msgspec Struct, file"), write.get("msgspec Struct, file")
    if ms_read and ms_write:
        r = read["bilateral iter_jsonl, file"] / ms_read
        w = write["bilateral write_jsonl, file"] / ms_write
        print(f"  read within 3x of msgspec:    {r:.2f}x  {_verdict(r <= 3)}")
        print(f"  write within 2x of msgspec:   {w:.2f}x  {_verdict(w <= 2)}")
    pyd = read.get("pydantic v2 model_validate_json")
    ours = read["bilateral decode_record, lines"]
    if pyd:
        print(f"  read faster than pydantic v2: {pyd / ours:.2f}x as fast  {_verdict(ours < pyd)}")
    old_read = read["json + Claim(**fields) (bilateral 0.1)"] / ours
    old_write = (
        write["json.dumps(unstructure) (bilateral 0.1)"] / write["bilateral encode_record, lines"]
    )
    print(f"  speed-up over bilateral 0.1:  read {old_read:.1f}x, write {old_write:.1f}x")
    print("\nMemory per claim held in a Dataset (deep size, shared objects counted once):")
    header = f"  {'':<44} {'bytes/claim':>12} {'vs msgspec':>11}"
    print(header)
    print("  " + "-" * (len(header) - 2))
    held: dict[str, Any] = {
        "bilateral Claim, read from JSON Lines": bilateral.Dataset(
            documents=documents, claims=bilateral.iter_jsonl(path)
        ).claims,
        "bilateral Claim, built directly": bilateral.Dataset(
            documents=documents, claims=corpus(n)[1]
        ).claims,
    }
    if codec is not None:
        held["msgspec Struct, decoded"] = [codec[1].decode(b) for b in blines]
    if model is not None:
        held["pydantic v2 model, decoded"] = [model.model_validate_json(b) for b in blines]
    sizes = {name: deep_size(objects) / n for name, objects in held.items()}
    base = sizes.get("msgspec Struct, decoded")
    for name, per in sizes.items():
        ratio = f"{per / base:>10.2f}x" if base else f"{'-':>11}"
        print(f"  {name:<44} {per:>12,.0f} {ratio}")
    return 0


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


if __name__ == "__main__":
    sys.exit(main())
