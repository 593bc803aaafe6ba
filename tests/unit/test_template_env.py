"""Templates are rendered in mail.template_env.Environment, which reads a plain dict's keys
without Jinja's failed getattr first: every lookup must give what Jinja's own gives."""

from __future__ import annotations

from typing import Any

import jinja2
from hypothesis import given, settings
from hypothesis import strategies as st
from support.budget import examples

from mailbot.mail.template_env import Environment

# A dict's own attributes (which getattr finds before any key), other dunders, plain names.
NAMES = st.one_of(
    st.sampled_from(sorted(dir(dict))),
    st.sampled_from(["__dict__", "__module__", "__name__", "__weakref__", "__slots__", "__mro__", "mro"]),
    st.sampled_from(["situation", "text", "noun", "name", "answers", "first_name", ""]),
    st.text(max_size=8),
)


def looked_up(env: jinja2.Environment, obj: Any, name: str) -> tuple[str, Any]:
    found = env.getattr(obj, name)
    if isinstance(found, jinja2.Undefined):
        return "undefined", (type(found), found._undefined_obj is obj, found._undefined_name)
    return "found", found


@settings(max_examples=examples(300), deadline=None)
@given(st.dictionaries(NAMES, st.integers() | st.text(max_size=3), max_size=6), NAMES)
def test_an_attribute_of_a_dict_is_what_jinja_finds(values: dict[str, Any], name: str) -> None:
    assert looked_up(Environment(), values, name) == looked_up(jinja2.Environment(), values, name)


def test_attributes_of_other_objects_and_dict_subclasses_are_jinja_s_own() -> None:
    class Named(dict[str, int]):
        situation = 7

    for obj in (Named(situation=1), [1], "text", 3, None, type("O", (), {"noun": "photo"})()):
        for name in ("situation", "noun", "items", "upper", "missing"):
            assert looked_up(Environment(), obj, name) == looked_up(jinja2.Environment(), obj, name)


def test_a_template_renders_alike_in_both() -> None:
    source = (
        "{% for e in entries %}{{ e.situation }}|{{ e.items is defined }}|{{ e.missing|default('-') }}"
        "|{{ e.get('text', '?') }}{% endfor %}{{ entries|map(attribute='situation')|join(',') }}"
    )
    entries = [{"situation": "bus", "items": "x"}, {"text": "walk"}, {}]
    assert Environment().from_string(source).render(entries=entries) == jinja2.Environment().from_string(
        source
    ).render(entries=entries)
