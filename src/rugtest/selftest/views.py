"""The rugtest pages: one step per page, then the result. HTTP in, HTTP out.

Nothing clinical is decided here: the core says which page comes next and what the
outcome is; ``progress`` keeps the answers in the session.
"""

import json
from datetime import datetime, time

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from rugtest import words
from rugtest.api import fhir
from rugtest.core import flow, questions
from rugtest.core.triage import (
    EMERGENCY,
    MILD_LEVELS,
    aaa_suspected_by_age,
    advice_left_out,
    uncertain_emergency,
)
from rugtest.i18n import lang as active_lang
from rugtest.pages import shared_page
from rugtest.reports.forms import ReportForm
from rugtest.reports.http import pdf_response
from rugtest.reports.result import result_pdf as build_result_pdf

from . import progress as progress_store
from . import summary


def _page_url(page):
    return redirect("selftest:step", page_id=page.id)


@shared_page
def start(request):
    progress = progress_store.load(request.session)
    next_page = progress.next_page()
    return render(request, "selftest/start.html", {
        "section": "rugtest",
        "step_count": questions.STEP_COUNT,  # as the step pages say it: "Stap 1 van N"
        "started": progress.started,
        "next_page": next_page or questions.PAGES[0],
        "finished": progress.started and next_page is None,
    })


def _question_rows(page, progress, data=None, errors=None):
    """What the template needs per shown question, in the page's language."""
    lang = active_lang()
    errors = errors or {}
    rows = []
    for question in questions.shown_questions(page, progress.answers):
        if data is not None:
            raw = data.getlist(question.id) if question.type == questions.MULTI else data.get(question.id, "")
        else:
            raw = progress.answers.get(question.id, [] if question.type == questions.MULTI else "")
        selected = set(raw) if question.type == questions.MULTI else {str(raw)}
        error = errors.get(question.id)
        rows.append({
            "blank": not error and raw in ("", [], None),
            "id": question.id,
            "type": question.type,
            "text": question.text(lang),
            "help": question.help(lang),
            "unit": question.unit(lang),
            "required": question.required,
            "minimum": question.minimum,
            "maximum": question.maximum,
            "value": "" if question.type == questions.MULTI else str(raw),
            "error": error.message(lang) if error else "",
            "options": [
                {"value": c.value, "text": c.text(lang), "checked": c.value in selected}
                for c in question.web_choices()
            ],
        })
    return rows


# The name of the language button on a step page (base.html): the answers ticked so far travel
# with it as a draft, so that switching language never loses them, also without JavaScript.
SWITCH_LANGUAGE = "switch_language"
DRAFT_KEY = "rugtest_draft"


def _switch_language(request, page):
    """Keep what is ticked on this page as a draft and show the page in the other language."""
    shown = {q.id: q for q in questions.shown_questions(page, progress_store.load(request.session).answers)}
    draft = {}
    for qid, question in shown.items():
        values = [v for v in request.POST.getlist(qid) if isinstance(v, str) and len(v) <= 20]
        if question.type != questions.MULTI:
            values = values[:1]
        if values:
            draft[qid] = values
    request.session[DRAFT_KEY] = {"page": page.id, "data": draft}
    target = "en" if active_lang() == "nl" else "nl"
    return redirect(translate_url(request.path, target))


def _take_draft(request, page):
    """The draft a language switch left for this page, once; None when there is none."""
    draft = request.session.pop(DRAFT_KEY, None)
    if not isinstance(draft, dict) or draft.get("page") != page.id or not isinstance(draft.get("data"), dict):
        return None
    return MultiValueDict({k: v for k, v in draft["data"].items() if isinstance(v, list)})


def _is_last_page(page, answers) -> bool:
    """No page after this one applies with the answers so far: its button shows the result."""
    later = questions.PAGES[questions.PAGES.index(page) + 1:]
    return not any(questions.page_applies(p, answers) for p in later)


def step(request, page_id):
    page = questions.PAGE_BY_ID.get(page_id)
    if page is None:
        raise Http404
    if request.method == "POST" and SWITCH_LANGUAGE in request.POST:
        return _switch_language(request, page)
    progress = progress_store.load(request.session)
    if not progress.reachable(page):
        # Sent out of turn (a second tab after "start again", a session that expired): what
        # it holds is kept, so that an emergency sign in it is acted on at once and nothing
        # else given is lost; the pages before it are asked first.
        if request.method == "POST" and progress_store.keep_answers(progress, page, request.POST):
            progress_store.save(request.session, progress)
        target = progress.next_page()
        if target is None:
            return redirect("selftest:result")
        if request.method == "POST" or page.id in progress.done or questions.page_applies(page, progress.answers):
            messages.info(request, _("Beantwoord eerst deze vragen."))
        return _page_url(target)

    errors = {}
    if request.method == "POST":
        errors = progress_store.submit_page(progress, page, request.POST)
        if not errors:
            progress_store.save(request.session, progress)
            target = progress.next_page()
            return redirect("selftest:result") if target is None else _page_url(target)

    data = request.POST if errors else _take_draft(request, page)
    return _render_step(request, page, progress, data, errors)


