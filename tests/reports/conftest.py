import pytest

from tests.conftest import shared_data
from tests.reports.test_reports_history import build_history


@pytest.fixture(scope="module")
def history(django_db_setup, django_db_blocker):
    """The hand-built report history, built once per module: the reports only read it."""
    with shared_data(django_db_blocker):
        yield build_history()
