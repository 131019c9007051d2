"""Quantities: exact Decimal figures with a unit, displayed precision and comparator, read from text.

The public import path for the whole layer; the stages live in submodules:
  numerals     full-width digits, Chinese numerals, spans that are never figures, empty cells
  comparators  ≥ / 不超过 / 以内 … (patterns/comparators.yaml)
  units        the unit system: atoms (patterns/units.yaml) combined into products and ratios
  record       Quantity and its interval semantics
  parse        find_quantities (running text), parse_value (a cell)
  labels       label_unit (the unit a label states), text_value (met / unmet / none in words)
"""

from extractor.quantities.comparators import comparator_forms, comparator_of, without_comparator
from extractor.quantities.labels import label_unit, text_value, text_value_words
from extractor.quantities.numerals import chinese_to_decimal, is_empty, normalize_digits
from extractor.quantities.parse import Match, find_quantities, parse_value, with_default_unit
from extractor.quantities.record import Quantity, consistent, fmt_amount, fmt_decimal, intervals_meet
from extractor.quantities.units import (
    Unit,
    convert,
    convertible,
    dimension_of,
    same_dimension,
    unit_info,
    units,
)

__all__ = [
    "Match", "Quantity", "Unit", "chinese_to_decimal", "comparator_forms", "comparator_of", "consistent", "convert",
    "convertible", "dimension_of", "find_quantities", "fmt_amount", "fmt_decimal", "intervals_meet", "is_empty",
    "label_unit", "normalize_digits", "parse_value", "same_dimension", "text_value", "text_value_words", "unit_info",
    "units", "with_default_unit", "without_comparator",
]
