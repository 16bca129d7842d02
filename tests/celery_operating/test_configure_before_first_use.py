import redis
from celery import Celery

from docs_src.celery_operating.celery_app_factory import Settings, create_celery_app
from tests.examples import REDIS_URL_VARIABLE, import_example, read_log, redis_url

QUEUE = "celery"  # the Redis list of Celery's default queue
LINE = "notification for ada@example.com: welcome aboard"


def queued(port: int) -> int:
    with redis.Redis(port=port) as client:
        return client.llen(QUEUE)


# --8<-- [start:too_late]
def test_settings_changed_after_the_first_job_are_ignored(start_redis, monkeypatch):
    first, second = start_redis(), start_redis()
    monkeypatch.setenv(REDIS_URL_VARIABLE, redis_url(first))
    tasks = import_example("celery_operating/notification_tasks")
    tasks.send_notification.delay("ada@example.com")

    # Both too late: the module read the variable at import, and the app has
    # been connected to its broker since the first job.
    monkeypatch.setenv(REDIS_URL_VARIABLE, redis_url(second))
    tasks.celery_app.conf.broker_url = redis_url(second)
    tasks.send_notification.delay("grace@example.com")

    assert tasks.celery_app.conf.broker_url == redis_url(second)
    assert (queued(first), queued(second)) == (2, 0)
    # --8<-- [end:too_late]


# --8<-- [start:in_time]
def test_a_setting_changed_before_the_first_job_applies(start_redis, monkeypatch):
    first, second = start_redis(), start_redis()
    monkeypatch.setenv(REDIS_URL_VARIABLE, redis_url(first))
    tasks = import_example("celery_operating/notification_tasks")

    tasks.celery_app.conf.broker_url = redis_url(second)
    tasks.send_notification.delay("ada@example.com")

    assert (queued(first), queued(second)) == (0, 1)
    # --8<-- [end:in_time]


# --8<-- [start:factory]
def test_each_app_from_the_factory_keeps_to_its_own_settings(
    celery_env, start_redis, monkeypatch, tmp_path
):
    first, second = start_redis(), start_redis()
    ours = create_celery_app(Settings(redis_url=redis_url(first)))
    theirs = create_celery_app(Settings(redis_url=redis_url(second)))

    ours.tasks["send_notification"].delay("ada@example.com")
    theirs.tasks["send_notification"].delay("grace@example.com")

    assert (queued(first), queued(second)) == (1, 1)
    # The task is on the apps that the factory built, and on no other.
    assert "send_notification" not in Celery("unrelated").tasks
    # The module's own app, the worker's, was built from the environment.
    module = import_example("celery_operating/celery_app_factory")
    assert module.celery_app.conf.broker_url == celery_env
    # The task is still a plain function: a unit test can call it, no Celery needed.
    monkeypatch.chdir(tmp_path)
    assert module.send_notification("ada@example.com") == LINE
    assert read_log(tmp_path) == LINE + "\n"
    # --8<-- [end:factory]


def test_by_default_a_decorated_task_lands_on_every_app_finalized_later(celery_env):
    tasks = import_example("celery_operating/notification_tasks")

    assert tasks.send_notification.name in Celery("unrelated").tasks
