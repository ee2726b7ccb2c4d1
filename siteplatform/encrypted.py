"""Model fields whose database column holds only ciphertext, and what keeps their keys honest.

An encrypted field (`EncryptedCharField`, `EncryptedEmailField`, `EncryptedTextField`) behaves as
its plain Django field in models and forms (max_length, email checks apply to the text), but its
column, always of type text, holds "<key fingerprint>:<Fernet token>" (siteplatform/data_keys.py).
An empty value stays empty, so "has an email address" needs no key. Nothing can be looked up by an
encrypted value: `exact` is allowed only with "" and every other lookup is refused; an exact match
on a normalized value goes through a `BlindIndexField` (a keyed digest kept beside it).

`stored_key_problems()` asks the database, in one query, which keys its values were encrypted
with, so a site whose DATA_KEYS lost a needed key refuses to start instead of failing on a read;
`rotate_stored()` re-encrypts everything under the newest key, batch by batch.
"""

import re

from django.apps import apps
from django.core.exceptions import FieldError
from django.db import OperationalError, ProgrammingError, models, transaction
from django.db.models import Q
from django.db.models.functions import Cast, Substr
from django.db.models.lookups import Exact

from siteplatform import data_keys

# How a stored value starts: the fingerprint, then a Fernet token (version byte 0x80, "gAAAAA").
STORED_PREFIX = re.compile(rf"([0-9a-f]{{{data_keys.FINGERPRINT_LENGTH}}}):gAAAAA")
PREFIX_LENGTH = data_keys.FINGERPRINT_LENGTH + len(":gAAAAA")


class Ciphertext(str):
    """A value that is already stored ciphertext (rotation writes these): saved as it is."""


class EmptyOnlyExact(Exact):
    def get_prep_lookup(self):
        if self.rhs not in ("", None):
            raise FieldError(
                "An encrypted field can only be compared with ''; look records up by a blind index."
            )
        return super().get_prep_lookup()


class EncryptedMixin:
    def get_internal_type(self):
        return "TextField"  # a token is longer than its text: the column is never a varchar(n)

    def from_db_value(self, value, expression, connection):
        return data_keys.decrypt(value) if value else value

    def get_db_prep_value(self, value, connection, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        if not value or isinstance(value, Ciphertext):
            return value
        return data_keys.encrypt(value)

    def get_lookup(self, lookup_name):
        if lookup_name == "exact":
            return EmptyOnlyExact
        return super().get_lookup(lookup_name) if lookup_name == "isnull" else None

    def get_transform(self, lookup_name):
        return None


class EncryptedCharField(EncryptedMixin, models.CharField):
    pass


class EncryptedEmailField(EncryptedMixin, models.EmailField):
    pass


class EncryptedTextField(EncryptedMixin, models.TextField):
    pass


class BlindIndexField(models.CharField):
    """The keyed digest (data_keys.blind_indexes) of the `source` field's value after `normalize`,
    set on every save; empty when that value is empty or does not normalize."""

    def __init__(self, *args, source, normalize, **kwargs):
        self.source, self.normalize = source, normalize
        kwargs.update(max_length=64, blank=True, editable=False, db_index=True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for fixed in ("max_length", "blank", "editable", "db_index"):
            kwargs.pop(fixed, None)
        return name, path, args, {**kwargs, "source": self.source, "normalize": self.normalize}

    def digests(self, value):
        """Every key's digest of `value` (newest first): what a search for it matches."""
        normalized = self.normalize(value) if value else ""
        return (
            data_keys.blind_indexes(normalized, f"{self.model._meta.label_lower}.{self.source}")
            if normalized
            else []
        )

    def pre_save(self, model_instance, add):
        value = next(iter(self.digests(getattr(model_instance, self.source))), "")
        setattr(model_instance, self.attname, value)
        return value


def encrypted_models():
    """{model: [its own encrypted fields]} for every model whose table holds some."""
    found = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = [field for field in model._meta.local_concrete_fields if isinstance(field, EncryptedMixin)]
        if fields:
            found[model] = fields
    return found


def stored_fingerprints():
    """The fingerprints of the keys that stored values were encrypted with: one query."""
    queries = [
        model._base_manager.order_by()
        .annotate(prefix=Substr(field.attname, 1, PREFIX_LENGTH))
        .values_list("prefix")
        for model, fields in encrypted_models().items()
        for field in fields
    ]
    if not queries:
        return set()
    rows = queries[0].union(*queries[1:]).order_by()
    return {match[1] for (prefix,) in rows if prefix and (match := STORED_PREFIX.match(prefix))}


def stored_key_problems():
    """One sentence per key that stored data needs and DATA_KEYS does not hold; empty when all is
    readable (or nothing is migrated yet)."""
    try:
        needed = stored_fingerprints()
    except (OperationalError, ProgrammingError):  # tables not made yet: nothing is stored
        return []
    return [
        f"Stored enquiries were encrypted with the data key {key_name}, which DATA_KEYS no longer holds. "
        "Put that key back in DATA_KEYS (after the newest) and run `manage.py rotate_data_keys` before dropping it."
        for key_name in sorted(needed - set(data_keys.fingerprints()))
    ]


def rotate_stored(*, batch_size=500):
    """Re-encrypts every stored value not yet under the newest key, `batch_size` rows per
    transaction (rows locked while they change), with the blind indexes beside them. Stopping
    half-way loses nothing and running it again carries on. Yields (model, values re-encrypted)."""
    newest = data_keys.fingerprints()[0]
    for model, fields in encrypted_models().items():
        raw = {f"raw_{field.attname}": Cast(field.attname, models.TextField()) for field in fields}
        stale = Q()
        for name in raw:
            stale |= ~Q(**{name: ""}) & ~Q(**{f"{name}__startswith": f"{newest}:"})
        indexes = [field for field in model._meta.local_concrete_fields if isinstance(field, BlindIndexField)]
        count, after = 0, None
        while True:
            with transaction.atomic():
                # Walks the table once, by primary key: ends even should a row not change.
                rows = model._base_manager.filter(pk__gt=after) if after is not None else model._base_manager
                batch = list(
                    rows.select_for_update()
                    .annotate(**raw)
                    .filter(stale)
                    .order_by("pk")
                    .values("pk", *raw)[:batch_size]
                )
                for row in batch:
                    changes = {}
                    for field in fields:
                        stored = row[f"raw_{field.attname}"]
                        if stored and not stored.startswith(f"{newest}:"):
                            changes[field.attname] = Ciphertext(data_keys.rotate(stored))
                            count += 1
                    for index in indexes:
                        source = row.get(f"raw_{index.source}")
                        changes[index.attname] = next(
                            iter(index.digests(data_keys.decrypt(source) if source else "")), ""
                        )
                    model._base_manager.filter(pk=row["pk"]).update(**changes)
            if len(batch) < batch_size:
                break
            after = batch[-1]["pk"]
        yield model, count
