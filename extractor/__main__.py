"""`python -m extractor` entry point."""

from extractor.cli import main

main()
