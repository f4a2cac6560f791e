"""Praktijkbank: validated YAML records rendered into a searchable static site."""

__version__ = "0.1.0"
