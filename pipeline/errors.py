"""The one error a reader raises: the file cannot be read as a plan, and the message says why."""


class ReadError(Exception):
    """A file could not be read as a plan document; the message says why."""
