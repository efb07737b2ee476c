"""Templating: one sandboxed Jinja environment, skeletons per document kind, fragments by slot."""