def _render_step(request, page, progress, data, errors):
    lang = active_lang()
    rows = _question_rows(page, progress, data, errors)
    previous = flow.previous_page(page, progress.answers)
    return render(request, "selftest/step.html", {
        "section": "rugtest",
        "page": page,
        "title": page.title(lang),
        "intro": page.intro(lang),
        "rows": rows,
        # The error summary links to the field: the number box, or a choice's first option.
        "errors": [
            (f"q-{row['id']}" if row["type"] == "int" else f"q-{row['id']}-1", row["text"], row["error"])
            for row in rows if row["error"]
        ],
        "step": page.step,
        "step_count": questions.STEP_COUNT,
        "previous": previous,
        "safety": page.step in questions.SAFETY_STEPS,
        "emergency_step": page.step == questions.EMERGENCY_STEP,
        # NHG 2017 / R-AAA-1: above 40, sudden severe pain alone means 112.
        "over_40": aaa_suspected_by_age(progress.answers.get("age")),
        "last": _is_last_page(page, progress.answers),
        "all_optional": not any(row["required"] for row in rows),
        # Every question of the page shown, nothing given or wrong yet: the questions read
        # the same for everyone, and step.html keeps them per page and language.
        "blank": len(rows) == len(page.questions) and all(row["blank"] for row in rows),
        "language_form": "stap",
    })


def _result_context(progress, outcome):
    lang = active_lang()
    emergency = outcome["level"] == EMERGENCY
    signs = summary.warning_signs(progress.answers, outcome, lang)
    unknowns = [
        {"id": q.id, "text": q.text(lang)}
        for q in questions.QUESTIONS if progress.answers.get(q.id) == "unknown"
    ]
    # The banner gives the action's advice, step 6's advice sits in its closed section and
    # A-CHECK-GP has a place of its own; D-4 (advice_left_out) leaves out what contradicts a
    # named condition.
    hidden_advice = set(words.ACTION_ADVICE) | words.PRIVATE_ADVICE | {"A-CHECK-GP"} | advice_left_out(outcome)
    return {
        "section": "rugtest",
        "outcome": outcome,
        "emergency": emergency,
        "date": progress.date or timezone.localdate(),
        "level": words.LEVELS[outcome["level"]],
        "action": words.ACTIONS[outcome["action"]],
        "conditions": summary.conditions(outcome),
        "duration": words.DURATION.get(outcome["duration_class"]),  # None: not asked (an early emergency)
        "advice": [
            {"id": a, "text": summary.advice_text(a, outcome)} for a in outcome["advice"] if a not in hidden_advice
        ],
        "private_advice": [
            {"id": a, "text": words.ADVICE[a]} for a in outcome["advice"] if a in words.PRIVATE_ADVICE
        ],
        "check_gp": "A-CHECK-GP" in outcome["advice"],
        "support": words.SUPPORT[outcome["support"]] if outcome["support"] else None,
        "risk_factors": [{"id": f, "text": words.RISK_FACTORS[f]} for f in outcome["risk_factors"]],
        "version_lines": summary.version_lines(outcome),
        "signs": signs,
        # The "Weet ik niet" list above the reasons says what to do about them (A-CHECK-*).
        "reasons": summary.reasons(progress.answers, outcome, say_what_to_do=not unknowns or emergency),
        "say": [words.SAY[s["id"]] for s in signs if s["value"] == "yes" and s["id"] in words.SAY],
        "age": progress.answers.get("age"),
        # NHG 2017 / R-AAA-1: above 40, sudden severe pain alone means 112 (D-15).
        "over_40": aaa_suspected_by_age(progress.answers.get("age")),
        "unknowns": unknowns,
        "answer_groups": summary.answer_groups(progress.answers, outcome, lang),
        "concerns": summary.concerns(progress.answers, outcome, lang),
        "early": progress.is_early(),
        # An emergency rule answered with "don't know" fires at urgent: say when to call 112.
        "uncertain_emergency": uncertain_emergency(outcome),
        "mild": outcome["level"] in MILD_LEVELS,
    }


