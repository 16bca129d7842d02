import pytest

from scripts.project import ROOT
from tests.site.build import build_site, copy_project, once_per_run

NOTICE = {"zh-Hans": "译文可能已过时", "zh-Hant": "譯文可能已過時"}


@pytest.fixture(scope="session")
def site_after_english_edit(tmp_path_factory, worker_id):
    """A copy of the project whose English lesson 1 changed after translation, built once."""

    def build(folder):
        project = copy_project(ROOT, folder / "project")
        page = project / "docs/en/tutorial/first-task.md"
        page.write_text(
            page.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8"
        )
        return build_site(project, project / "site")

    return once_per_run(tmp_path_factory, worker_id, "site-after-english-edit", build)


@pytest.mark.parametrize("locale", NOTICE)
def test_translation_of_a_changed_page_says_it_may_be_outdated(site_after_english_edit, locale):
    html = (site_after_english_edit / locale / "tutorial/first-task/index.html").read_text(
        encoding="utf-8"
    )
    assert NOTICE[locale] in html
    assert '<a href="../../../tutorial/first-task/">' in html  # to the English page


@pytest.mark.parametrize("locale", NOTICE)
def test_up_to_date_translations_carry_no_notice(site, site_after_english_edit, locale):
    unchanged = (site_after_english_edit / locale / "index.html").read_text(encoding="utf-8")
    current = (site / locale / "tutorial/first-task/index.html").read_text(encoding="utf-8")
    assert NOTICE[locale] not in unchanged
    assert NOTICE[locale] not in current
