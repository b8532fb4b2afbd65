package cn.lianbao.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Part of {@link LianbaoTest}: before each test camunda-bpm-assert uses the application's engine;
 * after each test the engine clock is back to real time, whatever the test moved.
 */
public class ProcessTestSetup implements BeforeEachCallback, AfterEachCallback {

  @Override
  public void beforeEach(ExtensionContext context) {
    BpmnAwareTests.init(SpringExtension.getApplicationContext(context).getBean(ProcessEngine.class));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ClockUtil.reset();
  }
}
