"""Coreference scores: MUC, B³, CEAF-e and the CoNLL F1 (their mean), from the definitions.

A clustering is a sequence of clusters, each a collection of hashable mention keys; a mention
may sit in at most one cluster of a clustering. ``key`` is the gold clustering, ``response``
the system's. Singletons count where the metric counts them (B³, CEAF-e; MUC scores links, so
a singleton adds nothing to it).

* MUC (Vilain et al. 1995): recall = Σ_K (|K| - |p(K)|) / Σ_K (|K| - 1), where p(K) is the
  partition of the key cluster K by the response clusters; precision is the same with the
  roles swapped.
* B³ (Bagga & Baldwin 1998): recall = Σ_K Σ_R |K ∩ R|² / |K|, over Σ_K |K|; precision =
  Σ_R Σ_K |K ∩ R|² / |R|, over Σ_R |R| (every mention weighted equally).
* CEAF-e (Luo 2005): the one-to-one alignment of key and response clusters that maximises
  Σ φ4(K, R), φ4(K, R) = 2 |K ∩ R| / (|K| + |R|); recall = that total / the number of key
  clusters, precision = that total / the number of response clusters. The alignment is the
  Kuhn–Munkres (Hungarian) algorithm in its shortest-augmenting-path form with dual
  potentials, O(n² m) for n ≤ m clusters, exact; it runs on each connected component of the
  graph "K and R share a mention" separately (clusters that share nothing have φ4 = 0, so an
  optimal alignment never needs such a pair), which keeps every matrix small.
* CoNLL F1 = (F1 MUC + F1 B³ + F1 CEAF-e) / 3 (Pradhan et al. 2011, 2012).

Twinless mentions (end to end: key mentions the system did not find, response mentions not in
the key) are handled as in Pradhan et al. (2014) and the reference scorer v8: nothing is added
to or removed from either side. In MUC a key mention absent from the response is a part of
p(K) on its own (and the other way round for precision); in B³ it adds |K| to the recall
denominator and nothing to the numerator; in CEAF-e it only makes its cluster larger.
A metric with an empty denominator scores 0.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass

Clustering = Sequence[Collection[Hashable]]


@dataclass(frozen=True)
class Score:
    """A metric's recall and precision as numerator / denominator pairs."""

    recall_num: float
    recall_den: float
    precision_num: float
    precision_den: float

    @property
    def recall(self) -> float:
        """Recall (0 when there is nothing to recall)."""
        return self.recall_num / self.recall_den if self.recall_den else 0.0

    @property
    def precision(self) -> float:
        """Precision (0 when nothing was proposed)."""
        return self.precision_num / self.precision_den if self.precision_den else 0.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall (0 when both are 0)."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def as_dict(self) -> dict[str, float]:
        """Precision, recall and F1, for a report."""
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


def normalise(clusters: Clustering) -> list[frozenset[Hashable]]:
    """The clusters as frozensets, empty ones dropped; a mention in two clusters is an error."""
    result: list[frozenset[Hashable]] = []
    seen: set[Hashable] = set()
    for cluster in clusters:
        members = frozenset(cluster)
        if not members:
            continue
        twice = members & seen
        if twice:
            raise ValueError(f"mentions in more than one cluster: {sorted(map(repr, twice))}")
        seen |= members
        result.append(members)
    return result


def index(clusters: Sequence[frozenset[Hashable]]) -> dict[Hashable, int]:
    """Each mention's cluster number."""
    return {mention: i for i, cluster in enumerate(clusters) for mention in cluster}


# ------------------------------------------------------------------------------------- MUC


def _muc_side(
    clusters: Sequence[frozenset[Hashable]], other: dict[Hashable, int]
) -> tuple[int, int]:
    """Σ (|C| - |p(C)|) and Σ (|C| - 1) of one side's clusters, partitioned by the other's."""
    numerator = denominator = 0
    for cluster in clusters:
        parts = {other[m] for m in cluster if m in other}
        twinless = sum(m not in other for m in cluster)  # each is a part of its own
        numerator += len(cluster) - (len(parts) + twinless)
        denominator += len(cluster) - 1
    return numerator, denominator


def muc(key: Clustering, response: Clustering) -> Score:
    """The MUC link-based score (Vilain et al. 1995)."""
    gold, found = normalise(key), normalise(response)
    recall = _muc_side(gold, index(found))
    precision = _muc_side(found, index(gold))
    return Score(recall[0], recall[1], precision[0], precision[1])


# -------------------------------------------------------------------------------------- B³


def _b_cubed_side(
    clusters: Sequence[frozenset[Hashable]], other: dict[Hashable, int]
) -> tuple[float, int]:
    """Σ_C Σ_O |C ∩ O|² / |C| and Σ |C| of one side's clusters against the other's."""
    numerator = 0.0
    denominator = 0
    for cluster in clusters:
        shared = Counter(other[m] for m in cluster if m in other)
        numerator += sum(n * n for n in shared.values()) / len(cluster)
        denominator += len(cluster)
    return numerator, denominator


def b_cubed(key: Clustering, response: Clustering) -> Score:
    """The B³ mention-based score (Bagga & Baldwin 1998), twinless mentions as in v8."""
    gold, found = normalise(key), normalise(response)
    recall = _b_cubed_side(gold, index(found))
    precision = _b_cubed_side(found, index(gold))
    return Score(recall[0], recall[1], precision[0], precision[1])


