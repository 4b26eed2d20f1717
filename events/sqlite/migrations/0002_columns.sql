-- Each attribute of an event in a column of its own, so reading an event
-- fills it from the columns rather than parsing its JSON. The rows of the
-- first schema's table are moved into the new one, their envelopes
-- parsed and checked against their rows on the way, by the step the
-- store runs after this file (upgradeColumns in upgrade.go); it drops
-- grassroots_events_v1 when done. Positions are kept.
--
-- Optional text attributes are '' when absent, as CloudEvents allows no
-- empty attribute; data and data_base64 are NULL when absent, since
-- data_base64 may be present and empty. data is the event's data as
-- appended (from an envelope of the first schema, in RFC 8785 form), time
-- as the envelope writes it (its own offset), extensions the other
-- extension attributes as one JSON object with sorted names, '' for none.
ALTER TABLE grassroots_events RENAME TO grassroots_events_v1;

CREATE TABLE grassroots_events (
	position        INTEGER PRIMARY KEY AUTOINCREMENT,
	subject         TEXT    NOT NULL CHECK (subject <> ''),
	sequence        INTEGER NOT NULL CHECK (sequence >= 1),
	id              TEXT    NOT NULL,
	hash            TEXT    NOT NULL CHECK (length(hash) = 64),
	prevhash        TEXT    NOT NULL,
	source          TEXT    NOT NULL,
	specversion     TEXT    NOT NULL,
	type            TEXT    NOT NULL,
	time            TEXT    NOT NULL,
	datacontenttype TEXT    NOT NULL,
	dataschema      TEXT    NOT NULL,
	data            TEXT,
	data_base64     BLOB,
	extensions      TEXT    NOT NULL,
	UNIQUE (subject, sequence),
	UNIQUE (id)
) STRICT;
