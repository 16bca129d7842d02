import pytest
from fastapi import BackgroundTasks

from tests.examples import DOCS_SRC, run_transcript

# --8<-- [start:test]
# The same app written two ways: each test runs once for each of them.
VARIANTS = [
    "dependencies/log_query_in_dependency",
    "dependencies/log_query_in_dependency_plain",
]


@pytest.fixture(params=VARIANTS, ids=lambda name: name.split("/")[1])
def app(request, run_example):
    return run_example(request.param)


def test_tasks_run_in_the_order_they_were_added(app):
    response = app.client.post("/send-notification/ada@example.com", params={"q": "fastapi"})

    assert response.status_code == 200
    assert response.json() == {"message": "Notification sent in the background"}
    # Sub-dependency, then dependency, then path operation function.
    assert app.log_lines() == [
        "query: fastapi",
        "message: news about fastapi",
        "notification for ada@example.com: news about fastapi",
    ]
    # --8<-- [end:test]


@pytest.fixture
def added_to(monkeypatch) -> list[BackgroundTasks]:
    """The BackgroundTasks object of every add_task call, in call order."""
    objects: list[BackgroundTasks] = []
    add_task = BackgroundTasks.add_task

    def spy(self, func, *args, **kwargs):
        objects.append(self)
        add_task(self, func, *args, **kwargs)

    monkeypatch.setattr(BackgroundTasks, "add_task", spy)
    return objects


def test_without_q_the_sub_dependency_adds_no_task(app):
    response = app.client.post("/send-notification/ada@example.com")

    assert response.status_code == 200
    assert response.json() == {"message": "Notification sent in the background"}
    assert app.log() == (
        "message: welcome aboard\nnotification for ada@example.com: welcome aboard\n"
    )


def test_every_level_adds_to_one_object_per_request(app, added_to):
    app.client.post("/send-notification/ada@example.com", params={"q": "fastapi"})
    app.client.post("/send-notification/grace@example.com", params={"q": "pydantic"})

    first, second = added_to[:3], added_to[3:]
    assert len(first) == len(second) == 3
    assert first[0] is first[1] is first[2]
    assert second[0] is second[1] is second[2]
    assert first[0] is not second[0]


@pytest.mark.parametrize(
    ("q", "error_type"),
    [
        ("fastapi\nforged line", "string_pattern_mismatch"),
        ("fastapi\rforged line", "string_pattern_mismatch"),
        ("fastapi\u2028forged line", "string_pattern_mismatch"),
        ("fastapi\tforged: column", "string_pattern_mismatch"),
        ("", "string_pattern_mismatch"),
        ("x" * 51, "string_too_long"),
    ],
    ids=["line feed", "carriage return", "line separator", "tab", "empty", "51 characters"],
)
def test_a_bad_query_is_rejected_and_nothing_is_logged(app, q, error_type):
    response = app.client.post("/send-notification/ada@example.com", params={"q": q})

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["query", "q"]
    assert error["type"] == error_type
    assert app.log() == ""


def test_a_query_of_50_characters_is_logged(app):
    q = "x" * 50

    response = app.client.post("/send-notification/ada@example.com", params={"q": q})

    assert response.status_code == 200
    assert app.log_lines() == [
        f"query: {q}",
        f"message: news about {q}",
        f"notification for ada@example.com: news about {q}",
    ]


def test_a_bad_address_drops_the_tasks_the_dependencies_added(app, added_to):
    response = app.client.post(
        "/send-notification/ada%0Aforged@example.com", params={"q": "fastapi"}
    )

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["path", "email"]
    # Both dependencies ran and added their task before the address was checked...
    assert len(added_to) == 2
    # ...but the 422 response carries none of them.
    assert app.log() == ""


def test_the_commands_on_the_page_print_what_the_page_shows(tmp_path):
    run_transcript(DOCS_SRC / "dependencies" / "log_query_in_dependency.console", tmp_path)
