import pytest

from tests.accounts.helpers import make_user


@pytest.fixture
def two_factor_required(settings):
    settings.TWO_FACTOR_REQUIRED = True


@pytest.fixture
def superuser(django_user_model):
    return make_user(django_user_model, "admin", superuser=True)


@pytest.fixture
def coordinator(django_user_model):
    """An intake coordinator: can read enquiries (a member of the group the contact app makes)."""
    return make_user(django_user_model, "coordinator", groups=["Intake coordinators"])


@pytest.fixture
def editor(django_user_model):
    """An editor who cannot read enquiries."""
    return make_user(django_user_model, "editor", permissions=["wagtailcore.add_page"])
