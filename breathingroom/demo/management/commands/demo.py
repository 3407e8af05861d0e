"""Make the demo couple: two people with months of history, and print how to sign in as each."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from breathingroom.demo import history

LONGEST_MONTHS = 10 * 12


class Command(BaseCommand):
    help = "Make (or make again) the demo couple with months of history, and print their two logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=history.SEED, help="The same seed makes the same history.")
        length = parser.add_mutually_exclusive_group()
        length.add_argument("--months", type=int, default=history.MONTHS, help="How many months of history.")
        length.add_argument("--years", type=int, help="How many years of history (instead of months).")

    def handle(self, *args: Any, seed: int, months: int, years: int | None, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("The demo couple is for trying the app on your own machine, not where PRODUCTION is on.")
        if years is not None:
            months = years * 12
        if not 1 <= months <= LONGEST_MONTHS:
            raise CommandError(f"Choose between 1 and {LONGEST_MONTHS} months of history.")
        began = time.perf_counter()
        demo = history.make(seed=seed, months=months)
        took = time.perf_counter() - began
        c = demo.counts
        out = self.stdout.write
        out(
            f"The demo couple is ready: {months} months of history, made in {took:.1f} s "
            f"({c['breaks.Break']} breaks, {c['dance.Episode']} episodes, {c['dance.RepairTalk']} repair talks, "
            f"{c['body.CheckIn']} body check-ins, {c['journal.Entry']} journal entries)."
        )
        out("")
        out("Sign in as either of them:")
        width = max(len(login.email) for login in demo.logins)
        for login in demo.logins:
            out(f"  {login.name:<5}  {login.email:<{width}}  password: {login.password}")
        out("")
        site = settings.SITE_URL.rstrip("/") + "/"
        out(f"Start the app with `make run` and open {site}")
        out(f"Then have a look at the cycle map ({site}dance/cycle/) and the insights ({site}insights/),")
        out("and at Our breaks, the journal and the body check-ins.")
        out("Running `make demo` again makes a fresh demo couple in place of this one; no other account is touched.")
