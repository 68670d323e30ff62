"""The rugtest pages: one step per page, then the result. HTTP in, HTTP out.

Nothing clinical is decided here: the core says which page comes next and what the
outcome is; ``progress`` keeps the answers in the session.
"""

import json

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rugtest import words
from rugtest.core import flow, questions
from rugtest.core.triage import RULE_BY_ID, RULES, triggers

from . import progress as progress_store


def _lang() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def _page_url(page):
    return redirect("selftest:step", page_id=page.id)


def start(request):
    progress = progress_store.load(request.session)
    next_page = progress.next_page()
    return render(request, "selftest/start.html", {
        "section": "rugtest",
        "started": progress.started,
        "next_page": next_page or questions.PAGES[0],
        "finished": progress.started and next_page is None,
    })


def _question_rows(page, progress, data=None, errors=None):
    """What the template needs per shown question, in the page's language."""
    lang = _lang()
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


def step(request, page_id):
    page = questions.PAGE_BY_ID.get(page_id)
    if page is None:
        raise Http404
    progress = progress_store.load(request.session)
    if not progress.reachable(page):
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

    lang = _lang()
    rows = _question_rows(page, progress, request.POST if errors else None, errors)
    previous = flow.previous_page(page, progress.answers)
    return render(request, "selftest/step.html", {
        "section": "rugtest",
        "page": page,
        "title": page.title(lang),
        "intro": page.intro(lang),
        "rows": rows,
        "errors": [(row["id"], row["text"], row["error"]) for row in rows if row["error"]],
        "step": page.step,
        "step_count": questions.STEP_COUNT,
        "previous": previous,
        "safety": page.step in (2, 3),
        "all_optional": not any(row["required"] for row in rows),
    })


def _answer_text(question, value, lang):
    if question.type == questions.INT:
        unit = question.unit(lang)
        return f"{value} {unit}".strip()
    if question.type == questions.MULTI:
        return ", ".join(question.choice_text(v, lang) for v in value) or "–"
    return question.choice_text(value, lang)


def _result_context(progress, outcome):
    lang = _lang()
    fired = set(outcome["rules"]) | set(outcome["uncertain_rules"])
    concerns = []
    for rule in RULES:
        if rule.id in fired:
            for qid in triggers(rule, progress.answers):
                if qid not in [c["id"] for c in concerns]:
                    question = questions.BY_ID[qid]
                    concerns.append({
                        "id": qid,
                        "text": question.text(lang),
                        "answer": question.choice_text(progress.answers[qid], lang),
                    })
    answer_rows = []
    for page in questions.PAGES:
        page_rows = [
            {"text": q.text(lang), "answer": _answer_text(q, progress.answers[q.id], lang), "id": q.id}
            for q in page.questions if q.id in progress.answers
        ]
        if page_rows:
            answer_rows.append({
                "page": page, "title": page.title(lang), "rows": page_rows,
                # Step 6 stays closed until the person opens it (questionnaire.md).
                "private": page.step == 6,
            })
    return {
        "section": "rugtest",
        "outcome": outcome,
        "level": words.LEVELS[outcome["level"]],
        "action": words.ACTIONS[outcome["action"]],
        "conditions": [dict(words.CONDITIONS[c], id=c) for c in outcome["conditions"]],
        "duration": words.DURATION[outcome["duration_class"]],
        "advice": [
            {"id": a, "text": words.ADVICE[a]}
            for a in outcome["advice"]
            if a not in words.ACTION_ADVICE and a not in words.PRIVATE_ADVICE
        ],
        "private_advice": [
            {"id": a, "text": words.ADVICE[a]} for a in outcome["advice"] if a in words.PRIVATE_ADVICE
        ],
        "support": words.SUPPORT[outcome["support"]] if outcome["support"] else None,
        "risk_factors": [{"id": f, "text": words.RISK_FACTORS[f]} for f in outcome["risk_factors"]],
        "concerns": concerns,
        "young": "R-AGE-1" in fired,
        "answer_groups": answer_rows,
        "early": progress.is_early(),
        # An emergency rule answered with "don't know" fires at urgent: say when to call 112.
        "uncertain_emergency": any(
            RULE_BY_ID[r].level == "emergency" for r in outcome["uncertain_rules"]
        ) and outcome["level"] != "emergency",
        "mild": outcome["level"] in ("gp", "selfcare"),
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
    return render(request, "selftest/result.html", _result_context(progress, outcome))


def result_json(request):
    """The outcome as a file, the same JSON the API and the command line give."""
    progress, outcome, response = _progress_with_outcome(request)
    if response:
        return response
    body = json.dumps(outcome, sort_keys=True, ensure_ascii=False)
    reply = HttpResponse(body, content_type="application/json; charset=utf-8")
    reply["Content-Disposition"] = 'attachment; filename="rugtest-uitslag.json"'
    return reply


@require_POST
def restart(request):
    progress_store.clear(request.session)
    return _page_url(questions.PAGES[0])
