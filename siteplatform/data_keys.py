"""The keys that encrypt what clients write (enquiries) and the backups, kept apart from
SECRET_KEY and the database credentials.

`DATA_KEYS` (environment): one or more Fernet keys (`cryptography`'s, 32 url-safe base64 bytes),
newest first, separated by commas. The newest encrypts; every key listed decrypts, so a rotation
puts a new key in front, re-encrypts, and only then drops the old one. With DEBUG on and no
`DATA_KEYS`, the keys come from the file `.data-keys` beside manage.py, made with one new key on
first use (git ignores it); with DEBUG off the site refuses to start without them.

Stored values (siteplatform/encrypted.py) are "<fingerprint>:<token>": the fingerprint names the key
that encrypted them, so a key still needed is never dropped unnoticed; `blind_indexes` gives the
keyed digests that let staff find a record by an exact email or phone without storing either.
"""

import base64
import functools
import hashlib
import hmac
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
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


# What the encrypted fields (siteplatform/encrypted.py) store: "<fingerprint>:<Fernet token>". The
# fingerprint names the key that encrypted the value, so the start-up check can tell, in one query,
# whether every stored value still has its key in DATA_KEYS.
FINGERPRINT_LENGTH = 8


def fingerprint(key):
    """A short public name for `key`: the first 8 hex digits of its SHA-256 (not a secret)."""
    return hashlib.sha256(key.encode()).hexdigest()[:FINGERPRINT_LENGTH]


def fingerprints():
    """The fingerprints of settings.DATA_KEYS, newest first."""
    return [fingerprint(key) for key in settings.DATA_KEYS]


def encrypt(text):
    """`text` encrypted under the newest key, as stored: "<fingerprint>:<token>"."""
    return f"{fingerprints()[0]}:{multi_fernet().encrypt(text.encode()).decode()}"


def decrypt(stored):
    """The text of a stored value; a value whose key DATA_KEYS no longer holds is an error naming it."""
    key_name, _, token = stored.partition(":")
    try:
        return multi_fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise ImproperlyConfigured(
            f"A stored value was encrypted with the data key {key_name}, which DATA_KEYS does not hold."
        ) from None


def rotate(stored):
    """A stored value re-encrypted under the newest key (MultiFernet.rotate), as stored."""
    _, _, token = stored.partition(":")
    return f"{fingerprints()[0]}:{multi_fernet().rotate(token.encode()).decode()}"


def blind_indexes(value, purpose):
    """Keyed digests (HMAC-SHA256) of an already normalized `value`, one per key, newest first:
    equal values give equal digests, so a column of them finds a record by exact value without
    holding it. Each key's HMAC key is derived from it for `purpose` alone."""
    digests = []
    for key in settings.DATA_KEYS:
        derived = hmac.new(base64.urlsafe_b64decode(key), f"blind-index:{purpose}".encode(), hashlib.sha256)
        digests.append(hmac.new(derived.digest(), value.encode(), hashlib.sha256).hexdigest())
    return digests
