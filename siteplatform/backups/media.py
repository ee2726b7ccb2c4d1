"""The media half of a backup, read and written through Django's storage API, so the same code
serves a local MEDIA_ROOT and an S3 bucket (django-storages)."""

import posixpath
import shutil
import tempfile

from django.core.files import File
from django.core.files.storage import default_storage

# Files larger than this are spooled to disk while restoring, so memory stays bounded.
SPOOL_BYTES = 8 * 1024 * 1024


def names(storage=None, path=""):
    """Every file name in the storage, sorted, walking its folders."""
    storage = storage or default_storage
    try:
        folders, files = storage.listdir(path)
    except FileNotFoundError:  # a local MEDIA_ROOT not made yet: no media
        return []
    found = [posixpath.join(path, name) if path else name for name in files]
    for folder in folders:
        found += names(storage, posixpath.join(path, folder) if path else folder)
    return sorted(found)


def open_file(name, storage=None):
    return (storage or default_storage).open(name, "rb")


def size(name, storage=None):
    return (storage or default_storage).size(name)


def restore_file(name, stream, size, *, storage=None):
    """Write `size` bytes of `stream` to `name`, replacing a file of that name."""
    storage = storage or default_storage
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:
        shutil.copyfileobj(stream, spool)
        spool.seek(0)
        if storage.exists(name):
            storage.delete(name)
        content = File(spool, name=posixpath.basename(name))
        content.size = size
        saved = storage.save(name, content)
    if saved != name:
        raise OSError(f"the storage saved a media file under another name ({saved!r} for {name!r})")
