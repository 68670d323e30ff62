"""What a signed-in person keeps of the walking programme: programmes, their log and check-ins.

The plan itself is never stored: it is computed from the log by ``rugtest.core.programme``
every time (W-8), so a corrected or deleted entry always gives the right plan.
"""

from django.conf import settings
from django.db import models

from rugtest.core import measures
from rugtest.core.programme import NOTE_MAX_CHARS, PARTS, PROGRESS_VALUES


class Programme(models.Model):
    DIRECT, TEST_WALKS = "direct", "test_walks"
    BASELINE_METHODS = [(DIRECT, "direct"), (TEST_WALKS, "test walks")]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programmes")
    result = models.ForeignKey("selftest.RugtestResult", on_delete=models.SET_NULL, null=True, related_name="programmes")
    start = models.DateField()
    baseline_minutes = models.PositiveSmallIntegerField()
    baseline_method = models.CharField(max_length=16, choices=BASELINE_METHODS)
    test_walks = models.JSONField(default=list, blank=True)
    # W-1: for a rugtest result "ask_gp_first", the date the person ticked "my GP agrees".
    gp_agreed_on = models.DateField(null=True, blank=True)
    # outcome-measures.md O-2: the first day after the start on which the programme page asked
    # once more for the start measurement (core.measures.start_offer_open).
    start_measure_asked_again_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"programme {self.pk} from {self.start}"


class WalkEntry(models.Model):
    PART_CHOICES = [(part, part) for part in PARTS]

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="entries")
    date = models.DateField()
    part = models.CharField(max_length=10, choices=PART_CHOICES)
    minutes = models.PositiveSmallIntegerField()
    pain_before = models.PositiveSmallIntegerField(null=True, blank=True)
    pain_after = models.PositiveSmallIntegerField(null=True, blank=True)
    painkiller = models.CharField(max_length=3, blank=True, default="")
    note = models.CharField(max_length=NOTE_MAX_CHARS, blank=True, default="")
    warning_signs = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            # W-8: one entry per date and part; logging again replaces it.
            models.UniqueConstraint(fields=["programme", "date", "part"], name="one_walk_per_date_and_part"),
        ]
        indexes = [
            # The newest change to a log without reading it: selectors.programme_version().
            models.Index(fields=["programme", "updated_at"], name="walk_newest_change"),
        ]

    def __str__(self) -> str:
        return f"walk {self.pk} on {self.date}, {self.part}"


class CheckIn(models.Model):
    """W-14: the check-in after 3 to 4 weeks, stored with its date.

    ``answers`` holds the step 6 answers given at the check-in ("yes"/"no"; a question left
    open is absent); ``risk_factors`` and ``support`` are what the core computed from them
    and the rugtest behind the programme, kept as they were shown that day.
    """

    PROGRESS_CHOICES = [(value, value) for value in PROGRESS_VALUES]

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="checkins")
    date = models.DateField()
    progress = models.CharField(max_length=8, choices=PROGRESS_CHOICES)
    answers = models.JSONField(default=dict, blank=True)
    risk_factors = models.JSONField(default=list, blank=True)
    # None: level gp (the outcome's null), apart from "" which no outcome gives.
    support = models.CharField(max_length=16, null=True, blank=True)  # noqa: DJ001
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            # W-14: one check-in a day; answering again the same day replaces it.
            models.UniqueConstraint(fields=["programme", "date"], name="one_checkin_per_date"),
        ]

    def __str__(self) -> str:
        return f"check-in {self.pk} on {self.date}"


class CheckInLater(models.Model):
    """W-14: "not now" on a date. Not a check-in: it hides the question for that day only."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="checkin_laters")
    date = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "date"], name="one_checkin_later_per_date"),
        ]

    def __str__(self) -> str:
        return f"check-in later {self.pk} on {self.date}"

class Measurement(models.Model):
    """O-5: one measurement of pain (pain_24h) and the person's own activities, at a moment
    of the programme (O-2: start, check-in, end), with its date.

    ``activities`` is a list of ``{"activity": text, "score": 0–10 or None}`` in the order
    the person named them at the start (O-1); a score left open is ``None``.
    """

    MOMENT_CHOICES = [(moment, moment) for moment in measures.MOMENTS]

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="measurements")
    moment = models.CharField(max_length=8, choices=MOMENT_CHOICES)
    date = models.DateField()
    pain_24h = models.PositiveSmallIntegerField()
    activities = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            # O-2: never more than one measurement per moment; the same day corrects it.
            models.UniqueConstraint(fields=["programme", "moment", "date"], name="one_measurement_per_moment_and_date"),
        ]

    def __str__(self) -> str:
        return f"measurement {self.pk} ({self.moment}) on {self.date}"

    def as_core(self):
        return measures.from_mapping({"moment": self.moment, "date": self.date, "pain_24h": self.pain_24h,
                                      "activities": self.activities})
