"""Input errors shared by the questionnaire, the triage and the walking plan."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input, named by the field it concerns.

    ``field`` is the request field (``"age"``, ``"log[3].minutes"``) or ``None`` when the
    input is not a JSON object at all. The message exists in Dutch and English, because the
    web shows it in the page's language while the API and the command line speak English.
    ``en`` follows the field name (``age: must be …``); ``nl`` and ``en_page`` stand on their
    own next to the question on a page, so they are whole sentences.
    """

    def __init__(self, field: str | None, en: str, nl: str, en_page: str | None = None):
        super().__init__(f"{field}: {en}" if field else en)
        self.field = field
        self.messages = {"en": en, "nl": nl, "en_page": en_page or en}

    def message(self, lang: str = "en") -> str:
        """The message for a page in ``lang`` ("nl" or "en")."""
        return self.messages["nl"] if lang == "nl" else self.messages["en_page"]

    def as_json(self) -> dict:
        return {"error": {"field": self.field, "message": self.messages["en"]}}

    def cli_line(self) -> str:
        """One line, whatever the field name holds (a key may contain a newline)."""
        return "error: " + str(self).encode("unicode_escape").decode("ascii")
