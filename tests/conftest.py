from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

import bilateral

settings.register_profile(
    "default",
    deadline=None,
    # The first draw of a session builds the country registry; later ones are fast.
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("ci", parent=settings.get_profile("default"), max_examples=200)
settings.load_profile("ci" if os.environ.get("CI") else "default")


@pytest.fixture(scope="session")
def seeds() -> bilateral.Dataset:
    return bilateral.load_seeds()


@pytest.fixture(autouse=True)
def _forget_user_aliases():
    yield
    bilateral._countries.unregister_aliases()
