"""The errors of the pipeline stage, in a module that imports nothing, so that a command can name them
without loading the readers or the language layer."""


class ReadError(Exception):
    """A file could not be read as a plan document; the message says why."""


class VocabularyError(Exception):
    """vocabulary.toml cannot be used; the message names the file and the bad key."""


class TopicsError(Exception):
    """topics.yaml cannot be used; the message names the topic and the bad value."""
