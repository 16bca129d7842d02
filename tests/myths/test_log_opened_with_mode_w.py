EXAMPLE = "myths/log_opened_with_mode_w"


# --8<-- [start:test]
def test_with_mode_w_only_the_last_notification_survives(run_example):
    app = run_example(EXAMPLE)

    app.client.post("/send-notification/ada@example.com")
    app.client.post("/send-notification/grace@example.com")

    assert app.log_lines() == ["notification for grace@example.com: welcome aboard"]
    # --8<-- [end:test]


def test_an_address_with_a_line_break_is_rejected_and_nothing_is_logged(run_example):
    app = run_example(EXAMPLE)

    response = app.client.post("/send-notification/ada%0Aforged@example.com")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "email"]
    assert app.log() == ""
