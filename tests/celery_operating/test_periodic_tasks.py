from datetime import UTC, datetime, timedelta

from tests.examples import DOCS_SRC, import_example, read_log, run_transcript

COUNTDOWN = 1  # second


# --8<-- [start:beat]
def test_beat_sends_the_task_every_second_and_a_worker_runs_it(tmp_path):
    # Redis, a worker, beat, a second beat, then the log: the commands on the page.
    run_transcript(DOCS_SRC / "celery_operating" / "periodic_tasks.console", tmp_path)

    assert read_log(tmp_path).splitlines()[:2] == ["heartbeat", "heartbeat"]
    # The schedule names the task by the name the worker registered it under.
    tasks = import_example("celery_operating/periodic_tasks")
    entry = tasks.celery_app.conf.beat_schedule["heartbeat-every-second"]
    assert entry["task"] == tasks.record_heartbeat.name
    # Beat kept its schedule in the working directory, and removed its pid file on exit.
    assert any(path.name.startswith("celerybeat-schedule") for path in tmp_path.iterdir())
    assert not (tmp_path / "celerybeat.pid").exists()
    # --8<-- [end:beat]


# --8<-- [start:countdown]
def test_countdown_and_eta_hold_a_job_back_until_its_time(celery_env, start_worker, tmp_path):
    tasks = import_example("celery_operating/notification_tasks")
    start_worker("docs_src.celery_operating.notification_tasks")

    sent_at = datetime.now(UTC)
    later = tasks.send_notification.apply_async(("ada@example.com",), countdown=COUNTDOWN)
    at_eta = tasks.send_notification.apply_async(
        ("grace@example.com",), eta=sent_at + timedelta(seconds=COUNTDOWN)
    )

    later.get(timeout=10)
    at_eta.get(timeout=10)
    # The worker stamps each job when it ends: neither ran before its time.
    assert later.date_done >= sent_at + timedelta(seconds=COUNTDOWN)
    assert at_eta.date_done >= sent_at + timedelta(seconds=COUNTDOWN)
    assert sorted(read_log(tmp_path).splitlines()) == [
        "notification for ada@example.com: welcome aboard",
        "notification for grace@example.com: welcome aboard",
    ]
    # --8<-- [end:countdown]