def _progress_with_outcome(request):
    """The visitor's progress and outcome, or a redirect to where they must go."""
    progress = progress_store.load(request.session)
    if not progress.started:
        messages.info(request, _(
            "Er zijn geen antwoorden bewaard. Misschien was de pagina te lang niet gebruikt. "
            "Begin hieronder opnieuw."
        ))
        return progress, None, redirect("selftest:start")
    outcome = progress.outcome()
    if outcome is None:
        target = progress.next_page() or questions.PAGES[0]
        messages.info(request, _("Beantwoord eerst deze vragen."))
        return progress, None, _page_url(target)
    return progress, outcome, None


def result(request):
    progress, outcome, response = _progress_with_outcome(request)
    if response:
        return response
    progress_store.result_shown.send(
        sender=result, request=request, answers=progress.answers, outcome=outcome, run=progress.run
    )
    return _render_result(request, progress, outcome, ReportForm())


def _render_result(request, progress, outcome, report_form):
    context = _result_context(progress, outcome)
    # ?print=1: the same result laid out for paper (base.html hides the site around it).
    context["printing"] = request.GET.get("print") == "1"
    context.update(report_form=report_form, report_url=reverse("selftest:result_pdf"), report_intro=_(
        "Maak een PDF van uw uitslag en uw antwoorden, om te printen of mee te sturen."
    ))
    return render(request, "selftest/result.html", context)


def _no_result_page(request):
    """A clear page instead of a file: the answers are gone (a day passed) or not complete."""
    return render(request, "reports/missing.html", {
        "section": "rugtest",
        "title": _("Er is geen uitslag om te printen"),
        "body": _(
            "We bewaren uw antwoorden een dag. Daarna zijn ze weg. Of u heeft de rugtest nog "
            "niet afgemaakt. Doe de rugtest, dan kunt u de uitslag daarna printen."
        ),
        "next_url": reverse("selftest:start"),
        "next_text": _("Naar de rugtest"),
    }, status=404)


@require_http_methods(["GET", "HEAD", "POST"])
def result_pdf(request):
    """The report for the GP. A name is on it only when the person typed one (POST)."""
    progress = progress_store.load(request.session)
    outcome = progress.outcome() if progress.started else None
    if outcome is None:
        return _no_result_page(request)
    name = ""
    if request.method == "POST":
        form = ReportForm(request.POST)
        if not form.is_valid():
            return _render_result(request, progress, outcome, form)
        name = form.cleaned_data["name"]
    taken_on = progress.date or timezone.localdate()
    data = build_result_pdf(
        answers=progress.answers, outcome=outcome, taken_on=taken_on, early=progress.is_early(),
        name=name, made=timezone.make_aware(datetime.combine(taken_on, time(12))),
    )
    return pdf_response(data, "rugtest-uitslag", taken_on)


def result_json(request):
    """The outcome as a file, the same JSON the API and the command line give."""
    progress, outcome, response = _progress_with_outcome(request)
    if response:
        return response
    body = json.dumps(outcome, sort_keys=True, ensure_ascii=False)
    reply = HttpResponse(body, content_type="application/json; charset=utf-8")
    reply["Content-Disposition"] = 'attachment; filename="rugtest-uitslag.json"'
    return reply


@require_safe
def result_fhir(request):
    """The person's own result as the FHIR Bundle the API gives, to hand to a GP's system."""
    progress = progress_store.load(request.session)
    outcome = progress.outcome() if progress.started else None
    if outcome is None:
        return _no_result_page(request)
    taken_on = progress.date or timezone.localdate()
    bundle = fhir.result_bundle(
        progress.answers, outcome, authored=taken_on.isoformat(), stopped=progress.is_early(),
        timestamp=fhir.now_instant(),
    )
    reply = HttpResponse(json.dumps(bundle, ensure_ascii=False, indent=1), content_type="application/fhir+json; charset=utf-8")
    reply["Content-Disposition"] = f'attachment; filename="rugtest-uitslag-{taken_on.isoformat()}.fhir.json"'
    reply["Cache-Control"] = "private, no-store"
    return reply


@require_http_methods(["GET", "HEAD", "POST"])
def restart(request):
    """Start again: the answers and the result are wiped only once the person confirms it
    (one tap on "De test opnieuw doen" must not lose a result). GET shows the same question
    and changes nothing: the page's language link leads there."""
    progress = progress_store.load(request.session)
    if request.method != "POST" and not progress.started:
        return _page_url(questions.PAGES[0])  # nothing to wipe: the test starts at step 1
    if progress.started and (request.method != "POST" or request.POST.get("confirm") != "yes"):
        return render(request, "selftest/restart.html", {
            "section": "rugtest", "finished": progress.outcome() is not None,
        })
    progress_store.clear(request.session)
    return _page_url(questions.PAGES[0])
