"""The URL settings of the site, as the redirect and lock rules read them."""

SETTINGS = {
    "PLUGINS": [
        "plugins.kinds.topics",
        "plugins.kinds.members",
    ],  # their kinds take part in redirects
    "ARTICLE_URL": "posts/{date:%Y}/{slug}/",
    "TAG_URL": "tags/{slug}/",
    "TAGS_URL": "tags/",
    "TAGS_SAVE_AS": "tags/index.html",
    "CATEGORY_URL": "category/{slug}/",
    "CATEGORIES_URL": "category/",
    "CATEGORIES_SAVE_AS": "category/index.html",
    "TOPIC_URL": "topics/{slug}/",
    "TOPICS_URL": "topics/",
    "TOPICS_SAVE_AS": "topics/index.html",
    "DIRECT_TEMPLATES": ["index", "tags", "categories"],
    "TAG_FEED_ATOM": "feeds/tag/{slug}.atom.xml",
    "MEMBER_FEED_RSS": "feeds/member/{id}.rss.xml",
}
