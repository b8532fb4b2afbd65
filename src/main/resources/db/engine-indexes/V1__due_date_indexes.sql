-- Lianbao's indexes on Camunda's tables (cn.lianbao.schema.EngineIndexMigration): run after the process
-- engine has created or updated its own schema, with a history of their own (lianbao_engine_index_history).
-- Camunda 7.24's create scripts index neither due date.

-- The job executor's acquisition (Job.xml, selectNextJobsToExecute): DUEDATE_ is null or DUEDATE_ <= now.
CREATE INDEX LIANBAO_IDX_JOB_DUEDATE ON ACT_RU_JOB (DUEDATE_);

-- The tasklist filters (cn.lianbao.tasklist.TasklistFilters): 本单位待办 (due after), 已逾期 (due before
-- now), 即将到期 (due between now and the follow-up days), each sorted by due date.
CREATE INDEX LIANBAO_IDX_TASK_DUE_DATE ON ACT_RU_TASK (DUE_DATE_);
