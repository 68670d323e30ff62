"""The words of the result page: kept as a name for ``rugtest.words``, where they live now."""

from rugtest.words import (  # noqa: F401 - re-exported
    ACTION_ADVICE, ACTIONS, ADVICE, CHECKIN_ADVICE, CONDITIONS, DURATION, LEVELS, PARTS, PRIVATE_ADVICE, PROGRESS,
    RISK_FACTORS, SAY, SIGNS,
)
from rugtest.words import SUPPORT as _SUPPORT

# As before: the result page's support ids only, so that ``SUPPORT.get(None)`` stays None.
SUPPORT = {support_id: words for support_id, words in _SUPPORT.items() if support_id is not None}

# The programme page's support line (W-1), by support id; ``None`` is the outcome's null.
PROGRAMME_SUPPORT = {support_id: words["short"] for support_id, words in _SUPPORT.items()}
