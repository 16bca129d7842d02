import logging

import pytest
from fastapi import BackgroundTasks

from tests.examples import DOCS_SRC, run_transcript

EXAMPLE = "response_background/response_background_drops_injected"


@pytest.fixture
def added(monkeypatch) -> list[str]:
    """The first argument of every add_task call on an injected BackgroundTasks."""
    lines: list[str] = []
    add_task = BackgroundTasks.add_task

    def spy(self, func, *args, **kwargs):
        lines.append(args[0])
        add_task(self, func, *args, **kwargs)

    monkeypatch.setattr(BackgroundTasks, "add_task", spy)
    return lines


# --8<-- [start:test]
def test_the_tasks_of_the_injected_object_are_dropped(run_example, added, caplog):
    app = run_example(EXAMPLE)

    response = app.client.post("/send-notification/ada@example.com")

    assert response.status_code == 202
    # The dependency and the path operation function added their tasks...
    assert added == [
        "audit: notification requested",
        "stats: notification counted for ada@example.com",
    ]
    # ...but only the response's own task ran.
    assert app.log_lines() == ["notification for ada@example.com: welcome aboard"]
    # Nothing was logged about it either.
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    # --8<-- [end:test]


def test_the_commands_on_the_page_print_what_the_page_shows(tmp_path):
    run_transcript(
        DOCS_SRC / "response_background" / "response_background_drops_injected.console", tmp_path
    )
