"""/rugoefening/wandeling/: logging a walk, changing it, wiping it (W-3, W-9)."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from rugtest.core import programme as core
from rugtest.core.errors import InputError
from rugtest.i18n import lang

from .. import presenters, services, summary
from ..forms import WalkForm
from ..selectors import plan_for, user_entry
from .common import add_input_error, programme_or_message, today

WALK_FIELDS = ("date", "part", "minutes", "pain_before", "pain_after", "painkiller", "note")


def _parse_day(text):
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


@login_required
def log_walk(request):
    day_today = today()
    programme = programme_or_message(request)
    if programme is None:
        return redirect("programme:home")
    if request.method != "POST":
        day = _parse_day(request.GET.get("date")) or day_today
        part = request.GET.get("part") if request.GET.get("part") in core.PARTS else None
        # The address of a new walk for a part already logged (a page opened before that walk
        # was saved, or the browser's Back button after saving it) stays the form of a new
        # walk: it never opens that walk to be written over. It says that the walk is there
        # and links to it ("Veranderen" links to the walk's own page).
        existing = programme.entries.filter(date=day, part=part).first() if part else None
        view = plan_for(programme, day_today)
        if part is None:
            part = core.part_to_log(timezone.localtime().hour, view.today_ids if day == day_today else {})
        initial = {"date": day, "part": part}
        return _render_log(request, programme, WalkForm(initial=initial), day_today, None, view=view,
                           already=existing)
    return _walk_form(request, programme, WalkForm(request.POST), day_today, entry=None)


@login_required
def edit_walk(request, entry_id):
    entry = user_entry(request.user, entry_id)
    if entry is None:
        raise Http404
    initial = {
        "date": entry.date, "part": entry.part, "minutes": entry.minutes, "pain_before": entry.pain_before,
        "pain_after": entry.pain_after, "painkiller": entry.painkiller, "note": entry.note,
        "warning_signs": entry.warning_signs,
    }
    form = WalkForm(request.POST if request.method == "POST" else None, initial=initial)
    return _walk_form(request, entry.programme, form, today(), entry=entry)


def _walk_form(request, programme, form, day_today, entry):
    if request.method == "POST" and request.POST.get("confirm_signs") == "no":
        # W-9 confirm step, "no, I do not have that": back to the form with everything else
        # kept and the signs not ticked; nothing is saved yet.
        kept = {key: request.POST.get(key) for key in WALK_FIELDS}
        kept["warning_signs"] = list(entry.warning_signs) if entry else []
        form = WalkForm(initial=kept)
        messages.info(request, _(
            "Er is nog niets opgeslagen. Het vinkje bij de klacht is weggehaald. Kijk het formulier na en kies Opslaan."
        ))
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        moved = entry is not None and (entry.date, entry.part) != (data["date"], data["part"])
        if entry is None or moved:
            # A new walk, or a walk moved, to a date and part already logged: never written
            # over without asking; the page links to that walk instead.
            already = programme.entries.filter(date=data["date"], part=data["part"]).first()
            if already is not None:
                # W-9: a new sign ticked with it is not lost either: it goes onto the walk that
                # is there, which keeps its minutes, pain scores and note.
                kept = {*already.warning_signs, *(entry.warning_signs if entry else ())}
                new_signs = [s for s in data["warning_signs"] if s not in kept]
                if new_signs:
                    return _sign_onto_walk(request, programme, form, day_today, entry, already, new_signs)
                form.add_error("part", _(
                    "U heeft deze wandeling al ingevuld: %(minutes)s minuten. Kies een ander dagdeel of een "
                    "andere dag. Of verander de wandeling die er al staat."
                ) % {"minutes": already.minutes})
                return _render_log(request, programme, form, day_today, entry, already=already)
        try:
            services.check_walk(programme=programme, today=day_today, moving=entry if moved else None, **data)
            already = set(entry.warning_signs) if entry else set()
            new_signs = [s for s in data["warning_signs"] if s not in already]
            if new_signs and request.POST.get("confirm_signs") != "yes":
                return _confirm_signs(request, programme, form, day_today, entry, new_signs)
            # Today's target can change only by a walk of an earlier day (W-4 looks at the days
            # before): then the words after the save say so.
            before = plan_for(programme, day_today).target if moved or data["date"] != day_today else None
            if moved:
                saved = services.move_walk(entry=entry, today=day_today, **data)
            else:
                saved = services.record_walk(programme=programme, today=day_today, **data)
        except InputError as error:
            add_input_error(form, error)
        else:
            if saved.warning_signs:
                return redirect("programme:home")
            view = plan_for(programme, day_today)
            for line in summary.saved_walk_words(programme, day_today, saved, view=view, target_before=before):
                messages.success(request, line)
            target = next((r["target_minutes"] for r in view.days if r["date"] == saved.date), None)
            if core.far_above_target(saved.minutes, target):
                messages.info(request, _(
                    "U liep veel langer dan uw doel. Fijn dat het goed ging! Toch werkt het plan het best "
                    "als u op een goede dag niet meer doet dan het doel. Extra minuten maken het plan niet sneller."
                ))
            return redirect("programme:home")
    return _render_log(request, programme, form, day_today, entry)


def _confirm_signs(request, programme, form, day_today, entry, new_signs, already=None):
    """W-9: a ticked sign stops the programme, so one tap is confirmed first; the rest of the
    entry travels along in hidden fields. ``already``: the walk logged on that date and part,
    which the sign would go onto."""
    edited_words = was_words = None
    if entry is not None and already is None:
        # A saved walk changed with a new sign: the walk is saved as it now stands, and when its
        # date, part or minutes changed, the person reads what it replaces.
        data = form.cleaned_data
        edited_words = summary.walk_words(data["date"], data["part"], data["minutes"], day_today)
        was = summary.logged_walk_words(entry, day_today)
        was_words = was if was != edited_words else None
    return render(request, "programme/confirm_signs.html", {
        "section": "rugoefening", "form": form, "entry": entry,
        "confirm": presenters.sign_context(programme, new_signs),
        "already": already,
        "already_words": summary.logged_walk_words(already, day_today) if already is not None else None,
        "edited_words": edited_words, "was_words": was_words,
        "hidden": [(k, v) for k in request.POST if k not in ("csrfmiddlewaretoken", "confirm_signs")
                   for v in request.POST.getlist(k)],
    })


def _sign_onto_walk(request, programme, form, day_today, entry, already, new_signs):
    """A new walk (or a walk moved) with a new sign, for a date and part already logged: the
    sign goes onto the walk that is there, once confirmed; nothing else is saved or changed,
    and the person reads so (on the confirm step and after it)."""
    if request.POST.get("confirm_signs") != "yes":
        return _confirm_signs(request, programme, form, day_today, entry, new_signs, already=already)
    saved = services.add_warning_signs(entry=already, signs=new_signs)
    messages.success(request, ngettext(
        "De klacht is opgeslagen bij de wandeling die er al stond: %(walk)s. Verder is die wandeling niet veranderd.",
        "De klachten zijn opgeslagen bij de wandeling die er al stond: %(walk)s. Verder is die wandeling niet veranderd.",
        len(new_signs)) % {"walk": summary.logged_walk_words(saved, day_today)})
    return redirect("programme:home")


def _render_log(request, programme, form, day_today, entry, already=None, view=None):
    view = view if view is not None else plan_for(programme, day_today)
    # The target beside the minutes is that of the walk's own date (the form's), not today's:
    # a walk of an earlier day had that day's target (W-4).
    value = form["date"].value()
    day = value if isinstance(value, date) else _parse_day(value) if isinstance(value, str) else None
    day = day or (entry.date if entry is not None else day_today)
    target = next((row["target_minutes"] for row in view.days if row["date"] == day), None)
    return render(request, "programme/log.html", {
        "section": "rugoefening", "form": form, "entry": entry, "view": view, "target": target,
        "start": programme.start, "today": day_today, "already": already,
        # A new walk with nothing filled in beyond the date and part: its details read the
        # same for everyone (log.html keeps them as a fragment).
        "blank": entry is None and not form.is_bound and set(form.initial) <= {"date", "part"},
    })


@login_required
@require_POST
def delete_walk(request, entry_id):
    entry = user_entry(request.user, entry_id)
    if entry is None:
        raise Http404
    try:
        services.delete_walk(entry=entry)
    except InputError as error:
        messages.error(request, error.message(lang()))
    else:
        messages.success(request, _("De wandeling is gewist."))
    return redirect("programme:history")
