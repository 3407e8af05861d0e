"""Who may reach the repair conversation's pages and API operations: gathered by ``access.py``.

A talk is the couple's, like its episode: alex's partner reaches it too, and an outsider gets the
same 404 as for an episode that never was.
"""

from __future__ import annotations

from breathingroom.dance import repair
from breathingroom.dance.tests.factories import episode
from breathingroom.tests.access import API, Factory, Owned, People, Rule, owned

REPAIR = f"{API}/episodes/{{episode_id}}/repair"


def talk(name: str, **more: str) -> Factory:
    """An episode of alex's couple whose talk alex began, with ``more`` URL arguments (a step, a part)."""
    make_episode = episode(name)

    def make(people: People) -> Owned:
        made = make_episode(people)
        repair.begin(people.alex, made.kwargs[name])  # type: ignore[arg-type]
        return Owned(made.owner, {**made.kwargs, **more}, {**made.missing, **more}, made.partner)

    return make


PAGES: dict[str, Rule] = {
    "repair:repair": owned(episode("pk"), partner_sees=True),
    "repair:begin": owned(episode("pk"), "post", partner_sees=True),
    "repair:write": owned(talk("pk"), "post", partner_sees=True),
    "repair:confirm": owned(talk("pk"), "post", partner_sees=True),
    "repair:pause": owned(talk("pk"), "post", partner_sees=True),
    "repair:resume": owned(talk("pk"), "post", partner_sees=True),
}

OPERATIONS: dict[tuple[str, str], Rule] = {
    ("GET", REPAIR): owned(episode("episode_id"), partner_sees=True),
    ("POST", REPAIR): owned(episode("episode_id"), partner_sees=True),
    ("PUT", f"{REPAIR}/answers/{{part}}"): owned(
        talk("episode_id", part="felt"), partner_sees=True, body={"text": "I felt alone in the kitchen."}
    ),
    ("POST", f"{REPAIR}/steps/{{step}}/confirm"): owned(talk("episode_id", step="felt"), partner_sees=True),
    ("POST", f"{REPAIR}/pause"): owned(talk("episode_id"), partner_sees=True),
    ("POST", f"{REPAIR}/resume"): owned(talk("episode_id"), partner_sees=True),
}
