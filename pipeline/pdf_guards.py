"""Defences of the PDF reader against hostile files, checked before or while pdfminer reads them.

- `reference_cycle(data)`: an object that is only a reference to another, in a chain that comes back
  to itself (`6 0 obj 7 0 R endobj`, `7 0 obj 6 0 R endobj`): pdfminer would follow it for ever.
- `capped_streams(limit)`: while pdfminer decodes streams, a FlateDecode stream that inflates to more
  than `limit` bytes raises ReadError before that much is allocated (a decompression bomb), and the
  fallback for a stream with a broken checksum decodes in linear time (pdfminer's own feeds it a
  byte at a time and copies what it has each time: hours and gigabytes on a bomb).

pdfminer has no setting for either, so `capped_streams` replaces two names of `pdfminer.pdftypes`
(its `zlib` and `decompress_corrupted`) for the duration of the block and puts them back after. The
worker process of keikaku/worker.py reads one document at a time; a reader in threads would need a lock.
"""
from __future__ import annotations

import zlib
from contextlib import contextmanager

import regex

from pipeline.errors import ReadError

# An indirect object whose whole body is a reference to another object.
_ONLY_A_REFERENCE = regex.compile(rb"(?<![0-9])(\d{1,10})\s+(\d{1,5})\s+obj\s*(\d{1,10})\s+(\d{1,5})\s+R\s*endobj")
_CHUNK = 1 << 16


def reference_cycle(data: bytes) -> str | None:
    """The reason to refuse a PDF whose objects refer to one another in a loop, or None."""
    points_to = {int(m.group(1)): int(m.group(3)) for m in _ONLY_A_REFERENCE.finditer(data)}
    for start in points_to:
        seen = [start]
        current = points_to[start]
        while current in points_to and current not in seen:
            seen.append(current)
            current = points_to[current]
        if current in seen:
            loop = seen[seen.index(current):] + [current]
            return (f"a reference cycle (object {' → '.join(str(n) for n in loop)}): a broken or hostile PDF "
                    "that would be read for ever")
    return None


def _too_large(limit: int) -> ReadError:
    return ReadError(f"a compressed stream inflates to more than {limit / 1e6:g} MB (a decompression bomb?)")


class _CappedDecompressor:
    """zlib.decompressobj() that refuses to give more than `limit` bytes in all."""

    def __init__(self, limit: int, *args):
        self._inner = zlib.decompressobj(*args)
        self._limit = limit
        self._given = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        room = self._limit - self._given + 1
        out = self._inner.decompress(data, room if not max_length else min(room, max_length))
        self._given += len(out)
        if self._given > self._limit:
            raise _too_large(self._limit)
        return out

    def flush(self, *args) -> bytes:
        return self._inner.flush(*args)

    def __getattr__(self, name):
        return getattr(self._inner, name)


class _CappedZlib:
    """The part of the zlib module pdfminer.pdftypes uses, with inflated sizes capped."""

    error = zlib.error

    def __init__(self, limit: int):
        self.limit = limit

    def decompress(self, data: bytes, *args) -> bytes:
        inflater = zlib.decompressobj(*args[:1])  # zlib.decompress(data, wbits, bufsize)
        out = inflater.decompress(data, self.limit + 1)
        if len(out) > self.limit:
            raise _too_large(self.limit)
        if not inflater.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out

    def decompressobj(self, *args):
        return _CappedDecompressor(self.limit, *args)

    def __getattr__(self, name):
        return getattr(zlib, name)


def _decompress_corrupted(limit: int):
    def decompress_corrupted(data: bytes) -> bytes:
        """pdfminer's fallback for a stream whose checksum is wrong, in linear time: everything before
        the 4-byte checksum must inflate; what the checksum says is ignored."""
        inflater = _CappedDecompressor(limit)
        end = max(0, len(data) - 4)
        parts = [inflater.decompress(data[i:min(i + _CHUNK, end)]) for i in range(0, end, _CHUNK)]
        try:
            parts.append(inflater.decompress(data[end:]))
        except zlib.error:
            pass
        return b"".join(parts)

    return decompress_corrupted


@contextmanager
def capped_streams(limit: int):
    """Within the block, pdfminer inflates no stream to more than `limit` bytes (ReadError)."""
    from pdfminer import pdftypes

    saved = pdftypes.zlib, pdftypes.decompress_corrupted
    pdftypes.zlib, pdftypes.decompress_corrupted = _CappedZlib(limit), _decompress_corrupted(limit)
    try:
        yield
    finally:
        pdftypes.zlib, pdftypes.decompress_corrupted = saved


__all__ = ["capped_streams", "reference_cycle"]
