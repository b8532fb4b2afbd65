package cn.lianbao.operations;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Names the node in the locks its job executor takes: {@code LOCK_OWNER_} of {@code ACT_RU_JOB} becomes
 * the engine's host name ({@code camunda.bpm.generic-properties.properties.hostname}, which the job log's
 * {@code HOSTNAME_} shows too; Camunda's default is the address and engine name), a slash, and the
 * executor's own random id. An operator can then tell which node holds a job, for example the jobs of a
 * node that crashed, which wait until their lock time runs out (README: 集群 / clusters). Set before the
 * job executor starts (it starts once the application is ready).
 */
@Component
public class NodeLockOwner {

  private static final Logger LOG = LoggerFactory.getLogger(NodeLockOwner.class);

  public NodeLockOwner(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    JobExecutor executor = configuration.getJobExecutor();
    if (executor == null || configuration.getHostname() == null) {
      return;
    }
    executor.setLockOwner(configuration.getHostname() + "/" + executor.getLockOwner());
    LOG.info("Job locks of this node are owned by {}", executor.getLockOwner());
  }
}
