"""Where the vocabulary file is, in a module that imports nothing heavy: pipeline.vocabulary reads it,
db/setup.py digests it before an ingest without loading the language layer."""
from __future__ import annotations

import os
from pathlib import Path

# KEIKAKU_VOCABULARY names another vocabulary file (a town's own copy) without editing this one.
VOCABULARY_FILE = Path(os.environ.get("KEIKAKU_VOCABULARY") or Path(__file__).with_name("vocabulary.toml"))
