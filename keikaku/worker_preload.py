"""Imported by the fork server of an ingest's worker processes (keikaku/worker.py) before it forks any
of them: what every document needs (the extractors, the SudachiPy dictionary, the vocabulary, the
topics) is loaded here once, and each worker starts with it."""
from keikaku.ingest import warm_up

try:
    warm_up()
except Exception:  # each worker warms up again, and a failure there is reported
    pass
