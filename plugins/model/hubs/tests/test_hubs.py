"""The hub base in-process: a kind is a small subclass; its pages and feeds follow its settings.
(Topics and members, the two kinds, are built end to end by their own tests.)"""

from pelican import signals

from plugins.model.hubs import Hub, HubsGenerator

SETTINGS = {
    "SPEAKER_URL": "speakers/{slug}/",
    "SPEAKER_SAVE_AS": "speakers/{slug}/index.html",
    "SPEAKER_FEED_ATOM": "feeds/speaker/{slug}.atom.xml",
    "SPEAKER_FEED_RSS": "",  # off
}


class Speaker(Hub):
    kind, setting, placeholder = "speaker", "SPEAKER", "slug"

    def __init__(self, slug, settings):
        super().__init__(slug, settings)
        self.slug = slug

    def __str__(self):
        return self.slug.title()


class SpeakersGenerator(HubsGenerator):
    hub_class, attribute, defaults = Speaker, "speakers", SETTINGS


def test_a_hub_takes_its_addresses_and_feeds_from_the_settings_of_its_kind():
    speaker = Speaker("ada", SETTINGS)
    assert (speaker.url, speaker.save_as) == ("speakers/ada/", "speakers/ada/index.html")
    assert (speaker.feed_atom, speaker.feed_rss) == ("feeds/speaker/ada.atom.xml", None)
    assert speaker.feed_title == "Ada" and speaker.articles == []
    assert SpeakersGenerator.key(None, speaker) == "ada"


def test_register_connects_one_generator_however_often_it_runs():
    SpeakersGenerator.register()
    SpeakersGenerator.register()
    try:
        added = [
            receiver(None)
            for receiver in signals.get_generators.receivers_for(None)
            if getattr(receiver, "__self__", None) is SpeakersGenerator
        ]
        assert added == [SpeakersGenerator]
    finally:
        signals.initialized.disconnect(SpeakersGenerator.set_defaults)
        signals.get_generators.disconnect(SpeakersGenerator.add_generator)
    settings = {"SPEAKER_URL": "people/{slug}/"}
    SpeakersGenerator.set_defaults(type("Pelican", (), {"settings": settings})())
    assert settings["SPEAKER_URL"] == "people/{slug}/"  # a setting of the site wins
    assert settings["SPEAKER_SAVE_AS"] == "speakers/{slug}/index.html"
