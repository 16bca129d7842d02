from anyio.from_thread import start_blocking_portal
from fastapi import BackgroundTasks


# --8<-- [start:test]
def test_background_tasks_has_no_method_to_wait_for_its_tasks():
    background_tasks = BackgroundTasks()

    public = {name for name in dir(background_tasks) if not name.startswith("_")}

    # A list of tasks, a way to add one, and a call that runs them: nothing else.
    assert public == {"tasks", "add_task"}
    assert callable(background_tasks)
    # --8<-- [end:test]


def test_calling_background_tasks_runs_them_in_order():
    ran: list[str] = []
    background_tasks = BackgroundTasks()
    background_tasks.add_task(ran.append, "first")
    background_tasks.add_task(ran.append, "second")

    # An event loop of its own, in its own thread: another test may have left
    # one running in this thread.
    with start_blocking_portal() as portal:
        portal.call(background_tasks)

    assert ran == ["first", "second"]
