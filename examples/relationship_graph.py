"""Build a graph of countries and their relationships, and print it (or draw it).

Countries are the nodes; each relationship is an edge between its two countries,
labelled with its sector and trend. With networkx installed the graph is a
``networkx.MultiGraph`` (one edge per sector), ready for any of its algorithms; this
script prints each country's partners and the most connected countries. Without
networkx it prints the same adjacency list from plain dictionaries::

    python examples/relationship_graph.py                     # the seeds
    python examples/relationship_graph.py DATASET             # seed folder, .json, .jsonl
    python examples/relationship_graph.py DATASET --dot g.dot # also write Graphviz DOT

The DOT file draws the graph with Graphviz (``dot -Tsvg g.dot -o g.svg``): green
edges are improving, red deteriorating, grey stable, dashed unknown.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import bilateral
from bilateral.cli import load_data

EDGE_STYLE = {
    "improving": 'color="forestgreen"',
    "deteriorating": 'color="firebrick"',
    "stable": 'color="grey40"',
    "unknown": 'color="grey60", style="dashed"',
}


def adjacency(data: bilateral.Dataset) -> dict[str, list[tuple[str, str, str]]]:
    """For each country code, its (partner, sector, trend) triples, sorted."""
    links: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for tie in data.relationships:
        a, b = tie.pair
        links[a].append((b, tie.sector.value, tie.trend.value))
        links[b].append((a, tie.sector.value, tie.trend.value))
    return {code: sorted(found) for code, found in sorted(links.items())}


def print_adjacency(data: bilateral.Dataset) -> None:
    """Print every country with its partners, sectors and trends."""
    for code, found in adjacency(data).items():
        print(f"{data.country(code).name} ({code})")
        for partner, sector, trend in found:
            print(f"  - {data.country(partner).name:15} {sector:11} {trend}")


def print_networkx(data: bilateral.Dataset) -> bool:
    """Build the graph with networkx and print a few measures; False if not installed."""
    try:
        import networkx as nx
    except ImportError:
        return False
    graph = nx.MultiGraph()
    for country in data.countries:
        graph.add_node(country.code, name=country.name)
    for tie in data.relationships:
        graph.add_edge(*tie.pair, key=tie.sector.value, trend=tie.trend.value, id=tie.id)
    print(
        f"networkx graph: {graph.number_of_nodes()} countries, "
        f"{graph.number_of_edges()} relationships\n"
    )
    print_adjacency(data)
    # Degree centrality on the simple graph: how many partners, whatever the sectors.
    centrality = nx.degree_centrality(nx.Graph(graph))
    ranked = sorted(centrality.items(), key=lambda item: (-item[1], item[0]))
    print("\nMost connected:", ", ".join(f"{code} {value:.2f}" for code, value in ranked[:3]))
    return True


def dot(data: bilateral.Dataset) -> str:
    """The graph in Graphviz's DOT language."""
    lines = ["graph relationships {", '  node [shape="box", fontname="Helvetica"];']
    lines.extend(f'  {c.code} [label="{c.name}"];' for c in data.countries)
    for tie in data.relationships:
        a, b = tie.pair
        style = EDGE_STYLE[tie.trend.value]
        lines.append(f'  {a} -- {b} [label="{tie.sector.value}", {style}];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """Print (and optionally write as DOT) the relationship graph of a dataset."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", nargs="?", help="seed folder, .json or .jsonl file")
    parser.add_argument("--dot", metavar="FILE", help="also write the graph as Graphviz DOT")
    args = parser.parse_args(argv)
    try:
        data = load_data(args.dataset)
        if not data.relationships:
            print("The dataset has no relationships.")
            return 0
        if not print_networkx(data):
            print("networkx is not installed: an adjacency list instead.\n")
            print_adjacency(data)
        if args.dot:
            Path(args.dot).write_text(dot(data), encoding="utf-8")
            print(f"\nWrote {args.dot}; draw it with: dot -Tsvg {args.dot} -o graph.svg")
    except (bilateral.BilateralError, OSError) as error:
        print(f"relationship_graph: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
