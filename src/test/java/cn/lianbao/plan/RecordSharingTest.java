package cn.lianbao.plan;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.support.LianbaoTest;
import cn.lianbao.support.PlanDriver;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The agencies of an item read its records: the item's instance, each of its milestones and the
 * work under them (plan-2021.md: item 4a, outfall lists, Qingpu, Suzhou and Jiaxing each lead their
 * own part; the Executive Committee and the Taihu Basin Authority guide). An agency outside the item
 * (the Shanghai water authority) reads none of it.
 */
@LianbaoTest
class RecordSharingTest {

  private static final int YEAR = 2093;

  @Autowired ProcessEngine engine;

  @Test
  void everyAgencyOfAnItemReadsTheItemItsMilestonesAndTheirWorkAndOthersDoNot() {
    new PlanDriver(engine, YEAR).start("2021");
    ProcessInstance item = instance("plan-item", YEAR + "-4a");
    ProcessInstance milestone = instance("plan-milestone", YEAR + "-4a-outfall-list:suzhou-gov");
    List<ProcessInstance> work = engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(milestone.getId()).list();
    assertThat(work).as("the milestone's work is open").isNotEmpty();

    for (String user : List.of("jiaxing-gov-officer", "qingpu-gov-leader", "taihu-basin-officer")) {
      assertThat(reads(user, item)).as(user + " reads item 4a").isTrue();
      assertThat(reads(user, milestone)).as(user + " reads Suzhou's outfall-list milestone").isTrue();
      work.forEach(instance -> assertThat(reads(user, instance)).as(user + " reads its work").isTrue());
    }
    assertThat(reads("sh-water-officer", item)).as("an agency outside item 4a").isFalse();
    assertThat(reads("sh-water-officer", milestone)).isFalse();
  }

  private ProcessInstance instance(String key, String businessKey) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(key)
        .processInstanceBusinessKey(businessKey).singleResult();
  }

  private boolean reads(String user, ProcessInstance instance) {
    List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).toList();
    return allowed(user, groups, ProcessInstancePermissions.READ, Resources.PROCESS_INSTANCE, instance)
        && allowed(user, groups, HistoricProcessInstancePermissions.READ, Resources.HISTORIC_PROCESS_INSTANCE, instance);
  }

  private boolean allowed(String user, List<String> groups, Permission permission, Resources resource,
      ProcessInstance instance) {
    return engine.getAuthorizationService().isUserAuthorized(user, groups, permission, resource, instance.getId());
  }
}
