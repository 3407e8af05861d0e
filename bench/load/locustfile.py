"""Simulated couples for locust: each user is one couple, running the whole loop through the JSON API
as both partners' apps do.

The taker takes space (with an ``Idempotency-Key`` and a reassurance), the partner is told and reads
the break, sends a "thinking of you" that reaches the taker, the taker extends once; then either the
taker says "I'm ready to talk" (the reconnection starts at once) or, on every other loop, nobody
does and both wait for the worker to call them back at the agreed time. Both then go through the
ritual: check in, two turns (the one who waited speaks first, the other says back what they heard),
one thing each will try, and each partner's view of how it went, which closes the break.

An app without its socket open learns what changed by asking ``/api/v1/events`` for what came after
the last event it saw; after a step of the ritual, the other phone reads the reconnection again, as
a page does on the event. Any answer other than the one the app expects is a failure, named by the
endpoint's template so the figures group.

Read from the environment (``bench/load/run.py`` sets them):
``LOAD_COUPLES`` a JSON file of ``[{"taker": token, "partner": token}, ...]``, one per user;
``LOAD_REPORT`` where to write how many whole loops each couple went through, when locust quits;
``LOAD_THINK_SECONDS`` how long a person pauses between taps, on average (1 s).
"""

from __future__ import annotations

import json
import os
import random
import time
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from itertools import count
from pathlib import Path
from typing import Any

import gevent
from locust import FastHttpUser, events, task

BREAKS = "/api/v1/breaks"
ONE = "/api/v1/breaks/{id}"
EVENTS = "/api/v1/events"
# The lengths asked, in break minutes (the server runs them as seconds): an hour, one of the default
# agreement's lengths, so that a server slowed by the load still answers each step inside the
# break, and the shortest extension.
MINUTES = 60
EXTENSION = 10
# How often a waiting app asks what it missed: as often as a page whose socket is down does
# (POLL_EVERY in static/breathingroom/live.js); an app with its socket open asks only on waking.
# And how long past the moment it expects an event before it counts the event as lost.
POLL_SECONDS = 5.0
EVENT_WITHIN = 30.0
THINK_SECONDS = float(os.environ.get("LOAD_THINK_SECONDS", "1"))

COUPLES: list[dict[str, str]] = json.loads(Path(os.environ["LOAD_COUPLES"]).read_text())
_seats = count()
# Whole loops each couple went through, by its place in LOAD_COUPLES.
LOOPS: Counter[int] = Counter()


class Broken(Exception):
    """The loop cannot go on: an answer was not the one the app expects (already counted as a failure)."""


def think() -> None:
    gevent.sleep(random.uniform(0.5, 1.5) * THINK_SECONDS)


