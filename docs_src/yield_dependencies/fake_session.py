"""A stand-in for a database session that writes what happens to it in log.txt."""


def write_log(line: str) -> None:
    # One whole line per call, appended, so writers never overwrite each other.
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(f"{line}\n")


class SessionClosedError(RuntimeError):
    pass


class Session:
    def __init__(self, by: str) -> None:
        self.closed = False
        self.saved: list[str] = []
        write_log(f"{by}: session opened")

    def save(self, item: str, by: str) -> None:
        # Like a closed file or connection, a closed session refuses all work.
        if self.closed:
            write_log(f"{by}: cannot save {item}, session is closed")
            raise SessionClosedError(f"cannot save {item}: the session is closed")
        self.saved.append(item)
        write_log(f"{by}: saved {item}")

    def close(self, by: str) -> None:
        self.closed = True
        write_log(f"{by}: session closed")
