"""``manage.py worker``: django-tasks-db's worker, plus the housekeeping that makes reminders certain.

Takes every option of ``db_worker``. Besides running queued tasks it runs ``housekeeping`` at once
and then every half minute, so a reminder whose task was lost (a worker killed mid-task, say) is
still said, once, as soon as a worker is back.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from django.db import close_old_connections, connection
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from breathingroom import housekeeping


class Command(DBWorkerCommand):
    help = "Run queued tasks, and say any reminder whose moment passed unsaid."

    def handle(self, *args: Any, **options: Any) -> None:
        if options.get("batch"):
            # A one-off run (tests, a cron job): tidy once, then work through the queue and stop.
            housekeeping.run()
        else:
            threading.Thread(target=self._keep_house, name="housekeeping", daemon=True).start()
        super().handle(*args, **options)

    @staticmethod
    def _keep_house() -> None:
        while True:
            close_old_connections()
            housekeeping.run()
            connection.close()
            time.sleep(housekeeping.EVERY_SECONDS)
