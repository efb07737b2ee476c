"""The document tree: one intermediate form that every renderer (text, docx, lint) visits."""

from drafter.doctree.nodes import *  # noqa: F401,F403
