"""A cache of generated tables with one entry per set of argument values."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import TypeVar

Result = TypeVar("Result")


def by_value(maxsize: int) -> Callable[[Callable[..., Result]], Callable[..., Result]]:
    """`functools.lru_cache`, keyed by what the arguments are rather than how they were passed.

    ``load()``, ``load(7)`` and ``load(seed=7)`` are the same tables. Under
    ``lru_cache`` they are three entries, each generated and kept on its own,
    and the notebooks call both ``load()`` and ``load(seed=7)``.
    """

    def decorate(function: Callable[..., Result]) -> Callable[..., Result]:
        signature = inspect.signature(function)

        @functools.lru_cache(maxsize=maxsize)
        def generated(arguments: tuple) -> Result:
            return function(**dict(arguments))

        @functools.wraps(function)
        def cached(*args, **kwargs) -> Result:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            return generated(tuple(bound.arguments.items()))

        cached.cache_info, cached.cache_clear = generated.cache_info, generated.cache_clear
        return cached

    return decorate
