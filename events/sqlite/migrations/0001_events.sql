-- The global log: one row per event. position is the rowid, so it is
-- assigned max+1 under SQLite's single writer and never reused
-- (AUTOINCREMENT); envelope is the event's JSON exactly as appended.
CREATE TABLE grassroots_events (
	position INTEGER PRIMARY KEY AUTOINCREMENT,
	subject  TEXT    NOT NULL CHECK (subject <> ''),
	sequence INTEGER NOT NULL CHECK (sequence >= 1),
	id       TEXT    NOT NULL,
	hash     TEXT    NOT NULL CHECK (length(hash) = 64),
	envelope TEXT    NOT NULL,
	UNIQUE (subject, sequence),
	UNIQUE (id)
) STRICT;
