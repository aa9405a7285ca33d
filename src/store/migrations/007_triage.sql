-- Triage: every action taken on a finding, with who and when. A finding is known by its key
-- (rule/account/trainer), so its triage outlives restarts and re-evaluation; its state is what
-- the actions not undone add up to.

CREATE TABLE triage_event (
    id           INTEGER PRIMARY KEY,
    finding_key  TEXT    NOT NULL,
    action       TEXT    NOT NULL CHECK (action IN ('acknowledge', 'contact', 'snooze',
                     'assign', 'resolve', 'reopen')),
    detail       TEXT    NOT NULL DEFAULT '',
    actor        TEXT    NOT NULL,
    at           TEXT    NOT NULL,
    undone       INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
) STRICT;

CREATE INDEX triage_event_by_key ON triage_event (finding_key, id);
