"""Typed errors raised by the library; only the CLI turns them into messages and exit codes."""
from __future__ import annotations


class ThiduaError(Exception):
    """Base class: the message is written for the user and names what to do next."""


class UnreadableInput(ThiduaError):
    """An input file that cannot be read or parsed as a whole."""

    def __init__(self, path, reason: str):
        self.path, self.reason = str(path), reason
        super().__init__(f"{path}: {reason}")


class BadRecord(ThiduaError):
    """One record (a line of a facts file) that cannot be loaded; the rest of the file can."""

    def __init__(self, path, line: int, reason: str):
        self.path, self.line, self.reason = str(path), line, reason
        super().__init__(f"{path}:{line}: {reason}")


class StoreLocked(ThiduaError):
    def __init__(self, location):
        super().__init__(f"the store at {location} is in use by another process "
                         "(close the other thidua or oxigraph process, or pass another --store)")


class StoreUnavailable(ThiduaError):
    """A remote endpoint that cannot be reached or answers with an error."""


class UnknownQuery(ThiduaError):
    def __init__(self, name: str, known: list[str]):
        super().__init__(f"no query named {name!r}; known queries: {', '.join(known)}")


class MissingParameter(ThiduaError):
    def __init__(self, query: str, names: list[str]):
        super().__init__(f"query {query!r} needs {', '.join('--param ' + n + '=…' for n in names)}")


class UnknownParameter(ThiduaError):
    def __init__(self, query: str, name: str, known: list[str]):
        super().__init__(f"query {query!r} has no parameter {name!r}; it takes: {', '.join(known) or 'none'}")


class ValidationFailed(ThiduaError):
    """SHACL validation found violations; the message is the readable report."""
