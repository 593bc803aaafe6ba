"""The Jinja2 environment mailbot renders its templates in: Jinja's own, with a quicker way to
the values of a plain dict.

A template reads ``item.fields``, ``e.situation``, ``a.noun``: attributes of the dicts mailbot
gives it (and of the answers read from a client's mail, dicts too). Jinja looks an attribute up
with ``getattr`` first, which a dict's key is not, so every such read raised and caught an
AttributeError before the dict was asked: about a hundred a reply draft, a quarter of its
rendering. Here a plain dict is asked directly when the name is not one of a dict's own
attributes (``items``, ``get``, ...), which ``getattr`` would have found first: the same value
or the same undefined, without the exception."""

from __future__ import annotations

from typing import Any

import jinja2

_DICT_ATTRIBUTES = frozenset(dir(dict))  # what getattr finds on a dict: its type's and object's


class Environment(jinja2.Environment):
    """``jinja2.Environment`` with ``getattr`` going straight to a plain dict's keys."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)
