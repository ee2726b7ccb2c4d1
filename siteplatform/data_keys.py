"""The keys that encrypt what clients write (enquiries) and the backups, kept apart from
SECRET_KEY and the database credentials.

`DATA_KEYS` (environment): one or more Fernet keys (`cryptography`'s, 32 url-safe base64 bytes),
newest first, separated by commas. The newest encrypts; every key listed decrypts, so a rotation
puts a new key in front, re-encrypts, and only then drops the old one. With DEBUG on and no
`DATA_KEYS`, the keys come from the file `.data-keys` beside manage.py, made with one new key on
first use (git ignores it); with DEBUG off the site refuses to start without them.
"""

import functools
from pathlib import Path

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

LOCAL_KEY_FILE = ".data-keys"


def parse(raw, source="DATA_KEYS"):
    """The keys in `raw` (comma- or line-separated), newest first; a malformed key is an error."""
    keys = [item.strip() for item in raw.replace("\n", ",").split(",") if item.strip()]
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except ValueError:
            raise ImproperlyConfigured(
                f"{source}: key {position} is not a Fernet key (32 url-safe base64-encoded bytes); "
                "make one with: python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
            ) from None
    return keys


def local_keys(base_dir):
    """The development keys in `base_dir/.data-keys`, written with one new key when missing."""
    path = Path(base_dir) / LOCAL_KEY_FILE
    if not path.exists():
        path.write_text(Fernet.generate_key().decode() + "\n")
        path.chmod(0o600)
    return parse(path.read_text(), source=str(path))


def configured(raw, base_dir, debug):
    """What settings.DATA_KEYS holds: the environment's keys, else (DEBUG only) the local file's."""
    if raw.strip():
        return parse(raw)
    if debug:
        return local_keys(base_dir)
    return []


@functools.cache
def _multi_fernet(keys):
    if not keys:
        raise ImproperlyConfigured("DATA_KEYS is not set: enquiries and backups cannot be encrypted or read.")
    return MultiFernet([Fernet(key) for key in keys])


def multi_fernet():
    """The MultiFernet of settings.DATA_KEYS: encrypts with the newest key, decrypts with any."""
    return _multi_fernet(tuple(settings.DATA_KEYS))
