"""Everything the site holds about one person, as JSON and as a FHIR R4 Bundle.

The JSON export is the complete copy (GDPR art. 15 and 20): account, every rugtest result with
its answers, each programme with its computed plan and its log, the calendar link without its
secret, the share links for the GP without theirs, and the rows of any other model that refers
to the person (found through django.apps, so that a table added later is never left out). The FHIR Bundle carries the clinical part in a
form other software reads: one QuestionnaireResponse per rugtest result (to the Questionnaire
of /api/v1/fhir/Questionnaire/rugtest), one Observation of its outcome, and one Observation
per logged walk. It has no Patient resource: the site knows no name or date of birth.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from rugtest.api import fhir
from rugtest.core import measures, questions
from rugtest.programme.models import CheckIn, CheckInLater, Measurement, Programme, WalkEntry
from rugtest.programme.selectors import plan_for
from rugtest.selftest.models import RugtestResult
from rugtest.sharing.models import ShareLink

from .models import CalendarLink

FORMAT = "rugtest-export"
FORMAT_VERSION = 1
UUID_NAMESPACE = uuid.UUID("5d0c39a2-4a0e-4f57-9d0a-2c7b5f1a6e10")
# The models written out in their own section; any other model that refers to the person is
# exported generically under "other".
_EXPLICIT = {RugtestResult, Programme, WalkEntry, CheckIn, CheckInLater, CalendarLink, ShareLink, Measurement}
_SKIPPED_LABELS = {"auth.Permission", "auth.Group", "contenttypes.ContentType"}


def _iso(value):
    return value.isoformat() if value is not None else None


def _entry(row: WalkEntry) -> dict:
    return {
        "date": row.date.isoformat(), "part": row.part, "minutes": row.minutes,
        "pain_before": row.pain_before, "pain_after": row.pain_after,
        "painkiller": row.painkiller or None, "note": row.note or None,
        "warning_signs": list(row.warning_signs),
        "created_at": _iso(row.created_at), "updated_at": _iso(row.updated_at),
    }


def _measurement(row: Measurement) -> dict:
    return {**measures.as_json(row.as_core()), "created_at": _iso(row.created_at), "updated_at": _iso(row.updated_at)}


def _checkin(row: CheckIn) -> dict:
    """W-14: a check-in under its own name; a step 6 question left open is absent (D-3)."""
    return {
        "date": row.date.isoformat(), "progress": row.progress, "answers": dict(row.answers),
        "risk_factors": list(row.risk_factors), "support": row.support,
        "created_at": _iso(row.created_at),
    }


def _plan(programme: Programme, today: dt.date) -> dict:
    return plan_for(programme, today).plan  # the W-13 plan JSON, computed from the log


def _rows_referring_to(user) -> dict[str, list[dict]]:
    """Rows of every other model with a foreign key to the user (or to a programme or result)."""
    out: dict[str, list[dict]] = {}
    user_model = type(user)
    for model in apps.get_models():
        label = model._meta.label
        if model in _EXPLICIT or model is user_model or label in _SKIPPED_LABELS:
            continue
        filters = models.Q()
        for field in model._meta.concrete_fields:
            if not field.is_relation:
                continue
            target = field.related_model
            if target is user_model:
                filters |= models.Q(**{field.name: user})
            elif target in (Programme, RugtestResult):
                filters |= models.Q(**{f"{field.name}__user": user})
        if not filters:
            continue
        rows = []
        for obj in model.objects.filter(filters).distinct():
            row = {}
            for field in model._meta.concrete_fields:
                if field.name in ("password",):
                    continue
                value = getattr(obj, field.attname)
                row[field.name] = value
            rows.append(row)
        if rows:
            out[label] = rows
    return out


def share_links(user) -> list[dict]:
    """The person's share links for their GP (rugtest.sharing), without the token or its hash:
    the link itself is never stored, so it is never exported."""
    return [
        {
            "label": link.label, "name_shown": link.name or None, "created_at": _iso(link.created_at),
            "valid_until": _iso(link.expires_at), "last_opened_at": _iso(link.last_opened_at),
            "revoked_at": _iso(link.revoked_at),
        }
        for link in ShareLink.objects.filter(user=user).order_by("created_at", "id")
    ]


def export_json(user, *, today: dt.date | None = None, now: dt.datetime | None = None) -> dict:
    """The whole export as a JSON-ready dict (dates as ISO strings)."""
    today = today or timezone.localdate()
    now = now or timezone.now()
    results = [
        {"id": r.pk, "created_at": _iso(r.created_at), "answers": r.answers, "outcome": r.outcome}
        for r in RugtestResult.objects.filter(user=user).order_by("created_at", "id")
    ]
    programmes = []
    for p in Programme.objects.filter(user=user).order_by("created_at", "id"):
        programmes.append({
            "id": p.pk, "created_at": _iso(p.created_at), "result_id": p.result_id,
            "start": p.start.isoformat(), "baseline_minutes": p.baseline_minutes,
            "baseline_method": p.baseline_method, "test_walks": list(p.test_walks),
            "gp_agreed_on": _iso(p.gp_agreed_on),
            # O-2: the day the start measurement was asked once more.
            "start_measure_asked_again_on": _iso(p.start_measure_asked_again_on),
            "plan": _plan(p, today),
            "log": [_entry(e) for e in p.entries.order_by("date", "id")],
            "checkins": [_checkin(c) for c in p.checkins.order_by("date", "id")],
            "checkin_not_now_dates": [c.date.isoformat() for c in p.checkin_laters.order_by("date", "id")],
            # outcome-measures.md O-5: each measurement with its moment, date, pain and activities.
            "measurements": [_measurement(m) for m in p.measurements.order_by("date", "id")],
        })
    link = CalendarLink.objects.filter(user=user).first()
    calendar = None
    if link is not None:
        calendar = {
            "active": link.active,  # the secret link itself is never stored, so never exported
            "link_created_at": _iso(link.token_created_at) if link.active else None,
            "times": {part: t.strftime("%H:%M") for part, t in link.times().items()},
        }
    addresses = [
        {"email": a.email, "verified": a.verified, "primary": a.primary}
        for a in user.emailaddress_set.order_by("id")
    ] if hasattr(user, "emailaddress_set") else []
    data = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": _iso(now),
        "account": {
            "email": user.email, "email_addresses": addresses,
            "date_joined": _iso(user.date_joined), "last_login": _iso(user.last_login),
        },
        "rugtest_results": results,
        "programmes": programmes,
        "calendar_link": calendar,
        "share_links": share_links(user),
        "other": _rows_referring_to(user),
    }
    # Round-trip through Django's encoder so that any date, time or decimal in "other" is text.
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


# --- FHIR R4 ---------------------------------------------------------------------------------


def _full_url(kind: str, key) -> str:
    return f"urn:uuid:{uuid.uuid5(UUID_NAMESPACE, f'{kind}:{key}')}"


def questionnaire_response(result: RugtestResult) -> dict:
    """The answers of one result, grouped by step as in the rugtest Questionnaire: the same
    QuestionnaireResponse as /rugtest/uitslag.fhir.json and the FHIR API give."""
    answers = {qid: value for qid, value in result.answers.items() if qid in questions.BY_ID}
    response = fhir.questionnaire_response(answers, authored=_iso(result.created_at))
    response.pop("id")  # the Bundle entry's fullUrl names it
    return response


def outcome_observation(result: RugtestResult, response_url: str) -> dict:
    """The outcome of one result, coded in the CodeSystems of /api/v1/fhir/CodeSystem/."""
    observation = fhir.outcome_observation(result.outcome, response_url, effective=_iso(result.created_at))
    observation.pop("id")
    return observation


def walk_observation(entry: WalkEntry) -> dict:
    """One logged walk: LOINC 55411-3 "Exercise duration", in minutes (UCUM)."""
    obs = {
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                  "code": "activity", "display": "Activity"}]}],
        "code": {"coding": [{"system": "http://loinc.org", "code": "55411-3", "display": "Exercise duration"}],
                 "text": f"Walk ({entry.part})"},
        "effectiveDateTime": entry.date.isoformat(),
        "valueQuantity": {"value": entry.minutes, "unit": "min", "system": "http://unitsofmeasure.org",
                          "code": "min"},
    }
    components = []
    for key in ("pain_before", "pain_after"):
        value = getattr(entry, key)
        if value is not None:
            components.append({"code": {"coding": [{"system": fhir.system_url("rugtest-programme-record"), "code": key}],
                                        "text": key},
                               "valueInteger": value})
    for sign in entry.warning_signs:
        components.append({"code": {"coding": [{"system": fhir.system_url("rugtest-programme-record"), "code": "warning_sign"}],
                                    "text": "warning_sign"},
                           "valueCodeableConcept": fhir.concept("rugtest-warning-sign", sign)})
    if components:
        obs["component"] = components
    if entry.note:
        obs["note"] = [{"text": entry.note}]
    return obs


def measures_questionnaire_url() -> str:
    """D-10: under RUGTEST_PUBLIC_URL, and served there (rugtest/urls.py)."""
    return f"{fhir.canonical()}/Questionnaire/rugtest-measures"


def _moment_system() -> str:
    return f"{fhir.canonical()}/CodeSystem/rugtest-measure-moment"


def measures_questionnaire() -> dict:
    """O-1 as a FHIR Questionnaire: pain over the last 24 hours (NPRS) and up to three
    activities of the person's own choosing, each with a score (PSK / PSFS)."""
    return {
        "resourceType": "Questionnaire",
        "url": measures_questionnaire_url(),
        "name": "RugtestMeasures",
        "title": "Rugtest: pain and activities (outcome-measures.md O-1)",
        "status": "active",
        "item": [
            {"linkId": "moment", "text": "Moment (O-2)", "type": "choice", "required": True,
             "answerOption": [{"valueCoding": {"system": _moment_system(),
                                               "code": moment}} for moment in measures.MOMENTS]},
            {"linkId": "pain_24h", "type": "integer", "required": True,
             "text": "Average back pain over the last 24 hours, 0 (no pain) to 10 (worst imaginable)"},
            {"linkId": "activities", "type": "group", "repeats": True, "required": True,
             "text": "Activities that are hard now because of the back (up to three)",
             "item": [
                 {"linkId": "activity", "type": "string", "required": True, "maxLength": measures.ACTIVITY_MAX_CHARS,
                  "text": "Activity"},
                 {"linkId": "score", "type": "integer", "required": False,
                  "text": "How well can you do it now, 0 (not at all) to 10 (as well as before the back pain)"},
             ]},
        ],
    }


