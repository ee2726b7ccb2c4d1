"""The encrypted container of a backup: a byte stream (a tar file) cut into chunks, each chunk
encrypted on its own with the data keys (siteplatform/data_keys.py), so memory stays bounded
whatever the size of the media.

Layout: MAGIC, then frames. A frame is a 4-byte big-endian length and a Fernet token; the token's
plaintext is a header (the archive's random id, the chunk's index, a "last chunk" flag) and up to
`chunk_size` bytes of the stream. The header makes a reordered, spliced (from another archive) or
cut-short archive an error instead of a silently different stream; Fernet authenticates each chunk.
"""

import io
import os
import struct

from cryptography.fernet import InvalidToken

from siteplatform.data_keys import multi_fernet

MAGIC = b"PRACTICE-BACKUP\x01"
FORMAT_VERSION = 1
CHUNK_SIZE = 4 * 1024 * 1024
_LENGTH = struct.Struct(">I")
_HEADER = struct.Struct(">16sQ?")  # archive id, chunk index, last chunk


class ArchiveError(Exception):
    """The file is not an archive this site can read, with the reason in words."""


class EncryptingWriter(io.RawIOBase):
    """A writable stream that encrypts what it is given into `raw`, chunk by chunk; closing it
    writes the last chunk (it does not close `raw`)."""

    def __init__(self, raw, *, chunk_size=CHUNK_SIZE):
        self.raw = raw
        self.chunk_size = chunk_size
        self.fernet = multi_fernet()
        self.archive_id = os.urandom(16)
        self.index = 0
        self.buffer = bytearray()
        raw.write(MAGIC)

    def writable(self):
        return True

    def write(self, data):
        self.buffer += data
        while len(self.buffer) >= self.chunk_size:
            self._frame(bytes(self.buffer[: self.chunk_size]), last=False)
            del self.buffer[: self.chunk_size]
        return len(data)

    def close(self):
        if not self.closed:
            self._frame(bytes(self.buffer), last=True)
            self.buffer.clear()
        super().close()

    def _frame(self, data, *, last):
        token = self.fernet.encrypt(_HEADER.pack(self.archive_id, self.index, last) + data)
        self.raw.write(_LENGTH.pack(len(token)) + token)
        self.index += 1


class DecryptingReader(io.RawIOBase):
    """A readable stream of what an EncryptingWriter was given, read from `raw`; raises
    ArchiveError for a wrong key, a damaged or cut-short file, or chunks out of order."""

    def __init__(self, raw):
        self.raw = raw
        if raw.read(len(MAGIC)) != MAGIC:
            raise ArchiveError("This file is not a backup archive of this site (its header is missing).")
        self.fernet = multi_fernet()
        self.archive_id = None
        self.index = 0
        self.pending = b""
        self.finished = False

    def readable(self):
        return True

    def readinto(self, buffer):
        while not self.pending and not self.finished:
            self.pending = memoryview(self._next_chunk())  # a view: small reads copy no chunk
        size = min(len(buffer), len(self.pending))
        buffer[:size] = self.pending[:size]
        self.pending = self.pending[size:]
        return size

    def _next_chunk(self):
        prefix = self.raw.read(_LENGTH.size)
        if len(prefix) < _LENGTH.size:
            raise ArchiveError("The archive is cut short: its last part is missing (an interrupted copy?).")
        (length,) = _LENGTH.unpack(prefix)
        token = self.raw.read(length)
        if len(token) < length:
            raise ArchiveError("The archive is cut short: its last part is missing (an interrupted copy?).")
        try:
            plain = self.fernet.decrypt(token)
        except InvalidToken:
            if self.index == 0:
                raise ArchiveError(
                    "This archive cannot be decrypted with the DATA_KEYS set here: it was made with "
                    "another key (set the keys the site had when it was made), or it is damaged."
                ) from None
            raise ArchiveError(f"The archive is damaged: part {self.index + 1} does not decrypt.") from None
        archive_id, index, last = _HEADER.unpack_from(plain)
        if self.archive_id is None:
            self.archive_id = archive_id
        if index != self.index or archive_id != self.archive_id:
            raise ArchiveError("The archive is damaged: its parts are out of order or from another archive.")
        self.index += 1
        if last:
            self.finished = True
            if self.raw.read(1):
                raise ArchiveError("The archive is damaged: there are bytes after its last part.")
        return plain[_HEADER.size :]


def split_frames(data):
    """The frames of an archive's bytes (for tests that damage one on purpose)."""
    frames, position = [], len(MAGIC)
    while position < len(data):
        (length,) = _LENGTH.unpack_from(data, position)
        frames.append(data[position : position + _LENGTH.size + length])
        position += _LENGTH.size + length
    return frames
