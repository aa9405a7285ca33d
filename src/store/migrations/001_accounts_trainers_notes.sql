-- Accounts, their dated snapshots, their trainers and the notes kept on them.
-- Dates are ISO-8601 text (YYYY-MM-DD), which sorts and compares correctly as text.

CREATE TABLE account (
    id             INTEGER PRIMARY KEY,
    name           TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    segment        TEXT    NOT NULL,
    seats          INTEGER NOT NULL CHECK (seats > 0),
    csm_owner      TEXT    NOT NULL DEFAULT '',
    rollout_start  TEXT,
    renewal_date   TEXT,
    annual_value   INTEGER NOT NULL DEFAULT 0 CHECK (annual_value >= 0),
    t3_status      TEXT    NOT NULL CHECK (t3_status IN ('none', 'planned', 'active', 'paused')),
    archived       INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
) STRICT;

CREATE INDEX account_by_renewal ON account (renewal_date);

CREATE TABLE account_snapshot (
    id                    INTEGER PRIMARY KEY,
    account_id            INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    as_of                 TEXT    NOT NULL,
    active_users          INTEGER NOT NULL CHECK (active_users >= 0),
    users_trained         INTEGER NOT NULL CHECK (users_trained >= 0),
    adoption_depth        INTEGER NOT NULL CHECK (adoption_depth BETWEEN 0 AND 100),
    new_feature_adoption  INTEGER NOT NULL CHECK (new_feature_adoption BETWEEN 0 AND 100),
    support_tickets       INTEGER NOT NULL CHECK (support_tickets >= 0),
    net_revenue_retention REAL    NOT NULL,
    UNIQUE (account_id, as_of)
) STRICT;

CREATE TABLE trainer (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES account (id),
    name        TEXT    NOT NULL,
    email       TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    title       TEXT    NOT NULL DEFAULT '',
    department  TEXT    NOT NULL DEFAULT '',
    status      TEXT    NOT NULL CHECK (status IN ('candidate', 'proposed', 'selected',
                    'certifying', 'certified', 'declined', 'lapsed', 'inactive'))
) STRICT;

CREATE INDEX trainer_by_account ON trainer (account_id, status);

CREATE TABLE note (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    written_at  TEXT    NOT NULL,
    body        TEXT    NOT NULL
) STRICT;

CREATE INDEX note_by_account ON note (account_id, written_at);