def measurement_response(m: Measurement) -> dict:
    """One measurement (O-5) as a QuestionnaireResponse to ``measures_questionnaire``."""
    groups = []
    for item in m.activities:
        parts = [{"linkId": "activity", "answer": [{"valueString": item["activity"]}]}]
        if item.get("score") is not None:
            parts.append({"linkId": "score", "answer": [{"valueInteger": item["score"]}]})
        groups.append({"linkId": "activities", "item": parts})
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": measures_questionnaire_url(),
        "status": "completed",
        "authored": m.date.isoformat(),
        "item": [
            {"linkId": "moment", "answer": [{"valueCoding": {
                "system": _moment_system(), "code": m.moment}}]},
            {"linkId": "pain_24h", "answer": [{"valueInteger": m.pain_24h}]},
            *groups,
        ],
    }


def export_fhir(user, *, now: dt.datetime | None = None) -> dict:
    """A FHIR R4 Bundle of type ``collection`` with the person's clinical data."""
    now = now or timezone.now()
    entries = []
    for result in RugtestResult.objects.filter(user=user).order_by("created_at", "id"):
        qr_url = _full_url("QuestionnaireResponse", result.pk)
        entries.append({"fullUrl": qr_url, "resource": questionnaire_response(result)})
        entries.append({"fullUrl": _full_url("Observation/outcome", result.pk),
                        "resource": outcome_observation(result, qr_url)})
    for entry in WalkEntry.objects.filter(programme__user=user).order_by("date", "id"):
        entries.append({"fullUrl": _full_url("Observation/walk", entry.pk), "resource": walk_observation(entry)})
    for checkin in CheckIn.objects.filter(programme__user=user).order_by("date", "id"):
        entries.append({"fullUrl": _full_url("QuestionnaireResponse/checkin", checkin.pk),
                        "resource": fhir.checkin_response(checkin, authored=checkin.date.isoformat())})
    # outcome-measures.md O-5: a QuestionnaireResponse per measurement, with its own Questionnaire.
    stored = list(Measurement.objects.filter(programme__user=user).order_by("date", "id"))
    if stored:
        entries.append({"fullUrl": measures_questionnaire_url(), "resource": measures_questionnaire()})
    for m in stored:
        entries.append({"fullUrl": _full_url("QuestionnaireResponse/measurement", m.pk),
                        "resource": measurement_response(m)})
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": now.isoformat(),
        "meta": {"lastUpdated": now.isoformat()},
    }
    if entries:
        bundle["entry"] = entries
    return bundle
