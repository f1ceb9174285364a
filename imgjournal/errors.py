"""The one exception type the core raises for problems a user can act on."""


class JournalError(Exception):
    """A problem the user can fix; ``str(err)`` is one sentence saying what and how."""


class NotFoundError(JournalError):
    """An id that names no record."""


class ValidationError(JournalError):
    """Input that breaks a rule of the domain (empty title, end before start, ...)."""
