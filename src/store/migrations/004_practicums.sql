-- Practicums: the rubric, feedback and timer of a 20-minute sample session, saved as a draft
-- while the evaluator types, and linked to the module completion it became once recorded.

CREATE TABLE practicum (
    id               INTEGER PRIMARY KEY,
    trainer_id       INTEGER NOT NULL REFERENCES trainer (id) ON DELETE CASCADE,
    started_on       TEXT    NOT NULL,
    feedback         TEXT    NOT NULL DEFAULT '',
    evaluator        TEXT    NOT NULL DEFAULT '',
    outcome          TEXT    CHECK (outcome IN ('pass', 'needs-work')),
    seconds_allowed  INTEGER NOT NULL CHECK (seconds_allowed >= 0),
    seconds_used     INTEGER NOT NULL DEFAULT 0 CHECK (seconds_used >= 0),
    recorded_on      TEXT,
    completion_id    INTEGER REFERENCES module_completion (id) ON DELETE SET NULL
) STRICT;

-- A trainer has at most one practicum in progress: opening practicum mode resumes it.
CREATE UNIQUE INDEX practicum_one_draft ON practicum (trainer_id) WHERE recorded_on IS NULL;

CREATE TABLE practicum_score (
    practicum_id  INTEGER NOT NULL REFERENCES practicum (id) ON DELETE CASCADE,
    dimension     TEXT    NOT NULL CHECK (dimension IN ('objectives-and-structure', 'timing',
                      'handling-questions', 'product-accuracy', 'mixed-skill-levels')),
    score         INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    PRIMARY KEY (practicum_id, dimension)
) STRICT;
