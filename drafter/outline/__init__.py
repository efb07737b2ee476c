"""Outlines: a document as an ordered tree of parts — the kind's default, changed by the case."""
