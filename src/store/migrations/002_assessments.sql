-- Selection assessments: one row per questionnaire run, its answers and notes saved as they
-- are given, and every review decision kept (a reopened review leaves its earlier decision in
-- the history).

CREATE TABLE assessment (
    id            INTEGER PRIMARY KEY,
    trainer_id    INTEGER NOT NULL REFERENCES trainer (id) ON DELETE CASCADE,
    started_on    TEXT    NOT NULL,
    state         TEXT    NOT NULL CHECK (state IN ('draft', 'pending', 'approved', 'declined')),
    step          INTEGER NOT NULL DEFAULT 0 CHECK (step >= 0),
    submitted_on  TEXT,
    reviewer      TEXT,
    reviewed_on   TEXT,
    review_note   TEXT
) STRICT;

CREATE INDEX assessment_by_trainer ON assessment (trainer_id, id);
CREATE INDEX assessment_by_state ON assessment (state);

CREATE TABLE assessment_answer (
    assessment_id INTEGER NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,
    question_id   TEXT    NOT NULL,
    score         INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    PRIMARY KEY (assessment_id, question_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE assessment_note (
    assessment_id INTEGER NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,
    criterion_key TEXT    NOT NULL,
    body          TEXT    NOT NULL,
    PRIMARY KEY (assessment_id, criterion_key)
) STRICT, WITHOUT ROWID;

CREATE TABLE assessment_review (
    id            INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,
    decision      TEXT    NOT NULL CHECK (decision IN ('approved', 'declined', 'reopened')),
    reviewer      TEXT    NOT NULL,
    decided_on    TEXT    NOT NULL,
    note          TEXT    NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX assessment_review_by_assessment ON assessment_review (assessment_id, id);
