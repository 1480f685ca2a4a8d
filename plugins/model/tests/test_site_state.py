"""plugins/model/site_state.py, in-process: the same site gives the same hash, any shown change
another, a body none."""

from types import SimpleNamespace

from plugins.model.build import KEY as BUILD_KEY
from plugins.model.site_state import LocalState, SiteState


def state(value):
    return SiteState().add(value).digest()


def post(title, body="<p>one</p>", **more):
    return SimpleNamespace(title=title, _content=body, source_path=f"{title}.md", **more)


def test_equal_sites_give_one_hash_whatever_the_order_of_their_dicts():
    one = {"articles": [post("a"), post("b")], "SITENAME": "S"}
    two = {"SITENAME": "S", "articles": [post("a"), post("b")]}
    assert state(one) == state(two)
    assert state(one) != state({**one, "articles": one["articles"][::-1]})  # lists keep order


def test_every_attribute_counts_but_the_body():
    assert state([post("a")]) != state([post("a", tags=["x"])])
    assert state([post("a")]) != state([post("b")])
    assert state([post("a", body="<p>one</p>")]) == state([post("a", body="<p>two</p>")])


def test_shared_objects_and_cycles_are_described_once():
    tag = SimpleNamespace(name="python")
    first, second = post("a", tags=[tag]), post("b", tags=[tag])
    first.related, second.related = [second], [first]  # a cycle
    context = {"articles": [first, second]}
    first.context = second.context = context
    assert state(context) == state(context)
    other_tag = SimpleNamespace(name="python")  # equal, but not the same object: another site
    second.tags = [other_tag]
    assert state(context) != state({"articles": [first, post("b", tags=[tag])]})


def test_a_chain_deeper_than_the_recursion_limit():
    head = item = post("0")
    for number in range(1, 5000):
        item.next = item = post(str(number))
    assert state(head) != state(post("0"))


def test_what_no_page_shows_is_left_out():
    plain = {"SITENAME": "S", "staticfiles": [post("x"), post("y")]}
    kept = {**plain, BUILD_KEY: object(), "OUTPUT_PATH": "/tmp/.out-staging-42"}
    assert state(plain) == state(kept)
    assert state(plain) == state({**plain, "staticfiles": plain["staticfiles"][::-1]})


def test_an_object_whose_state_cannot_be_read_is_never_equal():
    """No __dict__ and a repr with an address (a C object, slots): its state is unknown, so the
    memo renders whatever holds it, every time."""

    class Slotted:
        __slots__ = ("title",)

    class Shown(Slotted):
        __slots__ = ()

        def __repr__(self):
            return f"Shown({self.title!r})"

    one, two = Slotted(), Shown()
    one.title = two.title = "a"
    assert state({"x": one}) != state({"x": one})
    assert state({"x": two}) == state({"x": two})  # its repr shows its state


def test_functions_by_their_code():
    def shout(text):
        return text.upper()

    def whisper(text):
        return text.lower()

    assert state({"JINJA_FILTERS": {"f": shout}}) != state({"JINJA_FILTERS": {"f": whisper}})


def test_a_local_state_names_the_named_and_describes_the_rest():
    """The memo's finer keys: a list of named posts is which posts in which order, not what
    they say; a post's own state is its attributes."""
    first, second = post("a"), post("b")
    names = {id(first): (first, "@a"), id(second): (second, "@b")}
    listed = LocalState(names).of_value([first, second])
    first.title = "A new title"
    assert LocalState(names).of_value([first, second]) == listed
    assert LocalState(names).of_value([second, first]) != listed
    before = LocalState(names).of_object(second)
    second.title = "Another title"
    assert LocalState(names).of_object(second) != before
