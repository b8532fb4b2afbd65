package cn.lianbao.schema;

import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Lianbao's indexes on Camunda's tables ({@code db/engine-indexes}): a Flyway migration set of its own,
 * with its own history table, run once the process engine exists, so after the engine has created or
 * updated its {@code ACT_} tables ({@code camunda.bpm.database.schema-update}) and before the job executor
 * starts (on {@code ApplicationReadyEvent}).
 *
 * <p>The order of a start: Spring Boot's Flyway migrates Lianbao's own tables ({@code db/lianbao}) first
 * ({@link ProcessEngineAfterFlyway}), then the engine builds and updates its schema, then this.
 */
@Component
public class EngineIndexMigration implements InitializingBean {

  /** The history table of this migration set, beside Spring Boot's {@code lianbao_schema_history}. */
  public static final String HISTORY_TABLE = "lianbao_engine_index_history";

  static final String LOCATION = "classpath:db/engine-indexes";

  private static final Logger LOG = LoggerFactory.getLogger(EngineIndexMigration.class);

  private final ProcessEngine engine;
  private final DataSource dataSource;

  /** Depends on the engine, so that Spring creates it after the engine's schema exists. */
  public EngineIndexMigration(ProcessEngine engine, DataSource dataSource) {
    this.engine = engine;
    this.dataSource = dataSource;
  }

  @Override
  public void afterPropertiesSet() {
    MigrateResult result = Flyway.configure()
        .dataSource(dataSource)
        .locations(LOCATION)
        .table(HISTORY_TABLE)
        // the schema always holds tables already (the engine's): the history starts before version 1
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
    LOG.info("流程引擎 {} 表上的联保索引：本次执行 {} 个迁移，当前版本 {}",
        engine.getName(), result.migrationsExecuted,
        result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion);
  }
}
