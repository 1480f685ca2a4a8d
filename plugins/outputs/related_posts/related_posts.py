"""Neighbours of a post: the previous and next post by date, and up to three related posts.

Once all generators have read their content (`all_generators_finalized`, so after the topics
plugin has set `article.topic_list`, whatever the order of PLUGINS), every published article
gets (listed posts only, plugins/model/listed.py: a hidden post or a draft is never a
neighbour nor related, and gets none; nor is an illustrative meeting, `Event-Example: yes` of
plugins/kinds/events, which gets none either):

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

from plugins.model.defaults import use_defaults
from plugins.model.error_report import split_list
from plugins.model.listed import is_example, listed

DEFAULTS = {"RELATED_POSTS_MAX": 3}


def topic_slugs(article):
    """The slugs of the topics of `article`, from topic_list or from the Topics: string (split
    as the topics plugin and the content check split it: error_report.split_list)."""
    topic_list = getattr(article, "topic_list", None)
    if topic_list is not None:
        return {topic.slug for topic in topic_list}
    return set(split_list(article.metadata.get("topics")))


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


def posts_in_exactly(masks, everyone):
    """[k] = the set (a bitmask) of posts that are in exactly k of `masks`."""
    exactly = [everyone]
    for mask in masks:
        exactly = [
            (exactly[k] & ~mask if k < len(exactly) else 0) | (exactly[k - 1] & mask if k else 0)
            for k in range(len(exactly) + 1)
        ]
    return exactly


def set_related(articles, limit):
    """Rank every other post by (shared topics, shared tags, newest) without comparing all pairs.

    Posts are bits of an integer, newest first, so set operations on whole columns of posts are
    single integer operations and the lowest set bit is the newest post: for 5,000 posts this
    takes well under a second where comparing all pairs took a minute.
    """
    newest_first = list(reversed(chronological(articles)))
    everyone = (1 << len(newest_first)) - 1
    by_topic, by_tag = {}, {}
    for bit, article in enumerate(newest_first):
        for slug in topic_slugs(article):
            by_topic[slug] = by_topic.get(slug, 0) | 1 << bit
        for slug in tag_slugs(article):
            by_tag[slug] = by_tag.get(slug, 0) | 1 << bit
    for bit, article in enumerate(newest_first):
        sharing_topics = posts_in_exactly([by_topic[s] for s in topic_slugs(article)], everyone)
        sharing_tags = posts_in_exactly([by_tag[s] for s in tag_slugs(article)], everyone)
        related = []
        for topics_shared in reversed(range(len(sharing_topics))):
            for tags_shared in reversed(range(len(sharing_tags))):
                if not topics_shared and not tags_shared:
                    continue
                candidates = sharing_topics[topics_shared] & sharing_tags[tags_shared]
                candidates &= ~(1 << bit)
                while candidates and len(related) < limit:
                    newest = candidates & -candidates
                    related.append(newest_first[newest.bit_length() - 1])
                    candidates ^= newest
        article.related_posts = related


def add_neighbours(generators):
    """all_generators_finalized: prev/next and related posts for every listed article."""
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            articles = [a for a in listed(generator.articles) if not is_example(a)]
            limit = generator.settings.get("RELATED_POSTS_MAX", DEFAULTS["RELATED_POSTS_MAX"])
            set_neighbours(articles)
            set_related(articles, limit)


def register():
    use_defaults(DEFAULTS)
    signals.all_generators_finalized.connect(add_neighbours)
