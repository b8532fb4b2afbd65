package cn.lianbao.agency;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianbao.demo.DemoAccounts;
import cn.lianbao.support.LianbaoTest;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@LianbaoTest
class AgencyDirectoryTest {

  /** The fifteen group ids of shared/docs/plan-2021.md, in its order. */
  static final List<String> PLAN_AGENCIES = List.of(
      "sh-river-chief-office", "js-river-chief-office", "zj-river-chief-office",
      "qingpu-gov", "suzhou-gov", "jiaxing-gov",
      "sh-eco-env", "js-eco-env", "zj-eco-env",
      "sh-water", "js-water", "zj-water",
      "taihu-basin", "taihu-eco-supervision", "exec-committee");

  @Autowired AgencyCatalog catalog;
  @Autowired IdentityService identity;

  @Test
  void theAgencyFileListsExactlyThePlansAgencies() {
    assertThat(catalog.all()).extracting(Agency::id).containsExactlyElementsOf(PLAN_AGENCIES);
    assertThat(catalog.find("qingpu-gov")).get().extracting(Agency::name).isEqualTo("青浦区人民政府");
    assertThat(catalog.find("taihu-eco-supervision")).get().extracting(Agency::name)
        .isEqualTo("太湖流域东海海域生态环境监督管理局");
  }

  @Test
  void everyAgencyIsAGroupWithItsNameAndALeadersGroup() {
    for (Agency agency : catalog.all()) {
      Group group = identity.createGroupQuery().groupId(agency.id()).singleResult();
      assertThat(group).as(agency.id()).isNotNull();
      assertThat(group.getName()).isEqualTo(agency.name());
      Group leaders = identity.createGroupQuery().groupId(agency.id() + "-leaders").singleResult();
      assertThat(leaders).as(agency.id() + "-leaders").isNotNull();
      assertThat(leaders.getName()).isEqualTo(agency.name() + "领导");
    }
    assertThat(identity.createGroupQuery().groupId("supervisors").singleResult().getName())
        .isEqualTo("示范区执委会督办人员");
    assertThat(identity.createGroupQuery().groupId("camunda-admin").singleResult().getName())
        .isEqualTo("系统管理员");
  }

  @Test
  void demoAccountsBelongToTheirAgencyAndCarryChineseNames() {
    for (Agency agency : catalog.all()) {
      assertThat(memberships(DemoAccounts.officer(agency.id()))).containsExactly(agency.id());
      assertThat(memberships(DemoAccounts.leader(agency.id())))
          .containsExactlyInAnyOrder(agency.id(), agency.id() + "-leaders");
    }
    assertThat(memberships("supervisor")).containsExactly("supervisors");
    assertThat(memberships("admin")).containsExactly("camunda-admin");
    var officer = identity.createUserQuery().userId("qingpu-gov-officer").singleResult();
    assertThat(officer.getFirstName()).isEqualTo("张伟");
    assertThat(officer.getLastName()).contains("青浦区");
    assertThat(officer.getEmail()).isEqualTo("qingpu-gov-officer@lianbao.example");
    assertThat(identity.checkPassword("supervisor", LianbaoTest.PASSWORD)).isTrue();
  }

  private List<String> memberships(String user) {
    return identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
  }
}
