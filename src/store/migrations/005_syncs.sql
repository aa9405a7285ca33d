-- Trainer Syncs and who was invited to each, with how they attended once it was held.

CREATE TABLE trainer_sync (
    id                INTEGER PRIMARY KEY,
    uid               TEXT    NOT NULL UNIQUE,
    title             TEXT    NOT NULL,
    starts_at         TEXT    NOT NULL,   -- wall-clock time in time_zone
    time_zone         TEXT    NOT NULL,   -- IANA name
    duration_minutes  INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
    agenda            TEXT    NOT NULL DEFAULT '',
    recording_link    TEXT    NOT NULL DEFAULT '',
    state             TEXT    NOT NULL DEFAULT 'scheduled'
                              CHECK (state IN ('scheduled', 'held', 'cancelled'))
) STRICT;

CREATE INDEX trainer_sync_by_start ON trainer_sync (starts_at);

CREATE TABLE sync_invite (
    sync_id     INTEGER NOT NULL REFERENCES trainer_sync (id) ON DELETE CASCADE,
    trainer_id  INTEGER NOT NULL REFERENCES trainer (id) ON DELETE CASCADE,
    attendance  TEXT    CHECK (attendance IN ('live', 'recording', 'absent')),
    PRIMARY KEY (sync_id, trainer_id)
) STRICT;

CREATE INDEX sync_invite_by_trainer ON sync_invite (trainer_id);
