"""Errors that become one clear line for the user, never a traceback."""


class ExtractError(Exception):
    """A file could not be read. `code` is stable (JSON contract); `message` is Chinese for auditors."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    def to_record(self) -> dict:
        return {"code": self.code, "message": self.message}


class PatternError(Exception):
    """A file in patterns/ is malformed; the message names the file and the entry."""
