"""Exceptions whose messages are written for the user, in Chinese; the CLI prints them, never a traceback."""

from __future__ import annotations

from drafter.problems import Problem


class DrafterError(Exception):
    """Base class: carries one or more problems to show the user."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = problems
        super().__init__("\n".join(str(p) for p in problems))


class CaseError(DrafterError):
    """The case file cannot be read or does not validate."""


class TemplateError(DrafterError):
    """A skeleton or fragment failed: unknown variable, unsafe access, bad markup."""


class FragmentError(DrafterError):
    """A fragment library file is malformed or a fragment id does not exist."""


class ExportError(DrafterError):
    """Writing an output file failed."""


class WriteError(ExportError, OSError):
    """A file could not be written (read-only, no permission, disk full): a user's problem in Chinese, and still an
    OSError, so code that tolerates unwritable derived files (the cache) keeps tolerating them."""

    def __init__(self, problems):
        super().__init__(problems)
        self.strerror = self.problems[0].message
