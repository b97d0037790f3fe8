"""Sales Academy: training and case-study workbooks for compliant bank sales."""

__version__ = "0.1.0"
