"""The data keys (siteplatform/data_keys.py): kept apart from SECRET_KEY, newest first, and
required in production."""

from types import SimpleNamespace

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from siteplatform import data_keys
from siteplatform.checks import production_problems
from tests.environment import PRODUCTION, settings_from


def test_production_refuses_to_start_without_data_keys():
    env = {**PRODUCTION, "DATA_KEYS": ""}
    problems = production_problems(SimpleNamespace(**settings_from(env, clean=True)))
    assert any("DATA_KEYS is not set" in problem for problem in problems)


def test_a_malformed_key_is_named_at_start_up():
    with pytest.raises(ImproperlyConfigured, match="key 2 is not a Fernet key"):
        data_keys.parse(f"{Fernet.generate_key().decode()}, not-a-key")


def test_development_makes_a_local_key_file_once(tmp_path):
    first = data_keys.configured("", tmp_path, debug=True)
    assert len(first) == 1
    assert data_keys.configured("", tmp_path, debug=True) == first
    assert (tmp_path / ".data-keys").stat().st_mode & 0o077 == 0
    assert data_keys.configured("", tmp_path, debug=False) == []


def test_the_newest_key_encrypts_and_every_key_decrypts(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.DATA_KEYS = [old]
    token = data_keys.multi_fernet().encrypt(b"unique words")
    settings.DATA_KEYS = [new, old]
    assert data_keys.multi_fernet().decrypt(token) == b"unique words"
    assert Fernet(new).decrypt(data_keys.multi_fernet().encrypt(b"x")) == b"x"
