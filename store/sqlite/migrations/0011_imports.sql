-- 0011: the imports run on the database, so that an import run again after
-- one was interrupted (killed, even) lists in its summary what the
-- interrupted one superseded, which that one never printed.

CREATE TABLE imports (
	id          INTEGER PRIMARY KEY,
	started_at  TEXT NOT NULL,                    -- UTC, RFC 3339
	finished_at TEXT                              -- NULL while it runs, and for good when it was interrupted
);
