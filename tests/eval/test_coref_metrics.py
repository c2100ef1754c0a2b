"""The coreference metrics of ``benchmarks/coref.py`` on small cases computed by hand.

Mentions are letters; a clustering is a list of sets. Every expected number below is worked
out in the comment above it from the definitions (MUC: Vilain et al. 1995; B³: Bagga &
Baldwin 1998; CEAF-e with φ4: Luo 2005; twinless mentions: Pradhan et al. 2014).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Hashable

import pytest
from benchmarks.coref import (
    Score,
    b_cubed,
    b_cubed_mentions,
    ceaf_e,
    conll,
    max_weight_matching,
    min_cost_assignment,
    muc,
)


def close(score: Score, precision: float, recall: float, f1: float) -> None:
    assert score.precision == pytest.approx(precision)
    assert score.recall == pytest.approx(recall)
    assert score.f1 == pytest.approx(f1)


# Key K1 = {a,b,c}, K2 = {d,e,f,g}; response R1 = {a,b}, R2 = {c,d}, R3 = {f,g,h,i}.
# e is a key mention the system missed; h and i are spurious (twinless on both sides).
KEY: list[set[Hashable]] = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
RESPONSE: list[set[Hashable]] = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]


def test_muc_worked_example() -> None:
    # Recall: p(K1) = {a,b}{c} -> 3 - 2 = 1; p(K2) = {d}{e}{f,g} (e alone) -> 4 - 3 = 1;
    #   over (3-1) + (4-1) = 5: R = 2/5.
    # Precision: p(R1) = {a,b} -> 1; p(R2) = {c}{d} -> 0; p(R3) = {f,g}{h}{i} -> 4 - 3 = 1;
    #   over 1 + 1 + 3 = 5: P = 2/5.  F1 = 0.4.
    close(muc(KEY, RESPONSE), 0.4, 0.4, 0.4)


def test_b_cubed_worked_example() -> None:
    # Recall: K1: |K1∩R1|²/3 + |K1∩R2|²/3 = 4/3 + 1/3 = 5/3; K2: 1/4 + 4/4 = 5/4;
    #   (5/3 + 5/4) / 7 = (35/12) / 7 = 5/12.
    # Precision: R1: 4/2 = 2; R2: 1/2 + 1/2 = 1; R3: 4/4 = 1 (h, i add nothing);
    #   4 / (2 + 2 + 4) = 1/2.  F1 = 2·(1/2)(5/12) / (1/2 + 5/12) = 5/11.
    close(b_cubed(KEY, RESPONSE), 0.5, 5 / 12, 5 / 11)


def test_ceaf_e_worked_example() -> None:
    # φ4: K1-R1 = 2·2/5 = 0.8, K1-R2 = 2·1/5 = 0.4, K2-R2 = 2·1/6 = 1/3, K2-R3 = 2·2/8 = 0.5,
    #   others 0. Best alignment K1-R1, K2-R3: 1.3 (K1-R1 + K2-R2 = 1.133; K1-R2 + K2-R3 = 0.9).
    # R = 1.3 / 2 = 13/20, P = 1.3 / 3 = 13/30, F1 = 2·(13/20)(13/30) / (13/20 + 13/30) = 0.52.
    close(ceaf_e(KEY, RESPONSE), 13 / 30, 13 / 20, 0.52)


def test_conll_is_the_mean_of_the_three_f1() -> None:
    # (0.4 + 5/11 + 0.52) / 3
    figures = conll(KEY, RESPONSE)
    assert figures["conll"]["f1"] == pytest.approx((0.4 + 5 / 11 + 0.52) / 3)
    assert figures["muc"]["f1"] == pytest.approx(0.4)


# Key with a singleton: {a,b,c}, {d,e}, {f}.
KEY_WITH_SINGLETON: list[set[Hashable]] = [{"a", "b", "c"}, {"d", "e"}, {"f"}]


def test_perfect_response_scores_one() -> None:
    # Identical clusterings: every metric 1 (MUC: (2 + 1 + 0) / (2 + 1 + 0) both ways).
    figures = conll(KEY_WITH_SINGLETON, [{"c", "b", "a"}, {"e", "d"}, {"f"}])
    for metric in ("muc", "b_cubed", "ceaf_e"):
        assert figures[metric] == pytest.approx({"precision": 1.0, "recall": 1.0, "f1": 1.0})
    assert figures["conll"]["f1"] == pytest.approx(1.0)


def test_all_in_one_cluster() -> None:
    # Response: one cluster {a..f}.
    # MUC R: (3-1) + (2-1) + 0 over 3 = 1; P: 6 - |{K1,K2,K3}| = 3 over 5 = 0.6; F1 = 0.75.
    # B³ R: (9/3 + 4/2 + 1/1) / 6 = 1; P: (9 + 4 + 1)/6 / 6 = 7/18; F1 = 2·(7/18)/(25/18) = 14/25.
    # CEAF-e: φ4(K1,R) = 6/9, φ4(K2,R) = 4/8, φ4(K3,R) = 2/7; one response cluster takes the
    #   best: 2/3. R = (2/3)/3 = 2/9, P = (2/3)/1 = 2/3, F1 = (8/27)/(8/9) = 1/3.
    # CoNLL = (0.75 + 0.56 + 1/3) / 3.
    response: list[set[Hashable]] = [{"a", "b", "c", "d", "e", "f"}]
    close(muc(KEY_WITH_SINGLETON, response), 0.6, 1.0, 0.75)
    close(b_cubed(KEY_WITH_SINGLETON, response), 7 / 18, 1.0, 14 / 25)
    close(ceaf_e(KEY_WITH_SINGLETON, response), 2 / 3, 2 / 9, 1 / 3)
    conll_f1 = conll(KEY_WITH_SINGLETON, response)["conll"]["f1"]
    assert conll_f1 == pytest.approx((0.75 + 0.56 + 1 / 3) / 3)


def test_all_singletons() -> None:
    # Response: six singletons.
    # MUC R: every key cluster split into |K| parts: 0 / 3 = 0; P: no response links (0/0 -> 0).
    # B³ R: (3·1/3 + 2·1/2 + 1) / 6 = 1/2; P: 6 · 1/1 / 6 = 1; F1 = 2/3.
    # CEAF-e: K1-{a} 2/4, K2-{d} 2/3, K3-{f} 2/2: 13/6. R = 13/18, P = 13/36, F1 = 13/27.
    # CoNLL = (0 + 2/3 + 13/27) / 3 = 31/81.
    response: list[set[Hashable]] = [{m} for m in "abcdef"]
    close(muc(KEY_WITH_SINGLETON, response), 0.0, 0.0, 0.0)
    close(b_cubed(KEY_WITH_SINGLETON, response), 1.0, 0.5, 2 / 3)
    close(ceaf_e(KEY_WITH_SINGLETON, response), 13 / 36, 13 / 18, 13 / 27)
    assert conll(KEY_WITH_SINGLETON, response)["conll"]["f1"] == pytest.approx(31 / 81)


def test_singletons_count_in_b_cubed_and_ceaf_but_not_muc() -> None:
    # Key {a,b}, {c}; response {a,b} only: the key singleton c is a missed mention.
    # MUC R: (2-1) + 0 over (2-1) + (1-1) = 1, P: 1/1: a singleton holds no link, MUC = 1.
    # B³ R: (2²/2 + 0) / 3 = 2/3, P: (2²/2) / 2 = 1, F1 = (4/3) / (5/3) = 0.8.
    # CEAF-e: φ4(K1,R1) = 1; R = 1 / 2 key clusters = 1/2, P = 1/1, F1 = 2/3.
    close(muc([{"a", "b"}, {"c"}], [{"a", "b"}]), 1.0, 1.0, 1.0)
    close(b_cubed([{"a", "b"}, {"c"}], [{"a", "b"}]), 1.0, 2 / 3, 0.8)
    close(ceaf_e([{"a", "b"}, {"c"}], [{"a", "b"}]), 1.0, 0.5, 2 / 3)


def test_twinless_mentions() -> None:
    # Key {a,b,c}; response {a,b} (c missed) and {x} (spurious, not in the key).
    # MUC R: p(K) = {a,b}{c} -> 3 - 2 = 1 over 2 = 1/2; P: R1 -> 1 over 1, {x} -> 0 over 0:
    #   1/1 = 1; F1 = 2/3.
    # B³ R: (2²/3) / 3 = 4/9; P: (2²/2 + 0) / (2 + 1) = 2/3; F1 = (16/27) / (10/9) = 8/15.
    # CEAF-e: φ4(K, R1) = 4/5; R = 4/5 / 1, P = 4/5 / 2 = 2/5; F1 = 2·(4/5)(2/5)/(6/5) = 8/15.
    key: list[set[Hashable]] = [{"a", "b", "c"}]
    response: list[set[Hashable]] = [{"a", "b"}, {"x"}]
    close(muc(key, response), 1.0, 0.5, 2 / 3)
    close(b_cubed(key, response), 2 / 3, 4 / 9, 8 / 15)
    close(ceaf_e(key, response), 0.4, 0.8, 8 / 15)


def test_twinless_on_both_sides_of_a_pair() -> None:
    # Key {a,b}; response {a,c}: b missed, c spurious.
    # MUC: p(K) = {a}{b} -> 0 of 1; p(R) = {a}{c} -> 0 of 1: all 0.
    # B³: R = (1/2) / 2 = 1/4, P = (1/2) / 2 = 1/4.  CEAF-e: φ4 = 2/4; R = P = 1/2.
    close(muc([{"a", "b"}], [{"a", "c"}]), 0.0, 0.0, 0.0)
    close(b_cubed([{"a", "b"}], [{"a", "c"}]), 0.25, 0.25, 0.25)
    close(ceaf_e([{"a", "b"}], [{"a", "c"}]), 0.5, 0.5, 0.5)


def test_ceaf_needs_the_optimal_not_the_greedy_alignment() -> None:
    # Key K1 = {a,b,c}, K2 = {d}; response R1 = {a,b,d}, R2 = {c}.
    # φ4: K1-R1 = 4/6, K1-R2 = 2/4, K2-R1 = 2/4, K2-R2 = 0. Greedy (largest first) takes
    # K1-R1 and is left with K2-R2 = 0: 2/3. The best alignment K1-R2 + K2-R1 = 1:
    # R = 1/2, P = 1/2.
    close(ceaf_e([{"a", "b", "c"}, {"d"}], [{"a", "b", "d"}, {"c"}]), 0.5, 0.5, 0.5)


def test_empty_response_scores_zero() -> None:
    figures = conll(KEY, [])
    assert figures["conll"]["f1"] == 0.0
    assert figures["b_cubed"]["recall"] == 0.0


def test_a_mention_in_two_clusters_is_rejected() -> None:
    with pytest.raises(ValueError, match="more than one cluster"):
        muc([{"a", "b"}, {"b"}], [{"a"}])


def test_b_cubed_per_mention_averages_to_b_cubed() -> None:
    # Worked example: recall per key mention a,b: 2/3, c: 1/3, d: 1/4, e: 0, f,g: 2/4;
    # the mean over 7 mentions is (4/3 + 1/3 + 1/4 + 0 + 1) / 7 = 5/12 (B³ recall above).
    recall, precision = b_cubed_mentions(KEY, RESPONSE)
    assert recall["c"] == pytest.approx(1 / 3)
    assert recall["e"] == 0.0
    assert sum(recall.values()) / len(recall) == pytest.approx(5 / 12)
    assert precision["h"] == 0.0
    assert sum(precision.values()) / len(precision) == pytest.approx(0.5)


def test_max_weight_matching_beats_greedy() -> None:
    # Greedy takes 0.9 and is left with 0.0; the optimum pairs 0.8 + 0.8.
    pairs = max_weight_matching([[0.9, 0.8], [0.8, 0.0]])
    assert sorted(pairs) == [(0, 1), (1, 0)]


def test_max_weight_matching_on_rectangles() -> None:
    # 3 rows, 2 columns: the best is row 2 -> col 0 (5) and row 0 -> col 1 (4): 9.
    weights = [[1.0, 4.0], [2.0, 3.0], [5.0, 1.0]]
    pairs = max_weight_matching(weights)
    assert sum(weights[i][j] for i, j in pairs) == 9.0
    assert len(pairs) == 2


def test_assignment_is_optimal_against_brute_force() -> None:
    rng = random.Random(7)
    for _ in range(200):
        n, m = rng.randint(1, 5), rng.randint(1, 6)
        n, m = min(n, m), max(n, m)
        cost = [
            [rng.choice([0.0, 0.25, 0.5, 1.0, rng.random()]) for _ in range(m)] for _ in range(n)
        ]
        chosen = min_cost_assignment(cost)
        assert len(set(chosen)) == n
        best = min(
            sum(cost[i][cols[i]] for i in range(n)) for cols in itertools.permutations(range(m), n)
        )
        assert sum(cost[i][chosen[i]] for i in range(n)) == pytest.approx(best)


def test_assignment_agrees_with_scipy_when_present() -> None:
    optimize = pytest.importorskip("scipy.optimize")
    rng = random.Random(11)
    for _ in range(20):
        n, m = rng.randint(5, 40), rng.randint(40, 60)
        cost = [[rng.random() for _ in range(m)] for _ in range(n)]
        rows, cols = optimize.linear_sum_assignment(cost)
        expected = sum(cost[i][j] for i, j in zip(rows, cols, strict=True))
        chosen = min_cost_assignment(cost)
        assert sum(cost[i][chosen[i]] for i in range(n)) == pytest.approx(expected)
