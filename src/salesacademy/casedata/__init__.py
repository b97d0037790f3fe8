"""Synthetic data for the case library, one module per case.

Each module reproduces the mechanism of a real event at the fictional Jinhe
Bank (金禾银行) and exposes ``load(seed=7) -> dict[str, DataFrame]`` and a
bilingual ``DICTIONARY`` describing every column of every table.
"""
