"""Every table, one module per area (the way Zulip keeps ``zerver/models/<domain>.py``).

Importing this package imports them all, so ``Base.metadata`` is complete (Alembic's ``env.py``
and the tests rely on it). Areas import the tables they use from their own module, e.g.
``from db.schema.cases import GridCase``.
"""

from db.schema import cases, imports, meetings, pairings, people, resolutions, signatures, street, units  # noqa: F401
