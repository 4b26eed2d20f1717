-- The global log: one row per event, in the store's schema (the
-- migration runs with search_path set to it). position is drawn from the
-- identity sequence while the append holds the store's advisory lock, so
-- positions follow commit order; a rolled-back append leaves a gap that
-- is never filled. envelope is the event's JSON exactly as appended, as
-- bytes, so no server encoding can change it.
CREATE TABLE grassroots_events (
	position bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	subject  text    NOT NULL CHECK (subject <> ''),
	sequence integer NOT NULL CHECK (sequence >= 1),
	id       text    NOT NULL,
	hash     text    NOT NULL CHECK (length(hash) = 64),
	envelope bytea   NOT NULL,
	CONSTRAINT grassroots_events_subject_sequence_key UNIQUE (subject, sequence),
	CONSTRAINT grassroots_events_id_key UNIQUE (id)
);
