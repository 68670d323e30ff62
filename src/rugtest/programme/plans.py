"""The computed plan of a person, kept in the shared cache under their programme version.

The programme page, the walk log and the progress page all show the plan the core computes
from the whole log (W-8). Computing it on every request made a person's pages slower the
longer they walked, so it is computed once per change and kept in Django's default cache
(shared by every app server, settings.CACHES): one entry per person, ``plan:<user id>``,
holding the version it was computed for and the plan; beside it, the charts and tables of
the progress page made from that plan (``plan:<user id>:progress-<language>``).

A stale plan cannot be served: every request reads the version first
(``selectors.programme_version``: the programme, the number of walks, the highest walk id,
the newest change, the day) and uses the entry only when it was made for
exactly that version, so it does not matter which app server wrote it or when. Signing out
and erasing the account (privacy.services.delete_account) delete the entry: nothing of the
person stays in the cache.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.signals import user_logged_out
from django.core.cache import cache
from django.dispatch import receiver

# The shape of what is kept: a new shape gets a new number, so that an entry kept by the
# code before it is never read as one of its own.
FORMAT = 2
PLAN_SECONDS = 24 * 60 * 60  # the version names the day: a plan is never kept past it anyway
# Parts of pages made from the plan, kept beside it (one entry per part and language): the
# progress page's charts and tables of the whole log, and the programme page's plan panel
# ({% kept_with_plan %}, programme/templatetags/plan_parts.py).
PARTS = tuple(f"{name}-{code}" for name in ("progress", "home") for code, _ in settings.LANGUAGES)


def key(user_id, part: str = "") -> str:
    return f"plan:{user_id}:{part}" if part else f"plan:{user_id}"


def kept(user_id, version: tuple):
    """The plan kept for ``user_id`` if it was computed for ``version``, else None."""
    return kept_part(user_id, version, "")


def keep(user_id, version: tuple, plan) -> None:
    keep_part(user_id, version, "", plan)


def kept_part(user_id, version: tuple, part: str):
    """What was kept as ``part`` (a page's part made from the plan) for ``version``, else None."""
    entry = cache.get(key(user_id, part))
    if entry is not None and entry[0] == (FORMAT, version):
        return entry[1]
    return None


def keep_part(user_id, version: tuple, part: str, value) -> None:
    assert not part or part in PARTS, part  # forget() must know every key
    cache.set(key(user_id, part), ((FORMAT, version), value), PLAN_SECONDS)


def forget(user_id) -> None:
    """Delete everything kept of ``user_id``: the plan and the parts made from it."""
    cache.delete_many([key(user_id), *(key(user_id, part) for part in PARTS)])


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        forget(user.pk)
