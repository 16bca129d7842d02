import pytest

EXAMPLE = "failing_tasks/raised_and_returned_errors"
# --8<-- [start:constants]
CUSTOMER = {"X-Customer-Id": "7"}
NO_SUCH_CUSTOMER = {"X-Customer-Id": "0"}
DEPENDENCY_RAN = "dependency: audit task added"
AUDIT_TASK_RAN = "task: order request audited"


# --8<-- [end:constants]


def test_a_placed_order_runs_every_task(run_example):
    app = run_example(EXAMPLE)

    response = app.client.post("/orders", json={"item": "apple", "quantity": 2}, headers=CUSTOMER)

    assert response.status_code == 200
    assert response.json() == {"status": "placed"}
    assert app.log_lines() == [
        DEPENDENCY_RAN,
        AUDIT_TASK_RAN,
        "task: customer 7 ordered 2 apple",
    ]


# --8<-- [start:raised]
@pytest.mark.parametrize(
    ("order", "headers", "status", "where"),
    [
        ({"item": "plum", "quantity": 1}, CUSTOMER, 404, None),
        ({"item": "apple", "quantity": 1}, {}, 422, ["header", "x-customer-id"]),
        ({"item": "apple", "quantity": 1}, NO_SUCH_CUSTOMER, 422, ["header", "x-customer-id"]),
        ({"item": "apple", "quantity": 0}, CUSTOMER, 422, ["body", "quantity"]),
        ({"item": "apple\nforged", "quantity": 1}, CUSTOMER, 422, ["body", "item"]),
    ],
    ids=["HTTPException", "no header", "bad header", "bad quantity", "bad item"],
)
def test_a_raised_error_drops_the_tasks_already_added(run_example, order, headers, status, where):
    app = run_example(EXAMPLE)

    response = app.client.post("/orders", json=order, headers=headers)

    assert response.status_code == status
    if where is not None:
        assert [error["loc"] for error in response.json()["detail"]] == [where]
    # The dependency ran and added its task, but the task never ran.
    assert app.log_lines() == [DEPENDENCY_RAN]
    # --8<-- [end:raised]


# --8<-- [start:returned]
def test_a_returned_error_response_still_runs_the_tasks(run_example):
    app = run_example(EXAMPLE)

    response = app.client.post("/orders", json={"item": "apple", "quantity": 9}, headers=CUSTOMER)

    assert response.status_code == 400
    assert response.json() == {"detail": "Not enough in stock"}
    assert app.log_lines() == [DEPENDENCY_RAN, AUDIT_TASK_RAN]
    # --8<-- [end:returned]
