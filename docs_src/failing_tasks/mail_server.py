"""A stand-in for a mail server that is busy for a moment; it "sends" to log.txt."""


class MailServerBusy(ConnectionError):
    """A transient error: the same call may well succeed a moment later."""


class MailServer:
    def __init__(self, busy_for: int) -> None:
        # How many connections it refuses before it accepts one.
        self.busy_for = busy_for

    def send(self, text: str) -> None:
        if self.busy_for > 0:
            self.busy_for -= 1
            raise MailServerBusy("try again later")
        with open("log.txt", mode="a", encoding="utf-8") as log:
            log.write(f"{text}\n")
