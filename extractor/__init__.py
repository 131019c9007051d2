"""extractor: read 绩效自评 reports, extract every figure with its provenance, and cross-check them."""

__version__ = "0.1.0"
