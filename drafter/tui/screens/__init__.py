"""Screens of the TUI: home, editor, and the modal dialogs they open."""
