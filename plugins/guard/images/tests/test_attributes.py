"""What sized_images does to a body, in-process: `locate` and `size_of` stand for the static files
(the fixture-site build in test_build.py finds them the real way)."""

from plugins.guard.images.images import attributes_of, sized_images

SIZES = {"a.png": (1600, 900), "b.png": (300, 600)}


def sized(body):
    return sized_images(body, lambda src: src if src in SIZES else None, SIZES.get)


def test_the_first_image_stays_eager_and_the_later_ones_are_lazy():
    body = (
        '<p><img src="a.png" alt="first"></p><p><img src="b.png" alt="second"><img src="a.png"></p>'
    )
    assert sized(body) == (
        '<p><img src="a.png" alt="first" width="1600" height="900"></p>'
        '<p><img src="b.png" alt="second" width="300" height="600" loading="lazy">'
        '<img src="a.png" width="1600" height="900" loading="lazy"></p>'
    )


def test_what_the_author_wrote_is_kept():
    body = (
        '<img src="x.png" alt="ext">'  # not found: untouched, but it is the page's first image
        '<img src="a.png" width="400" height="100" loading="eager">'  # all kept
        '<img src="a.png" width="800">'  # the height of the same proportions
        '<img src="b.png" height="100">'
        '<img src="a.png" width="50%">'  # not pixels: sizes left to the author
    )
    assert sized(body) == (
        '<img src="x.png" alt="ext">'
        '<img src="a.png" width="400" height="100" loading="eager">'
        '<img src="a.png" width="800" height="450" loading="lazy">'
        '<img src="b.png" height="100" width="50" loading="lazy">'
        '<img src="a.png" width="50%" loading="lazy">'
    )


def test_other_spellings_of_a_tag_are_understood():
    body = "<IMG SRC='a.png' ALT='a > b'/><img\nsrc=b.png\nalt=x >"
    assert sized(body) == (
        "<IMG SRC='a.png' ALT='a > b' width=\"1600\" height=\"900\"/>"
        '<img\nsrc=b.png\nalt=x width="300" height="600" loading="lazy">'
    )


def test_text_that_only_looks_like_an_image_is_left_alone():
    body = (
        "<pre><code>&lt;img src=&quot;a.png&quot;&gt;</code></pre>"
        '<p title="<img src=a.png>">text</p><imgx src="a.png">'
    )
    assert sized(body) == body


def test_attribute_values_are_unescaped_and_the_first_of_a_name_wins():
    assert attributes_of(' src="a&amp;b.png" alt=\'x\' hidden SRC="other"') == {
        "src": "a&b.png",
        "alt": "x",
        "hidden": "",
    }
