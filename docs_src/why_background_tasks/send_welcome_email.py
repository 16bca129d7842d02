from fastapi import BackgroundTasks, FastAPI
from pydantic import BaseModel, Field

app = FastAPI()


class SignUp(BaseModel):
    # One address, no spaces or line breaks: a newline in it would forge a line in the log.
    email: str = Field(max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def send_welcome_email(email: str) -> None:
    # Stands in for a slow call to a mail server.
    with open("log.txt", mode="a", encoding="utf-8") as log:
        log.write(f"welcome email sent to {email}\n")


@app.post("/users", status_code=201)
async def sign_up(user: SignUp, background_tasks: BackgroundTasks):
    background_tasks.add_task(send_welcome_email, user.email)
    return {"email": user.email, "message": "Signed up, welcome email on its way"}
