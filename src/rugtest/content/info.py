"""The information pages: which condition has which page, and when the texts were checked.

Every condition id that the rugtest can name (triage-rules.md) has a page under
/informatie/<slug>/. The slugs are Dutch words a person can read in the address bar; the
same slugs are used under /en/. Other apps link to a page with ``condition_url(id)``.
"""

from datetime import date

from django.urls import reverse

from rugtest import words
from rugtest.core.triage import LEVELS, RULES, RULES_VERSION

# The one place that says when a clinician last checked the texts against the guidelines
# (shown on /over/). Change it after every check.
CONTENT_CHECKED = date(2026, 11, 25)

# The rugtest spec version the pages follow (shared/clinical/, shown on /over/).
RUGTEST_SPEC_VERSION = RULES_VERSION

# condition id (triage-rules.md) -> slug of its page, in the order of the rules table.
SLUGS = {
    "cauda_equina": "caudasyndroom",
    "aaa_rupture": "scheur-buikslagader",
    "other_serious_cause": "andere-ernstige-oorzaak",
    "spinal_fracture": "wervelbreuk",
    "infection": "infectie",
    "radicular_syndrome": "hernia",
    "malignancy": "kanker",
    "osteoporotic_fracture": "ingezakte-wervel",
    "axial_spondyloarthritis": "bechterew",
    "spinal_stenosis": "nauw-wervelkanaal",
}
CONDITION_BY_SLUG = {slug: condition_id for condition_id, slug in SLUGS.items()}

# The page title of each condition (its h1, and its name in the list on /informatie/): the
# condition's name in rugtest.words, the same words as on the result page.
TITLES = {condition_id: words.CONDITIONS[condition_id]["name"] for condition_id in SLUGS}


def condition_url(condition_id: str) -> str:
    """The address of a condition's page, in the active language (KeyError if unknown)."""
    return reverse("content:condition", kwargs={"slug": SLUGS[condition_id]})


def levels(condition_id: str) -> list[str]:
    """The levels at which the rugtest can name this condition, most urgent first.

    Read from the rules table itself, so that a page can never promise less urgency than
    the rugtest gives (e.g. a hernia is "today" with a weak leg, else "within a few days").
    """
    found = {rule.level for rule in RULES if rule.condition == condition_id}
    return [level for level in LEVELS if level in found]
