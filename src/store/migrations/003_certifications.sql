-- The certification pathway: every module attempt (failed ones too: only a pass counts, and
-- whether a score passes is judged against the pass marks in force), and certifications, each
-- renewal linked to the certification it renews.

CREATE TABLE module_completion (
    id            INTEGER PRIMARY KEY,
    trainer_id    INTEGER NOT NULL REFERENCES trainer (id) ON DELETE CASCADE,
    module        TEXT    NOT NULL CHECK (module IN ('extended-assessment', 'facilitation-skills',
                      'troubleshooting-deep-dive', 'practicum')),
    completed_on  TEXT    NOT NULL,
    score         INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
    evaluator     TEXT    NOT NULL DEFAULT '',
    note          TEXT    NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX module_completion_by_trainer ON module_completion (trainer_id, module, completed_on);

CREATE TABLE certification (
    id          INTEGER PRIMARY KEY,
    trainer_id  INTEGER NOT NULL REFERENCES trainer (id) ON DELETE CASCADE,
    number      TEXT    NOT NULL UNIQUE,
    granted_on  TEXT    NOT NULL,
    expires_on  TEXT    NOT NULL,
    renews      INTEGER REFERENCES certification (id)
) STRICT;

CREATE INDEX certification_by_trainer ON certification (trainer_id, granted_on);
CREATE INDEX certification_by_expiry ON certification (expires_on);
