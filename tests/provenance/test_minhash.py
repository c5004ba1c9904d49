import numpy as np
from datasketch import MinHash

from newsfuse.config import ProvenanceConfig
from newsfuse.provenance.minhash import (
    NearDuplicateIndex,
    near_duplicate_pairs,
    normalize_tokens,
    shingle_hashes,
    signatures,
)

BASE = [
    "The harbour authority in Velmora closed the northern pier on Tuesday after a crane collapsed.",
    "Two dock workers were taken to hospital with minor injuries, a spokeswoman for the port said.",
    "Inspectors will examine the crane's hydraulic arm, which was installed 14 years ago.",
    "Ferry services to the islands will leave from the southern terminal until further notice.",
    "Local traders said the closure could cost them 3.5 million crowns in lost business this week.",
    "The mayor promised a full report on safety checks at the harbour within thirty days.",
]
ORIGINAL = "\n".join(BASE)
EXACT = ORIGINAL.upper().replace(",", " ,")
REWRITE = "\n".join([BASE[2], BASE[0], BASE[1], BASE[4]])  # dropped and reordered paragraphs
PADDED = (
    ORIGINAL + "\nSubscribe to our newsletter for the latest regional news.\nAll rights reserved."
)
UNRELATED = (
    "A chess prodigy from the mountain town of Kirrin won the junior championship on Sunday.\n"
    "She defeated the defending champion in a tense endgame lasting more than five hours.\n"
    "Her coach said the victory was the result of years of patient study and practice."
)
CONFIG = ProvenanceConfig(num_perm=128)


def test_normalization_keeps_numbers_and_drops_punctuation():
    assert normalize_tokens("Don't pay 3.5 million, or 1,200!") == [
        "dont",
        "pay",
        "3.5",
        "million",
        "or",
        "1,200",
    ]
    assert np.array_equal(shingle_hashes("Hello, WORLD again"), shingle_hashes("hello world again"))
    assert len(shingle_hashes("")) == 0


def test_signatures_equal_datasketch_minhash():
    sigs, sizes = signatures([ORIGINAL], CONFIG)
    shingles = shingle_hashes(ORIGINAL, CONFIG.shingle_words)
    m = MinHash(num_perm=CONFIG.num_perm, seed=CONFIG.seed, hashfunc=lambda x: x)
    m.update_batch([int(x) & 0xFFFFFFFF for x in shingles])
    assert np.array_equal(m.hashvalues, sigs[0])
    assert sizes[0] == len(shingles)


def test_pairs_find_copies_and_rewrites_not_unrelated():
    texts = [ORIGINAL, EXACT, REWRITE, PADDED, UNRELATED]
    pairs = {(p.i, p.j): p for p in near_duplicate_pairs(texts, CONFIG)}
    assert pairs[(0, 1)].jaccard == 1.0
    # rewrite: almost all of it is contained (reordering only breaks shingles at the seams)
    assert pairs[(0, 2)].j_in_i > 0.9 and pairs[(0, 2)].jaccard < 0.8
    assert pairs[(0, 3)].i_in_j == 1.0
    assert not any(4 in key for key in pairs)
    assert all(p.i < p.j for p in pairs.values())


def test_index_is_incremental_and_query_does_not_insert():
    index = NearDuplicateIndex(CONFIG)
    first = index.add([ORIGINAL, UNRELATED])
    assert len(first) == 0
    second = index.add([EXACT, ""])
    assert [tuple(p) for p in second.tolist()] == [(0, 2)]  # empty text matches nothing
    assert len(index) == 4
    assert index.query([PADDED, UNRELATED]) == [[0, 2], [1]]
    assert len(index) == 4
