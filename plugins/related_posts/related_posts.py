"""Neighbours of a post: the previous and next post by date, and up to three related posts.

Once all generators have read their content (`all_generators_finalized`, so after the topics
plugin has set `article.topic_list`, whatever the order of PLUGINS), every published article
gets:

- `article.prev_article`: the next older post, None for the oldest;
- `article.next_article`: the next newer post, None for the newest;
- `article.related_posts`: up to RELATED_POSTS_MAX (default 3) other posts, ranked by the number
  of topics they share, then of tags they share, then newest first. Posts sharing neither a
  topic nor a tag are never related.

Topics come from `article.topic_list` when the topics plugin has run, else from the `Topics:`
metadata string, so the plugin also works without the topics plugin.
"""

from pelican import signals
from pelican.generators import ArticlesGenerator

DEFAULTS = {"RELATED_POSTS_MAX": 3}


def topic_slugs(article):
    """The slugs of the topics of `article`, from topic_list or from the Topics: string."""
    topic_list = getattr(article, "topic_list", None)
    if topic_list is not None:
        return {topic.slug for topic in topic_list}
    value = article.metadata.get("topics", "")
    if isinstance(value, list | tuple):
        value = ",".join(str(part) for part in value)
    return {name.strip() for name in str(value).split(",") if name.strip()}


def tag_slugs(article):
    return {tag.slug for tag in getattr(article, "tags", None) or []}


def chronological(articles):
    """Oldest first; posts with the same date keep a stable order by source path."""
    return sorted(articles, key=lambda article: (article.date, article.source_path))


def set_neighbours(articles):
    ordered = chronological(articles)
    for index, article in enumerate(ordered):
        article.prev_article = ordered[index - 1] if index > 0 else None
        article.next_article = ordered[index + 1] if index + 1 < len(ordered) else None


def set_related(articles, limit):
    topics = {id(article): topic_slugs(article) for article in articles}
    tags = {id(article): tag_slugs(article) for article in articles}
    newest_first = list(reversed(chronological(articles)))
    position = {id(article): index for index, article in enumerate(newest_first)}
    for article in articles:
        scored = []
        for other in articles:
            if other is article:
                continue
            shared_topics = len(topics[id(article)] & topics[id(other)])
            shared_tags = len(tags[id(article)] & tags[id(other)])
            if shared_topics or shared_tags:
                scored.append(((-shared_topics, -shared_tags, position[id(other)]), other))
        scored.sort(key=lambda pair: pair[0])
        article.related_posts = [other for _, other in scored[:limit]]


def add_neighbours(generators):
    """all_generators_finalized: prev/next and related posts for every published article."""
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            articles = list(generator.articles)
            limit = generator.settings.get("RELATED_POSTS_MAX", DEFAULTS["RELATED_POSTS_MAX"])
            set_neighbours(articles)
            set_related(articles, limit)


def register():
    signals.all_generators_finalized.connect(add_neighbours)
