"""Story clustering, first version: articles about one development grouped by what they say
(TF-IDF of words), who and where they name (TF-IDF of merged entity ids) and when they appeared.

Average-link agglomerative clustering over a combined similarity: two articles join when their
text and entity overlap is high and they were published close in time. The similarity matrix is
dense (n² floats), which suits the tens of thousands of articles of one analysis run.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date

import numpy as np

from newsfuse.config import StoriesConfig
from newsfuse.model import Article, Entity, SourceGroup, Story, TimeSpan, stable_id

# How much an entity type says about which story an article belongs to. A demonym ("Russian")
# is in every article of a war; a town or a person pins the story down.
ENTITY_TYPE_WEIGHTS = {
    "PERSON": 1.0,
    "GPE": 1.0,
    "LOC": 1.0,
    "FAC": 1.0,
    "EVENT": 1.0,
    "ORG": 0.7,
    "NORP": 0.3,
}


def cluster_stories(
    articles: Sequence[Article],
    entities: Sequence[Entity],
    source_groups: Sequence[SourceGroup],
    config: StoriesConfig = StoriesConfig(),
) -> list[Story]:
    if not articles:
        return []
    labels = _cluster_labels(similarity_matrix(articles, entities, config), config)
    members: dict[int, list[int]] = defaultdict(list)
    for index, label in enumerate(labels):
        members[label].append(index)
    stories = [_story([articles[i] for i in idx], entities) for idx in members.values()]
    count_independent_sources(stories, source_groups)
    return stories


def similarity_matrix(
    articles: Sequence[Article], entities: Sequence[Entity], config: StoriesConfig
) -> np.ndarray:
    """Combined pairwise similarity in [0, 1]: text and entity cosines, decayed by time apart."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [f"{a.title or ''}\n{a.text}" for a in articles]
    text_vectors = TfidfVectorizer(
        sublinear_tf=True, stop_words="english", min_df=1, max_df=0.95 if len(texts) > 20 else 1.0
    ).fit_transform(texts)
    similarity = config.text_weight * (text_vectors @ text_vectors.T).toarray()

    entity_vectors = _entity_vectors(articles, entities)
    if entity_vectors is not None:
        similarity += config.entity_weight * (entity_vectors @ entity_vectors.T).toarray()
    else:
        similarity /= config.text_weight
    similarity *= _time_decay(articles, config.time_decay_days)
    np.fill_diagonal(similarity, 1.0)
    return np.clip(similarity, 0.0, 1.0)


def _entity_vectors(articles: Sequence[Article], entities: Sequence[Entity]):
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.preprocessing import normalize

    row_of = {a.id: i for i, a in enumerate(articles)}
    rows, cols, values = [], [], []
    for col, entity in enumerate(entities):
        weight = ENTITY_TYPE_WEIGHTS.get(entity.label, 0.5)
        for article_id, count in Counter(m.article_id for m in entity.mentions).items():
            if article_id in row_of:
                rows.append(row_of[article_id])
                cols.append(col)
                values.append(weight * count)
    if not values:
        return None
    counts = csr_matrix((values, (rows, cols)), shape=(len(articles), len(entities)))
    weighted = TfidfTransformer(sublinear_tf=True, norm=None).fit_transform(counts)
    return normalize(weighted)


def _time_decay(articles: Sequence[Article], half_life_days: float) -> np.ndarray:
    """Pairwise factor: 1 within a day, halving every ``half_life_days`` after; 1 if undated."""
    ordinals = [_ordinal(a) for a in articles]
    days = np.array([np.nan if d is None else d for d in ordinals], dtype=float)
    apart = np.abs(days[:, None] - days[None, :])
    factor = 0.5 ** (np.maximum(apart - 1.0, 0.0) / half_life_days)
    return np.where(np.isnan(factor), 1.0, factor)


def _ordinal(article: Article) -> int | None:
    day = article.published.day if article.published else None
    if not day:
        return None
    try:
        return date.fromisoformat(day).toordinal()
    except ValueError:
        return None


def _cluster_labels(similarity: np.ndarray, config: StoriesConfig) -> list[int]:
    if len(similarity) == 1:
        return [0]
    from sklearn.cluster import AgglomerativeClustering

    model = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=config.distance_threshold,
    )
    return [int(x) for x in model.fit_predict(1.0 - similarity)]


def count_independent_sources(stories: list[Story], groups: Sequence[SourceGroup]) -> None:
    """Set each story's independent sources — the source groups among its articles; an article in
    no group is its own source — and order the stories by it, most corroborated first."""
    group_of = {article_id: g.id for g in groups for article_id in g.article_ids}
    for story in stories:
        story.independent_sources = len({group_of.get(a, a) for a in story.article_ids})
    stories.sort(key=lambda s: (-s.independent_sources, -len(s.article_ids), s.title))


def _story(members: list[Article], entities: Sequence[Entity]) -> Story:
    ids = sorted(a.id for a in members)
    days = sorted(a.published.day for a in members if a.published and a.published.day)
    member_ids = set(ids)
    salience = Counter()
    for entity in entities:
        in_story = {m.article_id for m in entity.mentions} & member_ids
        if in_story:
            salience[entity.id] = len(in_story) * ENTITY_TYPE_WEIGHTS.get(entity.label, 0.5)
    return Story(
        id=stable_id("story", *ids),
        title=_representative_title(members),
        article_ids=ids,
        independent_sources=len(ids),  # until count_independent_sources sees the groups
        time_span=TimeSpan(days[0] if days else None, days[-1] if days else None),
        key_entities=[entity_id for entity_id, _ in salience.most_common(10)],
    )


def _representative_title(members: list[Article]) -> str:
    """The headline of the member sharing the most title words with the other members' headlines."""
    titled = [a for a in members if a.title]
    if not titled:
        first = members[0].text.strip().split("\n", 1)[0]
        return first[:120]
    words = [set(a.title.casefold().split()) for a in titled]
    shared = [
        sum(len(w & other) for j, other in enumerate(words) if j != i) for i, w in enumerate(words)
    ]
    best = max(range(len(titled)), key=lambda i: (shared[i], -len(titled[i].title)))
    return titled[best].title
