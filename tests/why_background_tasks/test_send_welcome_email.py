import pytest

EXAMPLE = "why_background_tasks/send_welcome_email"


# --8<-- [start:test]
def test_sign_up_answers_201_then_the_email_is_sent(run_example):
    app = run_example(EXAMPLE)

    response = app.client.post("/users", json={"email": "ada@example.com"})

    assert response.status_code == 201
    assert response.json() == {
        "email": "ada@example.com",
        "message": "Signed up, welcome email on its way",
    }
    # TestClient returns only once the background tasks have run.
    assert app.log() == "welcome email sent to ada@example.com\n"
    # --8<-- [end:test]


def test_each_sign_up_appends_a_line(run_example):
    app = run_example(EXAMPLE)

    app.client.post("/users", json={"email": "ada@example.com"})
    app.client.post("/users", json={"email": "grace@example.com"})

    assert app.log_lines() == [
        "welcome email sent to ada@example.com",
        "welcome email sent to grace@example.com",
    ]


@pytest.mark.parametrize(
    ("email", "error_type"),
    [
        ("ada@example.com\nwelcome email sent to forged@example.com", "string_pattern_mismatch"),
        ("ada@example.com\n", "string_pattern_mismatch"),
        ("ada lovelace@example.com", "string_pattern_mismatch"),
        ("", "string_pattern_mismatch"),
        ("a" * 250 + "@example.com", "string_too_long"),
    ],
)
def test_a_bad_address_is_rejected_and_nothing_is_logged(run_example, email, error_type):
    app = run_example(EXAMPLE)

    response = app.client.post("/users", json={"email": email})

    assert response.status_code == 422
    error = response.json()["detail"][0]
    assert error["loc"] == ["body", "email"]
    assert error["type"] == error_type
    assert app.log() == ""
