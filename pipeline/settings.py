"""Settings dataclasses accept None (defaults), an instance, or a dict whose keys must all be known."""
from __future__ import annotations

from dataclasses import fields


def resolve_settings(cls, value):
    """`cls` from None, an instance of it, or a dict; a misspelt key fails loudly."""
    if value is None:
        return cls()
    if isinstance(value, cls):
        return value
    unknown = set(value) - {f.name for f in fields(cls)}
    if unknown:
        raise ValueError(f"{cls.__name__}: unknown setting(s) {sorted(unknown)}")
    return cls(**value)