def b_cubed_mentions(
    key: Clustering, response: Clustering
) -> tuple[dict[Hashable, float], dict[Hashable, float]]:
    """B³ per mention: each key mention's recall and each response mention's precision.

    Recall of a key mention m = |K(m) ∩ R(m)| / |K(m)| (0 when the response lacks m);
    precision of a response mention = |K(m) ∩ R(m)| / |R(m)| (0 when the key lacks it). B³
    recall (precision) is the mean over key (response) mentions, so these figures can be
    averaged over any subset of mentions, e.g. by syntactic type.
    """
    gold, found = normalise(key), normalise(response)
    gold_of, found_of = index(gold), index(found)

    def shared(mention: Hashable) -> int:
        if mention not in gold_of or mention not in found_of:
            return 0
        return len(gold[gold_of[mention]] & found[found_of[mention]])

    recall = {m: shared(m) / len(cluster) for cluster in gold for m in cluster}
    precision = {m: shared(m) / len(cluster) for cluster in found for m in cluster}
    return recall, precision


# ---------------------------------------------------------------------------------- CEAF-e


def phi4(first: frozenset[Hashable], second: frozenset[Hashable]) -> float:
    """Luo's entity similarity φ4 = 2 |K ∩ R| / (|K| + |R|)."""
    return 2 * len(first & second) / (len(first) + len(second))


def min_cost_assignment(cost: Sequence[Sequence[float]]) -> list[int]:
    """For an n × m cost matrix with n ≤ m, the column of each row in a cheapest assignment.

    The Hungarian (Kuhn–Munkres) algorithm as successive shortest augmenting paths with row
    and column potentials (u, v): one row is added per phase, O(n² m) in all, exact.
    """
    n = len(cost)
    if n == 0:
        return []
    m = len(cost[0])
    if n > m:
        raise ValueError(f"more rows than columns ({n} > {m}): pass the transpose")
    inf = float("inf")
    u = [0.0] * (n + 1)  # row potentials, 1-based; index 0 unused
    v = [0.0] * (m + 1)  # column potentials; column 0 is the phase's virtual start
    owner = [0] * (m + 1)  # owner[j]: the row assigned to column j (0: none)
    way = [0] * (m + 1)  # the previous column on the shortest path to column j
    for row in range(1, n + 1):
        owner[0] = row
        column = 0
        slack = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[column] = True
            current = owner[column]
            costs = cost[current - 1]
            u_current = u[current]
            delta = inf
            next_column = 0
            for j in range(1, m + 1):
                if used[j]:
                    continue
                reduced = costs[j - 1] - u_current - v[j]
                if reduced < slack[j]:
                    slack[j] = reduced
                    way[j] = column
                if slack[j] < delta:
                    delta = slack[j]
                    next_column = j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    slack[j] -= delta
            column = next_column
            if owner[column] == 0:
                break
        while column:  # flip the augmenting path
            previous = way[column]
            owner[column] = owner[previous]
            column = previous
    assignment = [-1] * n
    for j in range(1, m + 1):
        if owner[j]:
            assignment[owner[j] - 1] = j - 1
    return assignment


def max_weight_matching(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Row-column pairs of a one-to-one matching of maximum total weight (weights ≥ 0)."""
    rows = len(weights)
    columns = len(weights[0]) if rows else 0
    if not rows or not columns:
        return []
    transposed = rows > columns
    matrix = [list(r) for r in zip(*weights, strict=True)] if transposed else weights
    top = max(max(r) for r in matrix)
    chosen = min_cost_assignment([[top - w for w in r] for r in matrix])
    pairs = list(enumerate(chosen))
    return [(j, i) for i, j in pairs] if transposed else pairs


def _components(
    gold: Sequence[frozenset[Hashable]], found: Sequence[frozenset[Hashable]]
) -> list[tuple[list[int], list[int]]]:
    """The connected components of the bipartite graph "key i and response j share a mention"."""
    found_of = index(found)
    parent = list(range(len(gold) + len(found)))  # union-find over key then response clusters

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, cluster in enumerate(gold):
        for mention in cluster:
            if mention in found_of:
                a, b = root(i), root(len(gold) + found_of[mention])
                if a != b:
                    parent[a] = b
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for x in range(len(parent)):
        side = 0 if x < len(gold) else 1
        groups.setdefault(root(x), ([], []))[side].append(x if side == 0 else x - len(gold))
    return [g for g in groups.values() if g[0] and g[1]]


def ceaf_alignment(
    gold: Sequence[frozenset[Hashable]], found: Sequence[frozenset[Hashable]]
) -> tuple[float, list[tuple[int, int]]]:
    """The best total φ4 and the aligned (key, response) cluster numbers."""
    total = 0.0
    pairs: list[tuple[int, int]] = []
    for keys, responses in _components(gold, found):
        weights = [[phi4(gold[i], found[j]) for j in responses] for i in keys]
        for a, b in max_weight_matching(weights):
            if weights[a][b] > 0:
                total += weights[a][b]
                pairs.append((keys[a], responses[b]))
    return total, sorted(pairs)


def ceaf_e(key: Clustering, response: Clustering) -> Score:
    """The entity-based CEAF score with φ4 (Luo 2005)."""
    gold, found = normalise(key), normalise(response)
    similarity, _ = ceaf_alignment(gold, found)
    return Score(similarity, len(gold), similarity, len(found))


# ----------------------------------------------------------------------------------- CoNLL


def conll(key: Clustering, response: Clustering) -> dict[str, dict[str, float]]:
    """MUC, B³ and CEAF-e precision/recall/F1 and the CoNLL F1 (mean of the three F1s)."""
    scores = {
        "muc": muc(key, response),
        "b_cubed": b_cubed(key, response),
        "ceaf_e": ceaf_e(key, response),
    }
    result = {name: score.as_dict() for name, score in scores.items()}
    result["conll"] = {"f1": sum(s.f1 for s in scores.values()) / len(scores)}
    return result
