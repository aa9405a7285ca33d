-- The program metrics count each account's sessions between two days; without this index each
-- count reads every session of the portfolio.
CREATE INDEX training_session_by_account ON training_session (account_id, held_on);
