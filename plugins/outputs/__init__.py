"""The outputs: what a build writes from the content of every kind. Feeds, the search index,
the sitemap, social cards, the published addresses (redirects and the URL lock), code
highlighting, reading time, related posts, the template cache. Import guard, model and compat;
they learn the kinds from the model's registry, never from a kind's package."""
