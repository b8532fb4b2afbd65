package cn.lianbao.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.tuple;

import cn.lianbao.calendar.PlanCalendar;
import cn.lianbao.notice.NoticeOutbox.Entry;
import cn.lianbao.notice.NoticeOutbox.State;
import cn.lianbao.plan.WorkVariables;
import cn.lianbao.report.ProgressReportProcess;
import cn.lianbao.support.LianbaoTest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notices by e-mail against an in-process SMTP server (GreenMail) on the port the suite's context
 * gives {@code spring.mail.port}. Every notice of a test has a subject key of its own; the messages
 * of a test are those whose outbox id ({@code X-Lianbao-Notice}) belongs to its key.
 */
@LianbaoTest
class EmailNoticesTest {

  private static final String DEMO_MAIL = "@lianbao.example";
  private static final String TASKLIST = "http://localhost:8080/camunda/app/tasklist/default/";

  @Autowired Notices notices;
  @Autowired NoticeOutbox outbox;
  @Autowired OutboxSender sender;
  @Autowired NoticeTemplates templates;
  @Autowired NoticeProperties properties;
  @Autowired OutboxHealthIndicator health;
  @Autowired HealthEndpoint application;
  @Autowired JavaMailSender mail;
  @Autowired PlatformTransactionManager transactions;
  @Autowired ProcessEngine engine;
  @Autowired PlanCalendar calendar;

  GreenMail smtp;

  /** The mail server is up, and what other test classes left in the outbox is sent and forgotten. */
  @BeforeEach
  void startTheMailServer() throws Exception {
    smtp = startMailServer();
    sender.sendDue(Instant.now().plus(Duration.ofDays(3650)));
    smtp.purgeEmailFromAllMailboxes();
  }