def _at(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _field(body: dict[str, Any], dotted: str) -> object:
    value: Any = body
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


class Phone:
    """One partner's app: their session token, and the last event it saw."""

    def __init__(self, user: FastHttpUser, who: str, token: str) -> None:
        self.user, self.who, self.token = user, who, token
        self.last_event = 0

    def call(
        self,
        method: str,
        path: str,
        name: str,
        status: int,
        expect: dict[str, object] | None = None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """Ask the API; a different status, or a body without ``expect``'s values, is a failure."""
        headers = {"X-Session-Token": self.token, **kwargs.pop("headers", {})}
        with self.user.client.request(
            method, path, name=name, headers=headers, catch_response=True, **kwargs
        ) as response:
            if response.status_code != status:
                # No status at all: the connection failed, and locust keeps why.
                text = (response.text or "")[:300] or repr(getattr(response, "error", ""))
                response.failure(f"{self.who}: {response.status_code} (expected {status}) {text}")
                raise Broken
            body = response.json() if response.text else {}
            wrong = {k: _field(body, k) for k, v in (expect or {}).items() if _field(body, k) != v}
            if wrong:
                response.failure(f"{self.who}: expected {expect}, got {wrong}")
                raise Broken
            response.success()
        return body

    def ticket(self) -> None:
        """The app trades its token for a ticket to open its socket; the socket itself is another benchmark's."""
        self.call("POST", f"{EVENTS}/ticket", f"{EVENTS}/ticket", 201)

    def catch_up(self) -> list[dict[str, Any]]:
        """Everything after the last event seen, as an app asks on waking."""
        heard = []
        while True:
            page = self.call("GET", f"{EVENTS}?after={self.last_event}", EVENTS, 200)
            heard += page["events"]
            self.last_event = page["last"]
            if not page["more"]:
                return heard

    def hear(self, kind: str, break_id: str, within: float = EVENT_WITHIN) -> dict[str, Any]:
        """Ask what was missed every POLL_SECONDS until the event of ``kind`` about the break arrives."""
        started = time.monotonic()
        while True:
            for event in self.catch_up():
                if event["type"] == kind and event["data"].get("break") == break_id:
                    return event
            if time.monotonic() - started > within:
                events.request.fire(
                    request_type="EVENT",
                    name=f"{kind} reaches the {self.who}",
                    response_time=(time.monotonic() - started) * 1000,
                    response_length=0,
                    exception=Broken(f"{self.who}: no {kind} for {break_id} within {within:g} s"),
                    context={},
                )
                raise Broken
            gevent.sleep(POLL_SECONDS)

    def current(self, **expect: object) -> dict[str, Any]:
        return self.call("GET", f"{BREAKS}/current", f"{BREAKS}/current", 200, expect)

    def on(self, break_id: str, action: str, status: int = 200, method: str = "POST", **kwargs: Any) -> dict[str, Any]:
        """A request about one break, named by the endpoint's template."""
        return self.call(method, f"{BREAKS}/{break_id}{action}", f"{ONE}{action}", status, **kwargs)

    def step(self, break_id: str, expect: dict[str, object] | None = None, **steps: object) -> dict[str, Any]:
        """A step of the ritual; with none, the ritual read again, as a page does on its event."""
        if not steps:
            return self.on(break_id, "/reconnection", method="GET", expect=expect)
        return self.on(break_id, "/reconnection", expect=expect, json=steps)


class Couple(FastHttpUser):
    """Both partners of one couple, taking turns on one greenlet as their two phones would."""

    def wait_time(self) -> float:
        # Between loops: an ordinary stretch of the day, in minutes of a break.
        return random.uniform(2, 4) * THINK_SECONDS

    def on_start(self) -> None:
        self.seat = next(_seats)
        tokens = COUPLES[self.seat]
        self.taker, self.partner = Phone(self, "taker", tokens["taker"]), Phone(self, "partner", tokens["partner"])
        self.loops, self.left_open = 0, False
        for phone in (self.taker, self.partner):
            phone.ticket()
            phone.catch_up()

    @task
    def whole_loop(self) -> None:
        started = time.monotonic()
        called_back = self.loops % 2 == 1
        try:
            if self.left_open:
                self.close_what_was_left()
            self.left_open = True
            break_id = self.take_space(called_back)
            self.reconnect(break_id)
        except Broken:
            return
        self.left_open = False
        self.loops += 1
        LOOPS[self.seat] += 1
        events.request.fire(
            request_type="LOOP",
            name="called back by the worker" if called_back else "taker ready early",
            response_time=(time.monotonic() - started) * 1000,
            response_length=0,
            exception=None,
            context={},
        )

    def close_what_was_left(self) -> None:
        """After a loop that broke: a break still on is ended, so the next press starts a new one."""
        with self.client.get(
            f"{BREAKS}/current",
            name=f"{BREAKS}/current",
            headers={"X-Session-Token": self.taker.token},
            catch_response=True,
        ) as response:
            if response.status_code not in (200, 404):
                response.failure(f"taker: {response.status_code} (expected 200 or 404) {(response.text or '')[:300]}")
                raise Broken
            response.success()
            brk = response.json() if response.status_code == 200 else None
        if brk and brk["phase"] == "on_break" and brk["i_am_on_break"]:
            self.taker.on(brk["id"], "/end")

    def take_space(self, called_back: bool) -> str:
        taker, partner = self.taker, self.partner
        brk = taker.call(
            "POST",
            BREAKS,
            BREAKS,
            201,
            {"phase": "on_break", "i_am_on_break": True, "extensions_used": 0},
            json={"minutes": MINUTES, "reassurance": "I need a little while. I'm coming back."},
            headers={"Idempotency-Key": uuid.uuid4().hex},
        )
        break_id = brk["id"]
        partner.hear("break.started", break_id)
        partner.current(id=break_id, phase="on_break", i_am_on_break=False, **{"thinking_of_you.allowed": True})
        think()
        partner.on(break_id, "/thinking-of-you", 201)
        taker.hear("break.thinking_of_you", break_id)
        think()
        extended = taker.on(
            break_id,
            "/extend",
            json={"minutes": EXTENSION, "reassurance": "A little longer, please. Still coming back."},
            expect={"extensions_used": 1, "extensions_left": 0},
        )
        partner.hear("break.extended", break_id)
        partner.current(id=break_id, phase="on_break")
        think()
        if not called_back:
            taker.on(break_id, "/end", expect={"phase": "reconnecting"})
            partner.hear("break.ended", break_id)
            return break_id
        # Both phones know the time; at it, they wait for the worker's call back.
        returns_at = _at(extended["returns_at"])
        gevent.sleep(max((returns_at - datetime.now(UTC)).total_seconds(), 0))
        due = partner.hear("reconnection.due", break_id)
        taker.hear("reconnection.due", break_id)
        events.request.fire(
            request_type="WORKER",
            name="reconnection.due after the agreed time",
            response_time=(_at(due["at"]) - returns_at) / timedelta(milliseconds=1),
            response_length=0,
            exception=None,
            context={},
        )
        return break_id

    def reconnect(self, break_id: str) -> None:
        taker, partner = self.taker, self.partner
        taker.step(break_id, {"step": "check_in", "first_speaker_is_me": False})
        partner.step(break_id, {"step": "check_in", "first_speaker_is_me": True})
        think()
        # Below seven neither is flooded, so the ritual goes straight to the turns.
        taker.step(break_id, {"step": "check_in"}, check_in={"strength": random.randint(0, 6), "shared": True})
        partner.step(break_id, {"step": "first_turn", "turn.i_speak": True}, check_in={"strength": 2})
        taker.step(break_id, {"step": "first_turn", "turn.i_speak": False})
        think()
        taker.step(break_id, {"turn.said_back": True}, said_back="first_turn")
        partner.step(break_id, {"turn.said_back": True})
        think()
        partner.step(break_id, {"step": "second_turn"}, heard={"turn": "first_turn", "yes": True})
        taker.step(break_id, {"step": "second_turn", "turn.i_speak": True})
        think()
        partner.step(break_id, {"turn.said_back": True}, said_back="second_turn")
        taker.step(break_id, {"step": "try"}, heard={"turn": "second_turn", "yes": True})
        partner.step(break_id, {"step": "try"})
        think()
        taker.step(break_id, {"step": "try"}, next_try="Say how long I need before I leave the room.")
        partner.step(break_id, {"step": "outcome"}, next_try="Trust the time you give.")
        # Back on time, unless the call back came so late that it was not.
        seen = taker.step(break_id, {"step": "outcome"})
        think()
        outcome: dict[str, object] = {"timing": seen["suggested_timing"], "repair": "repaired"}
        if outcome["timing"] == "not_yet":
            outcome["next_talk_at"] = (datetime.now(UTC) + timedelta(days=1)).isoformat()
        partner.step(break_id, {"step": "outcome", "closed": False}, outcome=outcome)
        taker.step(break_id, {"step": "done", "closed": True}, outcome={**outcome, "repair": "partly"})
        partner.step(break_id, {"closed": True, "outcomes_shown": True})
        taker.call("GET", f"{BREAKS}/current", f"{BREAKS}/current", 404)


@events.quitting.add_listener
def _write_report(environment: object, **_kwargs: object) -> None:
    report = os.environ.get("LOAD_REPORT")
    if report:
        seats = len(COUPLES)
        Path(report).write_text(json.dumps({"loops": [LOOPS[i] for i in range(seats)]}) + "\n")
