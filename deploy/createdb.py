"""Make the PostgreSQL database that DATABASE_URL names, if it does not exist yet.

Run with the app's own Python before ``manage.py migrate`` (``make run-scale`` does):

    DATABASE_URL=postgres://breathingroom@db.internal/breathingroom .venv/bin/python deploy/createdb.py

It connects to the same server's ``postgres`` maintenance database as the same user, so that user
needs the CREATEDB right (or the database is made once by hand, and this finds it there).
"""

from __future__ import annotations

import os
import sys

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

MAINTENANCE_DATABASE = "postgres"


def create_database(url: str) -> bool:
    """Create the database ``url`` names; False if it was already there."""
    name = conninfo_to_dict(url).get("dbname")
    if not name:
        raise SystemExit("DATABASE_URL names no database.")
    with psycopg.connect(make_conninfo(url, dbname=MAINTENANCE_DATABASE), autocommit=True) as connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        try:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(str(name))))
        except psycopg.errors.DuplicateDatabase:
            # Another machine of the same deployment made it between the look and the CREATE.
            return False
    return True


def main() -> int:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print("DATABASE_URL must be a postgres:// address; SQLite needs no database made.", file=sys.stderr)
        return 2
    made = create_database(url)
    name = conninfo_to_dict(url)["dbname"]
    print(f"Made the database {name}." if made else f"The database {name} is there.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
