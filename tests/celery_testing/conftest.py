import logging

import pytest


@pytest.fixture(autouse=True)
def keep_logging_as_it_was():
    """Celery's in-process worker sets up logging for the whole process (the root
    logger's level and handlers): put them back, for the tests that come after."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    yield
    root.setLevel(level)
    root.handlers[:] = handlers
