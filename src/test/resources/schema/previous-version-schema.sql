-- The schema.sql of the version before Flyway (src/main/resources/schema.sql until 2026-12), run on every
-- start: SchemaMigrationStartupTest builds a data folder of that version with it.
-- Lianbao's own table beside Camunda's: one row per calendar year that has a plan. The primary key
-- makes a second plan for the same year impossible, also when two starts race.
CREATE TABLE IF NOT EXISTS LIANBAO_PLAN_YEAR (
  YEAR_ INTEGER NOT NULL PRIMARY KEY,
  PLAN_ID_ VARCHAR(64) NOT NULL,
  PROC_INST_ID_ VARCHAR(64) NOT NULL,
  STARTED_BY_ VARCHAR(255),
  STARTED_AT_ TIMESTAMP NOT NULL
);

-- The notice outbox (cn.lianbao.notice): one row per notice and recipient, written in the transaction
-- of the step that causes it and sent after it commits. The unique key makes a step that runs twice
-- (a retried job, a second node) mail nobody twice. STATE_: PENDING (to send; ATTEMPTS_ > 0 after
-- failures, next try at NEXT_ATTEMPT_), SENT, or LOGGED (no mail server configured). A node claims a
-- row before sending it (CLAIMED_BY_ until CLAIMED_UNTIL_), so that no two nodes send the same one.
CREATE TABLE IF NOT EXISTS LIANBAO_OUTBOX (
  ID_ VARCHAR(64) NOT NULL PRIMARY KEY,
  SUBJECT_KEY_ VARCHAR(255) NOT NULL,
  STEP_ VARCHAR(32) NOT NULL,
  EVENT_DATE_ TIMESTAMP NOT NULL,
  USER_ID_ VARCHAR(255) NOT NULL,
  EMAIL_ VARCHAR(255) NOT NULL,
  SUBJECT_ VARCHAR(1000) NOT NULL,
  BODY_ VARCHAR(10000) NOT NULL,
  STATE_ VARCHAR(16) NOT NULL,
  ATTEMPTS_ INTEGER NOT NULL,
  NEXT_ATTEMPT_ TIMESTAMP NOT NULL,
  LAST_ERROR_ VARCHAR(1000),
  CLAIMED_BY_ VARCHAR(255),
  CLAIMED_UNTIL_ TIMESTAMP,
  CREATED_AT_ TIMESTAMP NOT NULL,
  SENT_AT_ TIMESTAMP,
  CONSTRAINT LIANBAO_OUTBOX_EVENT UNIQUE (SUBJECT_KEY_, STEP_, EVENT_DATE_, USER_ID_)
);
CREATE INDEX IF NOT EXISTS LIANBAO_OUTBOX_DUE ON LIANBAO_OUTBOX (STATE_, NEXT_ATTEMPT_);
