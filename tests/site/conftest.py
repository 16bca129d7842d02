from pathlib import Path

import pytest

from scripts.i18n import ROOT
from tests.site.build import build_site


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The whole site, built once per session with --strict into a temporary folder."""
    return build_site(ROOT, tmp_path_factory.mktemp("site"))
