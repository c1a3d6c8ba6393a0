"""The core of a large network, so that the k shortest simple paths stay fast at 10,000 places.

Yen's algorithm (``nx.shortest_simple_paths``) runs one shortest-path search per node of every path it
returns; on a large network most of those nodes are places of no choice: the end of a branch (a
terminal reached by one leg) or a place on a chain (exactly two legs: a border station between two
lines). A simple path that enters a chain must run along all of it, and a branch can only be the
path's first or last part. So the paths are searched on the *core* — the network with its branches
pruned and every chain replaced by one edge carrying its places — and expanded afterwards:

- an origin or destination inside a branch is reached through the branch (its prefix), from the
  branch's anchor;
- an anchor on a chain becomes a temporary core node joined to both ends of its chain;
- where the two ends share a branch or a chain the exact search on the whole network is used.

Where two chains join the same two core places only the shorter one is kept as an edge (the longer
one differs from it only inside the chain: Yen's algorithm would list it as a near-duplicate).

On the core, the alternatives come from :func:`alternatives` (shortest paths under growing penalties
on the legs already used) rather than Yen's algorithm, which needs one search per place of every path
found; networks under ``MIN_NODES`` places (the shipped one) keep the exact k shortest simple paths
of ``nx.shortest_simple_paths``."""

import threading
from itertools import islice, pairwise

import networkx as nx

MIN_NODES = 2_000  # smaller networks are searched whole


class Core:
    def __init__(self, graph: nx.Graph):
        self.parent = {}  # pruned branch place → its neighbour towards the rest of the network
        degree = dict(graph.degree())
        leaves = [node for node, d in degree.items() if d == 1]
        removed = set()
        while leaves:
            leaf = leaves.pop()
            if leaf in removed or degree[leaf] != 1:
                continue
            neighbour = next(n for n in graph.neighbors(leaf) if n not in removed)
            removed.add(leaf)
            self.parent[leaf] = neighbour
            degree[neighbour] -= 1
            if degree[neighbour] == 1:
                leaves.append(neighbour)
        rest = [node for node in graph if node not in removed and degree[node] > 0]
        self.chain_of = {}  # chain place → (chain tuple u…v, index, weights from u)
        core = nx.Graph()
        core.add_nodes_from(node for node in rest if degree[node] != 2)
        for start in list(core.nodes):
            for first in graph.neighbors(start):
                if first in removed:
                    continue
                chain, weights = [start], [0.0]
                previous, node = start, first
                while True:
                    weights.append(weights[-1] + graph.edges[previous, node]["w"])
                    chain.append(node)
                    if node in core:
                        break
                    following = [n for n in graph.neighbors(node) if n not in removed and n != previous]
                    previous, node = node, following[0]
                end = chain[-1]
                if end == start or str(end) < str(start):
                    continue  # a loop, or the same chain seen from its other end
                key = tuple(chain)
                for index, place in enumerate(chain[1:-1], start=1):
                    self.chain_of[place] = (key, index, weights)
                weight = weights[-1]
                if not core.has_edge(start, end) or core.edges[start, end]["w"] > weight:
                    core.add_edge(start, end, w=weight, chain=key)
        self.graph = core
        self.lock = threading.Lock()

    def _anchor(self, node):
        """The branch from ``node`` to the first place that is not pruned, and that place."""
        prefix = [node]
        while prefix[-1] in self.parent:
            prefix.append(self.parent[prefix[-1]])
        return prefix

    def paths(self, full: nx.Graph, origin, destination, count: int) -> list[list]:
        start_prefix, end_prefix = self._anchor(origin), self._anchor(destination)
        a, b = start_prefix[-1], end_prefix[-1]

        def placed(node):
            return node in self.graph or node in self.chain_of

        if set(start_prefix) & set(end_prefix) or not placed(a) or not placed(b):
            return exact(full, origin, destination, count)
        if a in self.chain_of and b in self.chain_of and self.chain_of[a][0] == self.chain_of[b][0]:
            return exact(full, origin, destination, count)
        with self.lock:
            undo = []
            try:
                for node in {a, b}:
                    if node in self.chain_of:
                        self._splice(node, undo)
                found = alternatives(self.graph, a, b, count)
                expanded = [self._expand(path) for path in found]
            finally:
                for step in reversed(undo):
                    step()
        return [start_prefix[:-1] + path + list(reversed(end_prefix[:-1])) for path in expanded]

    def _splice(self, node, undo):
        chain, index, weights = self.chain_of[node]
        u, v = chain[0], chain[-1]
        if self.graph.has_edge(u, v) and self.graph.edges[u, v]["chain"] == chain:
            data = dict(self.graph.edges[u, v])
            self.graph.remove_edge(u, v)
            undo.append(lambda: self.graph.add_edge(u, v, **data))
        self.graph.add_node(node)
        undo.append(lambda: self.graph.remove_node(node))
        self.graph.add_edge(u, node, w=weights[index], chain=chain[: index + 1])
        self.graph.add_edge(node, v, w=weights[-1] - weights[index], chain=chain[index:])

    def _expand(self, path):
        full = [path[0]]
        for x, y in pairwise(path):
            chain = self.graph.edges[x, y]["chain"]
            inner = list(chain) if chain[0] == x else list(reversed(chain))
            full.extend(inner[1:])
        return full


PENALTY = 1.6  # weight factor on the legs of a path already found, for the next search
ROUNDS = 3  # searches per path wanted


def alternatives(graph: nx.Graph, origin, destination, count: int) -> list[list]:
    """Up to ``count`` distinct paths on the core, shortest first: the shortest path, then the
    shortest once the legs of the paths found weigh ``PENALTY`` times more (one bidirectional Dijkstra
    each). Yen's algorithm runs one search per place of every path: 20 to 80 on a 10,000-place
    network, too slow for 50 ms; the penalties also give routes that differ by more than one place."""
    penalty: dict = {}

    def weight(u, v, data):
        return data["w"] * penalty.get((u, v) if str(u) <= str(v) else (v, u), 1.0)

    found, seen = [], set()
    for _round in range(count * ROUNDS):
        try:
            _length, path = nx.bidirectional_dijkstra(graph, origin, destination, weight=weight)
        except nx.NetworkXNoPath:
            break
        key = tuple(path)
        if key not in seen:
            seen.add(key)
            found.append(path)
            if len(found) == count:
                break
        for u, v in pairwise(path):
            edge = (u, v) if str(u) <= str(v) else (v, u)
            penalty[edge] = penalty.get(edge, 1.0) * PENALTY

    def length(path):
        return sum(graph.edges[u, v]["w"] for u, v in pairwise(path))

    return sorted(found, key=length)


def exact(graph: nx.Graph, origin, destination, count: int) -> list[list]:
    try:
        return list(islice(nx.shortest_simple_paths(graph, origin, destination, weight="w"), count))
    except nx.NetworkXNoPath:
        return []
