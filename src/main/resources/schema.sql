-- Lianbao's own table beside Camunda's: one row per calendar year that has a plan. The primary key
-- makes a second plan for the same year impossible, also when two starts race.
CREATE TABLE IF NOT EXISTS LIANBAO_PLAN_YEAR (
  YEAR_ INTEGER NOT NULL PRIMARY KEY,
  PLAN_ID_ VARCHAR(64) NOT NULL,
  PROC_INST_ID_ VARCHAR(64) NOT NULL,
  STARTED_BY_ VARCHAR(255),
  STARTED_AT_ TIMESTAMP NOT NULL
);
