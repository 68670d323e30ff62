"""The language of the request being answered, as the two codes the core and the PDFs speak."""

from django.utils.translation import get_language


def lang() -> str:
    """``"en"`` when English is active, else ``"nl"`` (Dutch first: also when none is active)."""
    return "en" if (get_language() or "nl").startswith("en") else "nl"