  @AfterEach
  void stopTheMailServer() {
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  void newWorkOfThePlanIsMailedAfterCommitToTheMembersOfItsAgencyWithALinkToTheTask() throws Exception {
    ProcessInstance report = engine.getRuntimeService().startProcessInstanceByKey(ProgressReportProcess.KEY,
        "test-" + UUID.randomUUID(), workOf("sh-eco-env", "3", "progress-q2", "报送第二季度工作进展", 2));
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(report.getId()).singleResult();

    // the start committed; the commit woke the sender, nobody called it
    List<MimeMessage> mails = awaitMails(task.getId(), 2);
    assertThat(recipients(mails)).as("the members of the task's agency, each with one mail")
        .containsExactlyInAnyOrder("sh-eco-env-officer" + DEMO_MAIL, "sh-eco-env-leader" + DEMO_MAIL);
    for (MimeMessage mail : mails) {
      assertThat(mail.getSubject()).startsWith("【联保】新工作待办").contains(task.getName());
      assertThat(((InternetAddress) mail.getFrom()[0]).getPersonal()).isEqualTo("联保");
      assertThat(body(mail))
          .contains("事项：3 水源地管理要求")
          .contains("节点：报送第二季度工作进展")
          .contains("截止日期：2027年6月30日")
          .contains("上海市生态环境局")
          .contains(TASKLIST + "#/?task=" + task.getId());
    }
    settle();
    assertThat(outbox.entries(task.getId())).extracting(Entry::step, Entry::state, Entry::eventDate)
        .as("keyed by the task and its due date; sent")
        .containsOnly(tuple(NoticeStep.NEW_WORK, State.SENT, task.getDueDate()));
  }

  @Test
  void onlyTasksOfThePlanForAnAgencyAreAnnounced() {
    VariableMap withoutItem = workOf("qingpu-gov", "3", "progress-q2", "报送第二季度工作进展", 2);
    withoutItem.remove(WorkVariables.ITEM_NO.name());
    ProcessInstance notOfThePlan = engine.getRuntimeService().startProcessInstanceByKey(ProgressReportProcess.KEY,
        "test-" + UUID.randomUUID(), withoutItem);
    ProcessInstance forLeaders = engine.getRuntimeService().startProcessInstanceByKey(ProgressReportProcess.KEY,
        "test-" + UUID.randomUUID(), workOf("qingpu-gov-leaders", "3", "progress-q2", "报送第二季度工作进展", 2));

    for (ProcessInstance instance : List.of(notOfThePlan, forLeaders)) {
      Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
      assertThat(outbox.entries(task.getId())).as("no new-work notice for " + task.getName()).isEmpty();
    }
  }

  @Test
  void theMembersOfTheGroupsWithAnAddressAreToldEachOnce() throws Exception {
    IdentityService identity = engine.getIdentityService();
    String group = "notice-test-" + shortId();
    String withoutMail = group + "-no-mail";
    identity.saveGroup(identity.newGroup(group));
    User user = identity.newUser(withoutMail);
    user.setFirstName("无邮箱");
    user.setLastName("用户");
    user.setPassword("Notice@Test-2026");
    identity.saveUser(user);
    identity.createMembership(withoutMail, group);
    identity.createMembership("jiaxing-gov-officer", group);
    try {
      String key = "2027-4a-outfall-list:" + shortId();
      inTransaction(() -> notices.notify(key, NoticeStep.LEVEL1, deadline(), List.of("qingpu-gov", "qingpu-gov-leaders",
          group), model()));

      List<MimeMessage> mails = awaitMails(key, 3);
      assertThat(recipients(mails)).as("members of the groups with an address; the leader of two groups once")
          .containsExactlyInAnyOrder("qingpu-gov-officer" + DEMO_MAIL, "qingpu-gov-leader" + DEMO_MAIL,
              "jiaxing-gov-officer" + DEMO_MAIL);
      assertThat(outbox.entries(key)).extracting(Entry::userId).doesNotContain(withoutMail);
      for (MimeMessage mail : mails) {
        assertThat(mail.getSubject()).isEqualTo("【联保督办】4a 排污口清单“形成排污口清单”已逾期12天");
        assertThat(body(mail)).contains("事项：4a 排污口清单", "节点：形成排污口清单", "截止日期：2027年9月30日",
            "已逾期：12天", "苏州市人民政府", TASKLIST);
      }
    } finally {
      identity.deleteUser(withoutMail);
      identity.deleteGroup(group);
    }
  }

  @Test
  void aStepThatRunsAgainMailsEveryRecipientOnce() throws Exception {
    String key = "2027-2-joint-chief:" + shortId();
    Runnable step = () -> notices.notify(key, NoticeStep.LEVEL2, deadline(), List.of("supervisors", "taihu-basin-leaders"),
        model());
    inTransaction(step);
    inTransaction(step); // the job, retried after a failure
    inTransaction(() -> {
      step.run();
      step.run();
    });
    sender.sendDue(Instant.now().plus(Duration.ofMinutes(1)));

    assertThat(outbox.entries(key)).extracting(Entry::userId)
        .containsExactlyInAnyOrder("supervisor", "taihu-basin-leader");
    List<MimeMessage> mails = awaitMails(key, 2);
    assertThat(recipients(mails)).containsExactlyInAnyOrder("supervisor" + DEMO_MAIL, "taihu-basin-leader" + DEMO_MAIL);

    // another date is another event: the level-2 step of a postponed date mails again
    inTransaction(() -> notices.notify(key, NoticeStep.LEVEL2, new Date(deadline().getTime() + 86_400_000L),
        List.of("supervisors"), model()));
    assertThat(awaitMails(key, 3)).hasSize(3);
  }

  @Test
  void twoTransactionsRacingForOneKeyAddItOnceAndBothCommit() throws Exception {
    String key = "2027-7-monitoring:" + shortId();
    String other = key + "-other";
    NoticeTemplates.Text text = templates.render(NoticeStep.REMINDER, model());
    Instant tomorrow = Instant.now().plus(Duration.ofDays(1)); // not due: the sender leaves these rows alone
    TransactionTemplate transaction = new TransactionTemplate(transactions);
    AtomicReference<Boolean> secondAdded = new AtomicReference<>();
    AtomicReference<Throwable> secondFailed = new AtomicReference<>();
    AtomicReference<Thread> second = new AtomicReference<>();

    transaction.executeWithoutResult(first -> {
      assertThat(add(key, text, tomorrow)).isTrue();
      // the second transaction does not see the first's row yet: its insert waits for the first to end,
      // then meets the unique key, and goes on with its other work
      second.set(new Thread(() -> {
        try {
          transaction.executeWithoutResult(status -> {
            secondAdded.set(add(key, text, tomorrow));
            add(other, text, tomorrow);
          });
        } catch (Throwable e) {
          secondFailed.set(e);
        }
      }));
      second.get().start();
      try {
        second.get().join(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    second.get().join(30_000);

    assertThat(secondFailed.get()).as("the second transaction commits").isNull();
    assertThat(secondAdded.get()).as("the key was there").isFalse();
    assertThat(outbox.entries(key)).hasSize(1);
    assertThat(outbox.entries(other)).as("the second transaction's other work").hasSize(1);
  }

  private boolean add(String key, NoticeTemplates.Text text, Instant at) {
    return outbox.add(key, NoticeStep.REMINDER, deadline(), "js-eco-env-officer", "js-eco-env-officer" + DEMO_MAIL,
        text, at);
  }

  @Test
  void aMailServerThatIsDownBreaksNothingAndTheNoticeIsSentWhenItIsBack() throws Exception {
    smtp.stop();
    String key = "2027-8-joint-patrol:" + shortId();
    assertThatCode(() -> inTransaction(() -> notices.notify(key, NoticeStep.REMINDER, deadline(),
        List.of("zj-water"), model()))).doesNotThrowAnyException();

    Instant now = Instant.now();
    assertThatCode(() -> sender.sendDue(now.plusSeconds(1))).doesNotThrowAnyException();
    List<Entry> waiting = outbox.entries(key);
    assertThat(waiting).hasSize(2).allSatisfy(entry -> {
      assertThat(entry.state()).isEqualTo(State.PENDING);
      assertThat(entry.attempts()).isGreaterThanOrEqualTo(1);
      assertThat(entry.lastError()).isNotBlank();
      assertThat(entry.nextAttempt()).as("tried again later").isAfter(Date.from(now));
    });
    Health status = health.health();
    assertThat(status.getStatus()).as("the application works on").isEqualTo(Status.UP);
    assertThat((Long) status.getDetails().get("failing")).isGreaterThanOrEqualTo(2);
    assertThat((Long) status.getDetails().get("failuresOnThisNode")).isGreaterThanOrEqualTo(2);
    assertThat(status.getDetails().get("lastFailure").toString()).contains("REMINDER");
    assertThat(application.health().getStatus()).as("the application's health, mail server down").isEqualTo(Status.UP);
    assertThat(((JavaMailSenderImpl) mail).getJavaMailProperties()).as("a server that does not answer holds no one long")
        .containsKeys("mail.smtp.connectiontimeout", "mail.smtp.timeout", "mail.smtp.writetimeout");

    smtp = startMailServer();
    sender.sendDue(now.plus(properties.maxRetryDelay()).plusSeconds(1));

    List<MimeMessage> mails = awaitMails(key, 2);
    assertThat(recipients(mails)).containsExactlyInAnyOrder("zj-water-officer" + DEMO_MAIL, "zj-water-leader" + DEMO_MAIL);
    assertThat(mails).allSatisfy(mail -> assertThat(mail.getSubject())
        .isEqualTo("【联保提醒】4a 排污口清单“形成排污口清单”将于2027年9月30日到期"));
    settle();
    assertThat(outbox.entries(key)).extracting(Entry::state).containsOnly(State.SENT);
  }

  @Test
  void nothingIsQueuedOrSentForATransactionThatRollsBack() throws Exception {
    String key = "2027-5-emergency:" + shortId();
    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      notices.notify(key, NoticeStep.FINAL_DATE, deadline(), List.of("suzhou-gov-leaders"), model());
      assertThat(smtp.getReceivedMessages()).as("nothing before the commit").isEmpty();
      status.setRollbackOnly();
    });
    sender.sendDue(Instant.now().plus(Duration.ofDays(1)));

    assertThat(outbox.entries(key)).isEmpty();
    assertThat(smtp.waitForIncomingEmail(200, 1)).as("no mail at all").isFalse();
  }

  @Test
  void withoutAMailServerNoticesAreOnlyLogged() {
    String key = "2027-6-sluice:" + shortId();
    OutboxSender logOnly = new OutboxSender(outbox, new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class),
        properties, "");
    // due tomorrow: the application's own sender leaves it alone
    Instant now = Instant.now().plus(Duration.ofDays(1));
    NoticeTemplates.Text text = templates.render(NoticeStep.CLOSED, model());
    inTransaction(() -> outbox.add(key, NoticeStep.CLOSED, deadline(), "js-water-officer", "js-water-officer" + DEMO_MAIL,
        text, now));

    logOnly.sendDue(now.plusSeconds(1));

    assertThat(outbox.entries(key)).extracting(Entry::state).containsExactly(State.LOGGED);
    assertThat(logOnly.destination()).startsWith("log");
  }

  @Test
  void everyStepHasAChineseTemplateNamingItemMilestoneDeadlineAndTheLink() {
    Map<String, Object> model = model();
    model.put("task", "【4a 排污口清单】苏州市 · 起草成果文件《太浦河沿线排污口清单》");
    model.put("finalDay", "2027年11月15日");
    model.put("instruction", "请于十一月中旬前报送定稿");
    model.put("link", TASKLIST);
    Set<NoticeStep> late = Set.of(NoticeStep.LEVEL1, NoticeStep.LEVEL2, NoticeStep.FINAL_DATE,
        NoticeStep.FINAL_DATE_MISSED, NoticeStep.CLOSED);
    for (NoticeStep step : NoticeStep.values()) {
      NoticeTemplates.Text text = templates.render(step, model);
      assertThat(text.subject()).as(step + ": subject").contains("4a 排污口清单").doesNotContain("${", "\n");
      assertThat(text.body()).as(step + ": body")
          .contains("4a 排污口清单", "形成排污口清单", "2027年9月30日", TASKLIST)
          .doesNotContain("${");
      if (late.contains(step)) {
        assertThat(text.body()).as(step + ": days overdue").contains("12天");
      }
    }
    assertThat(templates.render(NoticeStep.FINAL_DATE, model).body()).contains("2027年11月15日", "请于十一月中旬前报送定稿");
  }

  @Test
  void theRetryDelayGrowsToItsLimit() {
    assertThat(properties.retryAfter(1)).isEqualTo(properties.retryDelay());
    assertThat(properties.retryAfter(2)).isEqualTo(properties.retryDelay().multipliedBy(2));
    assertThat(properties.retryAfter(3)).isEqualTo(properties.retryDelay().multipliedBy(4));
    assertThat(properties.retryAfter(1000)).isEqualTo(properties.maxRetryDelay());
  }

  // --- helpers

  /** Variables of a work process as a milestone passes them. */
  private VariableMap workOf(String group, String itemNo, String partId, String milestone, int quarter) {
    VariableMap variables = WorkVariables.RESPONSIBLE_GROUPS.with(new ArrayList<>(List.of(group)));
    variables.putValue(WorkVariables.PLAN_ID.name(), "2021");
    variables.putValue(WorkVariables.YEAR.name(), 2027);
    variables.putValue(WorkVariables.ITEM_NO.name(), itemNo);
    variables.putValue(WorkVariables.PART_ID.name(), partId);
    variables.putValue(WorkVariables.MILESTONE_TITLE.name(), milestone);
    variables.putValue(WorkVariables.DEADLINE.name(), calendar.quarterEnd(2027, quarter));
    variables.putValue(WorkVariables.FOLLOW_UP.name(), calendar.quarterFollowUp(2027, quarter));
    return variables;
  }

  /** A model as the escalation ladder gives it. */
  private static Map<String, Object> model() {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("item", "4a 排污口清单");
    model.put("milestone", "形成排污口清单");
    model.put("deadline", "2027年9月30日");
    model.put("daysOverdue", 12);
    model.put("agency", "苏州市人民政府");
    return model;
  }

  private Date deadline() {
    return calendar.quarterEnd(2027, 3);
  }

  private void inTransaction(Runnable work) {
    new TransactionTemplate(transactions).executeWithoutResult(status -> work.run());
  }

  /** Waits for the sender's run in progress, if any, to have marked what it sent: one run at a time. */
  private void settle() {
    sender.sendDue();
  }

  private GreenMail startMailServer() {
    int port = ((JavaMailSenderImpl) mail).getPort();
    GreenMail server = new GreenMail(new ServerSetup(port, "localhost", ServerSetup.PROTOCOL_SMTP));
    server.start();
    return server;
  }

  /** The mails of the notices of a subject key, once {@code count} of them have come (or 10 s passed). */
  private List<MimeMessage> awaitMails(String subjectKey, int count) throws MessagingException {
    long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      List<MimeMessage> mails = mails(subjectKey);
      if (mails.size() >= count || System.nanoTime() > giveUp) {
        assertThat(mails).as("mails of " + subjectKey).hasSize(count);
        return mails;
      }
      smtp.waitForIncomingEmail(250, smtp.getReceivedMessages().length + 1);
    }
  }

  private List<MimeMessage> mails(String subjectKey) throws MessagingException {
    Set<String> ids = outbox.entries(subjectKey).stream().map(Entry::id).collect(Collectors.toSet());
    List<MimeMessage> mails = new ArrayList<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      String[] id = message.getHeader("X-Lianbao-Notice");
      if (id != null && ids.contains(id[0])) {
        mails.add(message);
      }
    }
    return mails;
  }

  private static List<String> recipients(List<MimeMessage> mails) throws MessagingException {
    List<String> to = new ArrayList<>();
    for (MimeMessage mail : mails) {
      Arrays.stream(mail.getRecipients(RecipientType.TO)).map(address -> ((InternetAddress) address).getAddress())
          .forEach(to::add);
    }
    return to;
  }

  private static String body(MimeMessage mail) throws IOException, MessagingException {
    return mail.getContent().toString();
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
