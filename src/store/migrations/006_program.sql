-- The program data some risk rules read: the sessions internal trainers deliver at their
-- accounts, and the vendor's product releases with the enablement materials kept up with them.

-- A session belongs to its trainer's account at the time it was held, so the account is kept
-- beside the trainer: a trainer who later moves account leaves their sessions where they were.
-- Deleting either takes the sessions with it (`t3 demo --reset` deletes trainers and accounts).
CREATE TABLE training_session (
    id                INTEGER PRIMARY KEY,
    trainer_id        INTEGER NOT NULL REFERENCES trainer (id) ON DELETE CASCADE,
    account_id        INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    held_on           TEXT    NOT NULL,
    topic             TEXT    NOT NULL,
    attendees         INTEGER NOT NULL CHECK (attendees >= 0),
    duration_minutes  INTEGER NOT NULL CHECK (duration_minutes > 0)
) STRICT;

-- The trainer-dark rule wants each trainer's latest session.
CREATE INDEX training_session_by_trainer ON training_session (trainer_id, held_on);

-- Releases and materials are the vendor's, not any account's: they stand apart from the
-- portfolio. A release is known by its name ("Release 26.2").
CREATE TABLE product_release (
    id                         INTEGER PRIMARY KEY,
    name                       TEXT    NOT NULL UNIQUE,
    shipped_on                 TEXT    NOT NULL,
    summary                    TEXT    NOT NULL DEFAULT '',
    touches_trained_workflows  INTEGER NOT NULL CHECK (touches_trained_workflows IN (0, 1))
) STRICT;

CREATE TABLE material (
    id     INTEGER PRIMARY KEY,
    title  TEXT    NOT NULL UNIQUE,
    kind   TEXT    NOT NULL CHECK (kind IN ('facilitator-guide', 'participant-workbook',
               'job-aid', 'slide-deck', 'troubleshooting-guide', 'assessment-kit'))
) STRICT;

-- Every version a material has had: whether it was ready for a release, or late, is read from
-- the day the first version for that release was made. Forgetting a release leaves its versions
-- in place, updated for no known release, which the stale-materials rule reads as not updated.
CREATE TABLE material_version (
    id           INTEGER PRIMARY KEY,
    material_id  INTEGER NOT NULL REFERENCES material (id) ON DELETE CASCADE,
    version      TEXT    NOT NULL,
    updated_for  INTEGER REFERENCES product_release (id) ON DELETE SET NULL,
    updated_on   TEXT    NOT NULL,
    UNIQUE (material_id, version)
) STRICT;

CREATE INDEX material_version_by_material ON material_version (material_id, updated_on);
