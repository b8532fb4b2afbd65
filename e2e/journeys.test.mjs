// The browser journeys of issue 10, walked in Debian's chromium against the packaged jar:
//   npm test        (after ./mvnw -B -ntp verify or package has built target/lianbao-0.1.0-SNAPSHOT.jar)
// Screenshots of every step, the server's log and the requests each role made land in target/e2e/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  REHEARSAL_PLAN, SHOTS, User, dispositionName, englishIn, launchBrowser, poll, restAs, restRequests, startServer,
} from './harness.mjs';

const YEAR = 2027; // the clock of the rehearsal only moves forward: a year that lies ahead
const DRAFT_TASK = '【4a 排污口清单】苏州市 · 起草成果文件《太浦河沿线排污口清单》';
const SIGN_OFF_TASK = '定稿成果文件《太浦河沿线排污口清单》';
const DOCUMENT = '太浦河沿线排污口清单（苏州市初稿）.pdf';
// the other required documents (journey 6)
const MINUTES = '跨界水体联合河长制协商会议纪要（青浦区）.pdf';
const ACTION_PLAN = '清剿水葫芦美化水环境联合专项整治行动方案.pdf';
const PATROL_REPORT = '一河三湖联合巡河问题清单及整改报告.pdf';

let server;
let browser;
let documentFile;
const files = {};
const users = [];

/** A journey's test: on failure, a screenshot of every page of the journey's users. */
function journey(name, fn) {
  test(name, async () => {
    const before = users.length;
    try {
      await fn();
    } catch (error) {
      for (const u of users.slice(before)) {
        await u.shot('FAILED').catch(() => {});
        u.saveTraffic();
      }
      throw error;
    }
  });
}

async function user(id, journey) {
  const u = await new User(browser, server.baseUrl, id, journey).open();
  users.push(u);
  return u;
}

/** Fails on English sentences in the parts of the page that are ours. */
async function assertNoEnglish(u, where) {
  const texts = await u.page.evaluate(() => {
    const parts = [];
    const pick = (selector) => document.querySelectorAll(selector).forEach((node) => {
      if (node.offsetParent !== null) parts.push(node.innerText);
    });
    // our forms, task names and descriptions, the notifications (messages) users read
    pick('.task-details form');
    pick('.task-details .description');
    pick('.tasks-list .names');
    pick('.task-details h2, .task-details .names');
    pick('.page-notifications');
    pick('.modal-body form');
    document.querySelectorAll('.task-details form input, .task-details form textarea').forEach((field) => {
      if (field.placeholder) parts.push(field.placeholder);
    });
    return parts.join('\n');
  });
  const english = englishIn(texts, [DOCUMENT]);
  assert.deepEqual(english, [], `${u.id} reads English at ${where}`);
}

/** Clicks a filter of the left column by its Chinese name. */
async function openFilter(u, name) {
  await u.page.locator('.task-filters .task-filter', { hasText: name }).first().click();
  await u.page.waitForLoadState('networkidle');
}

/** The task of the list whose name contains the text, polling (and re-opening the filter) up to 60 s. */
async function findTask(u, filter, text, timeoutMs = 60_000) {
  let opened = 0;
  return poll(`${u.id}: task “${text}” in ${filter}`, async () => {
    // re-open the filter now and then (a new task shows after a reload), not while it loads
    if (Date.now() - opened > 15_000) {
      await openFilter(u, filter);
      opened = Date.now();
    }
    const task = u.page.locator('.tasks-list .task', { hasText: text }).first();
    return (await task.count()) ? task : null;
  }, timeoutMs, 1000);
}

/** The latest notification's text (what a user reads after an action). */
async function notifications(u) {
  return (await u.page.locator('.page-notifications').innerText()).trim();
}

/**
 * An officer delivers a task's required document: finds the task in 本单位待办, is not offered the
 * due-date ×, claims it, fills the other fields (fill), sees 完成 disabled with the Chinese hint
 * while no file is chosen, chooses the file through the page's own file control and completes.
 */
async function deliverDocument(u, taskText, formName, fieldId, file, fill = async () => {}) {
  const page = u.page;
  const task = await findTask(u, '本单位待办', taskText);
  await task.locator('.names a, a').first().click();
  await page.locator('.task-details h2', { hasText: taskText }).waitFor();
  await page.locator('.task-details .due-date').first().waitFor();
  assert.equal(await page.locator('.task-details .reset-due-date').count(), 1, 'the task has a due date (and Tasklist its ×)');
  assert.equal(await page.locator('.task-details .reset-due-date').isVisible(), false, 'officers are not offered the due-date ×');
  await page.locator('.task-details button.claim:visible').click();
  const form = page.locator(`.task-details form[name=${formName}]`);
  await form.waitFor();
  const complete = page.locator('.task-details button[type=submit]', { hasText: '完成' });
  await complete.waitFor();
  await fill(form);
  await page.waitForTimeout(300);
  assert.equal(await complete.isDisabled(), true, `${taskText}: 完成 is disabled while the required file is missing`);
  await assert.doesNotReject(form.locator('.lianbao-missing-file:visible').first().waitFor({ timeout: 5000 }),
    `${taskText}: a Chinese hint names the missing file`);
  assert.match(await form.locator('.lianbao-missing-file:visible').first().innerText(), /请选择.+文件/);
  await u.shot(`${fieldId}-missing`);
  await assertNoEnglish(u, `${taskText}, claimed`);
  await form.locator(`input[type=file]#${fieldId}`).setInputFiles(file);
  await poll(`${taskText}: 完成 enabled after choosing the file`, async () => !(await complete.isDisabled()), 10_000, 250);
  await u.shot(`${fieldId}-chosen`);
  u.completing();
  await complete.click();
  await poll(`${taskText} leaves the list`, async () =>
    (await page.locator('.tasks-list .task', { hasText: taskText }).count()) === 0, 30_000, 1000);
  await u.shot(`${fieldId}-completed`);
  await assertNoEnglish(u, `after completing ${taskText}`);
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianbao-e2e-files-'));
  documentFile = path.join(dir, DOCUMENT);
  fs.writeFileSync(documentFile, '%PDF-1.4\n% 太浦河沿线排污口清单 初稿（演练）\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
  for (const name of [MINUTES, ACTION_PLAN, PATROL_REPORT]) {
    files[name] = path.join(dir, name);
    fs.writeFileSync(files[name], `%PDF-1.4\n% ${name}（演练）\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`);
  }
});

after(async () => {
  const byRole = {};
  for (const u of users) {
    byRole[u.id] = [...new Set([...(byRole[u.id] || []), ...u.requests])].sort();
    await u.close();
  }
  for (const [id, seen] of restRequests) byRole[id] = [...new Set([...(byRole[id] || []), ...seen])].sort();
  fs.writeFileSync(path.join(SHOTS, 'requests.json'), `${JSON.stringify(byRole, null, 2)}\n`);
  await browser?.close();
  await server?.stop();
  if (documentFile) fs.rmSync(path.dirname(documentFile), { recursive: true, force: true });
});

describe('browser journeys', { concurrency: false }, () => {
  journey('1. supervisor starts the year through the start form; 全部待办 lists its tasks', async () => {
    const supervisor = await user('supervisor', 'j1');
    const page = supervisor.page;
    await supervisor.loginTasklist();
    await supervisor.shot('tasklist');
    await page.locator('.start-process-action').click();
    await page.locator('.modal-body').getByText('年度联保工作计划').click();
    await page.locator('.modal-body form[name=annualPlanStartForm]').waitFor();
    // every plan file of the server: the built-in 2021 plan and the one the suite added in a folder
    const planChoice = page.locator('.modal-body select#planId option');
    await poll('the plan files offered', async () => (await planChoice.count()) === 2, 20_000, 250);
    const offered = await planChoice.allInnerTexts();
    assert.ok(offered.some((text) => text.includes('联保2021年重点工作计划')), `the 2021 plan is offered: ${offered}`);
    assert.ok(offered.some((text) => text.includes(REHEARSAL_PLAN.title)), `the added plan is offered: ${offered}`);
    await page.selectOption('.modal-body select#planId', '2021');
    await page.fill('.modal-body input#year', String(YEAR));
    await assertNoEnglish(supervisor, 'the start form');
    await supervisor.shot('start-form');
    await page.locator('.modal-footer button.btn-primary', { hasText: '启动' }).click();
    await page.locator('.modal-dialog').waitFor({ state: 'detached', timeout: 90_000 });
    await supervisor.shot('started');
    await findTask(supervisor, '全部待办', `【`);
    assert.match(await page.locator('.task-filters .task-filter', { hasText: '全部待办' }).innerText(), /全部待办\D*[1-9]\d*/,
      '全部待办 counts the year\'s tasks');
    await supervisor.shot('all-open-tasks');
    await assertNoEnglish(supervisor, '全部待办');
    supervisor.assertClean();
  });

  journey('2. suzhou-gov-officer drafts the 4a outfall list with a file of a Chinese name', async () => {
    const officer = await user('suzhou-gov-officer', 'j2');
    const page = officer.page;
    await officer.loginTasklist();
    const task = await findTask(officer, '本单位待办', DRAFT_TASK);
    await task.locator('.names a, a').first().click();
    await page.locator('.task-details h2', { hasText: DRAFT_TASK }).waitFor();
    await page.locator('.task-details .nav-tabs').getByText('描述').click();
    await page.locator('.task-details').getByText('共同排摸').first().waitFor();
    await officer.shot('draft-description');
    await assertNoEnglish(officer, 'the description of the draft');
    await page.locator('.task-details .nav-tabs').getByText('表单').click();
    await officer.shot('draft-opened');
    assert.equal(await page.locator('.create-task-action:visible').count(), 0, 'officers are not offered 创建任务');
    assert.equal(await page.locator('.task-details .reset-due-date:visible').count(), 0, 'nor the due-date ×');
    await assertNoEnglish(officer, 'the draft task before claiming');

    await page.locator('.task-details button.claim:visible').click();
    const form = page.locator('.task-details form[name=outcomeDocumentDraftForm]');
    await form.waitFor();
    const complete = page.locator('.task-details button[type=submit]', { hasText: '完成' });
    await complete.waitFor();
    assert.equal(await complete.isDisabled(), true, '完成 is disabled while the required file is missing');
    await assert.doesNotReject(form.getByText('请选择初稿').first().waitFor({ timeout: 5000 }),
      'a Chinese hint names the missing file');
    await officer.shot('claimed-file-missing');
    await assertNoEnglish(officer, 'the claimed draft form');

    // what a user's file chooser does: the page's own file control gets the file
    await form.locator('input[type=file]#draftDocument').setInputFiles(documentFile);
    await poll('完成 enabled after choosing the file', async () => !(await complete.isDisabled()), 10_000, 250);
    await officer.shot('file-chosen');
    officer.completing();
    await complete.click();
    await poll('the draft leaves the list', async () =>
      (await page.locator('.tasks-list .task', { hasText: DRAFT_TASK }).count()) === 0, 30_000, 1000);
    await officer.shot('completed');
    await assertNoEnglish(officer, 'after completing the draft');

    // the next step appears for the agency; its download link works before the task is claimed
    const signOff = await findTask(officer, '本单位待办', SIGN_OFF_TASK);
    await signOff.locator('.names a, a').first().click();
    await page.locator('.task-details h2', { hasText: SIGN_OFF_TASK }).waitFor();
    const link = page.locator('.task-details form a', { hasText: '下载初稿' });
    await link.waitFor();
    await officer.shot('sign-off-before-claim');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), link.click()]);
    assert.equal(download.suggestedFilename(), DOCUMENT, 'the draft downloads under its Chinese name');
    assert.equal(fs.readFileSync(await download.path(), 'utf8'), fs.readFileSync(documentFile, 'utf8'));
    assert.match(page.url(), /\/camunda\/app\/tasklist\//, 'the download leaves Tasklist in its tab');
    await officer.shot('sign-off-downloaded');
    officer.assertClean();
  });

  journey('3. past the Q3 deadline, suzhou-gov-leader answers the 督办单', async () => {
    const admin = await restAs(server.baseUrl, 'admin');
    const moved = await admin.post('/api/demo/clock', { data: { now: `${YEAR}-10-02T09:00:00+08:00` } });
    assert.equal(moved.status(), 200, await moved.text());
    await admin.dispose();

    const leader = await user('suzhou-gov-leader', 'j3');
    const page = leader.page;
    await leader.loginTasklist();
    const task = await findTask(leader, '督办', '排污口清单', 90_000);
    await leader.shot('supervision-list');
    await assertNoEnglish(leader, 'the 督办 list');
    await task.locator('.names a, a').first().click();
    await page.locator('.task-details h2', { hasText: '督办单' }).waitFor();
    await page.locator('.task-details button.claim:visible').click();
    const form = page.locator('.task-details form[name=explainDelayForm]');
    await form.waitFor();
    await form.locator('#delayExplanation').fill('排摸工作量超出预期，已完成青浦交界段，其余河段正在核对。');
    await form.locator('#committedDay').fill(`${YEAR}-09-15`);
    const complete = page.locator('.task-details button[type=submit]', { hasText: '完成' });
    await leader.shot('past-day');
    if (!(await complete.isDisabled())) {
      await complete.click();
      // refused by the server: one Chinese sentence, the task stays
      await poll('a refusal is shown', async () => /晚于/.test(await notifications(leader)), 20_000, 500);
    } else {
      // refused in the form: a Chinese hint says why and what to do
      await form.getByText('请另选一天').waitFor();
    }
    await leader.shot('past-day-refused');
    await assertNoEnglish(leader, 'the refusal of a past day');
    const refusal = await notifications(leader);
    assert.doesNotMatch(refusal, /[0-9a-f]{8}-[0-9a-f]{4}-/, 'no ids in the message');
    assert.equal(await page.locator('.tasks-list .task', { hasText: '排污口清单' }).count() > 0, true);

    await form.locator('#committedDay').fill(`${YEAR}-10-20`);
    await poll('完成 enabled', async () => !(await complete.isDisabled()), 10_000, 250);
    await complete.click();
    await poll('the 督办单 leaves the list', async () =>
      (await page.locator('.tasks-list .task.active', { hasText: '排污口清单' }).count()) === 0
      && !/晚于/.test(await notifications(leader)), 30_000, 1000);
    await leader.shot('answered');
    await assertNoEnglish(leader, 'after answering');
    leader.assertClean();
  });

  journey('4. supervisor finds the overdue milestones in Cockpit; the diagram shows the escalation', async () => {
    const supervisor = await user('supervisor', 'j4');
    const page = supervisor.page;
    await supervisor.login('cockpit');
    await page.goto(`${server.baseUrl}/camunda/app/cockpit/default/#/processes`);
    await page.locator('a', { hasText: '工作节点' }).first().click();
    await page.waitForURL(/#\/process-definition\/[^/]+\/runtime/);
    await supervisor.shot('milestones');
    const total = (text) => {
      const numbers = String(text).match(/\d+/g) || [];
      return Number(numbers[numbers.length - 1] || 0);
    };
    const searchBox = page.locator('[cam-widget-search]').first();
    const unfiltered = await poll('the instance count', async () => total(await searchBox.innerText()), 30_000, 500);
    // the README's filter: variable overdue = true, as the search box writes it into the address
    // (type "variables" is the box's 变量 criterion)
    const search = encodeURIComponent(JSON.stringify([{ type: 'variables', operator: 'eq', value: 'true', name: 'overdue' }]));
    const definitionUrl = page.url().replace(/\?.*$/, '');
    await page.goto(`${definitionUrl}?searchQuery=${search}`);
    await page.locator('[cam-widget-search] .search-label, [cam-widget-search] [cam-widget-search-pill]', { hasText: 'overdue' })
      .first().waitFor();
    const rows = page.locator('[cam-widget-search] ~ * table tbody tr, table.cam-table tbody tr').filter({ hasText: YEAR + '-' });
    await poll('overdue milestones listed', async () => (await rows.count()) > 0, 30_000, 1000);
    const filtered = await poll('the filtered count', async () => {
      const count = total(await searchBox.innerText());
      return count > 0 && count < unfiltered ? count : null;
    }, 30_000, 500);
    await supervisor.shot('overdue-filtered');
    assert.ok(filtered < unfiltered, `the filter narrows the milestones (${unfiltered} → ${filtered})`);
    assert.equal(await rows.filter({ hasText: `${YEAR}-12-progress-q4` }).count(), 0, 'a Q4 milestone is not overdue in October');
    const instance = rows.first().locator('a', { hasText: /[0-9a-f]{8}-[0-9a-f]{4}-/ });
    const instanceId = (await instance.innerText()).trim();
    await instance.click();
    await page.waitForURL(/#\/process-instance\//);
    // the instance's own page (not the definition's, still on screen while the route changes)
    await page.locator('.ctn-sidebar, .ctn-column').getByText(instanceId).first().waitFor();
    await page.getByText('正在加载流程图').waitFor({ state: 'hidden', timeout: 60_000 });
    await page.locator('[data-element-id=subProcess_escalation]:visible').first().waitFor({ timeout: 60_000 });
    await poll('the escalation is on the diagram', async () =>
      (await page.locator('svg:visible').filter({ hasText: '逾期督办' }).count()) > 0
      // a count on a step of the escalation: where this case stands
      && (await page.locator(['userTask_explainDelay', 'userTask_superviseCase', 'intermediateEvent_finalDateDue',
        'userTask_superviseAgain'].map((id) => `.djs-overlays[data-container-id="${id}"] .badge:visible`).join(', ')).count()) > 0,
    30_000, 1000);
    await supervisor.shot('instance-diagram');
    // the instance's tabs and its variables table read Chinese (no "Actions" over the edit column)
    const variablesHead = page.locator('.ctn-tabbed-content table thead:visible').first();
    await variablesHead.waitFor();
    const cockpitTexts = `${await page.locator('.ctn-tabbed .nav-tabs:visible').first().innerText()}\n${await variablesHead.innerText()}`;
    assert.doesNotMatch(cockpitTexts, /[A-Za-z]{3,}/, `the supervisor reads English in Cockpit: ${cockpitTexts}`);
    assert.equal(await page.locator('.ctn-toolbar > span:visible').count(), 0,
      'a read-only supervisor is not offered suspend, cancel, modify or add variable');
    supervisor.assertClean();
  });

  journey('5. an agency of the item downloads the document under its Chinese name; one outside cannot', async () => {
    const qingpu = await restAs(server.baseUrl, 'qingpu-gov-officer');
    const found = await qingpu.get('/engine-rest/variable-instance', { params: { variableName: 'draftDocument' } });
    assert.equal(found.status(), 200);
    const documents = (await found.json()).filter((v) => v.valueInfo?.filename === DOCUMENT);
    assert.equal(documents.length, 1, 'qingpu-gov (an agency of item 4a) sees the suzhou draft');
    const id = documents[0].id;
    const data = await qingpu.get(`/engine-rest/variable-instance/${id}/data`);
    assert.equal(data.status(), 200);
    assert.equal(dispositionName(data.headers()['content-disposition']), DOCUMENT);
    assert.match(data.headers()['content-disposition'], /^attachment;/);
    assert.equal((await data.body()).toString('utf8'), fs.readFileSync(documentFile, 'utf8'));
    await qingpu.dispose();

    // in the browser, logged into Tasklist: the address of the document typed into the address bar
    const officer = await user('qingpu-gov-officer', 'j5');
    await officer.loginTasklist();
    const [download] = await Promise.all([
      officer.page.waitForEvent('download', { timeout: 20_000 }),
      // a download is not a page: goto reports that, the download event is the answer
      officer.page.goto(`${server.baseUrl}/camunda/api/engine/engine/default/variable-instance/${id}/data`).catch(() => {}),
    ]);
    assert.equal(download.suggestedFilename(), DOCUMENT);
    await officer.shot('downloaded');
    officer.assertClean();

    const outsider = await restAs(server.baseUrl, 'sh-water-officer');
    const listed = await outsider.get('/engine-rest/variable-instance', { params: { variableName: 'draftDocument' } });
    assert.equal((await listed.json()).some((v) => v.id === id), false, 'sh-water (outside item 4a) does not see it');
    const refused = await outsider.get(`/engine-rest/variable-instance/${id}/data`);
    assert.ok([403, 404].includes(refused.status()), `sh-water cannot download it (${refused.status()})`);
    await outsider.dispose();
  });

  journey('6. officers deliver the meeting minutes, the hyacinth action plan and the rectification report with their files', async () => {
    // the steps before each document, as the agencies would have worked them (REST, as an administrator)
    const admin = await restAs(server.baseUrl, 'admin');
    const text = (value) => ({ value, type: 'String' });
    const tasks = async (params) => {
      const answer = await admin.get('/engine-rest/task', { params });
      assert.equal(answer.status(), 200, await answer.text());
      return answer.json();
    };
    // the next step can follow a job (a work's delivery report runs in its own job): wait for it, up to 60 s
    const only = (params) => poll(`one task for ${JSON.stringify(params)}`, async () => {
      const found = await tasks(params);
      assert.ok(found.length <= 1, `at most one task for ${JSON.stringify(params)}`);
      return found[0];
    });
    const complete = async (task, variables) => {
      const answer = await admin.post(`/engine-rest/task/${task.id}/complete`, { data: { variables } });
      assert.equal(answer.status(), 204, `${task.name}: ${await answer.text()}`);
    };
    const QINGPU_ITEM_2 = '%【2 跨界水体联合河长制】青浦区%';

    const convene = await only({ taskDefinitionKey: 'userTask_conveneMeeting', nameLike: QINGPU_ITEM_2 });
    const meeting = convene.processInstanceId;
    await complete(convene, { meetingDay: text(`${YEAR}-09-25`), meetingPlace: text('青浦区政府第一会议室'),
      meetingTopics: text('跨界水体联合河长制年度工作协商') });
    for (const input of await tasks({ processInstanceId: meeting, taskDefinitionKey: 'userTask_submitMeetingInput' })) {
      await complete(input, { agencyAttendees: text('河长办联络员'), agencyViews: text('同意议题') });
    }

    const surveys = await tasks({ taskDefinitionKey: 'userTask_surveyJurisdiction', processDefinitionKey: 'hyacinth-campaign' });
    assert.ok(surveys.length > 0, 'the hyacinth campaign waits for its surveys');
    const campaign = surveys[0].processInstanceId;
    for (const survey of surveys.filter((t) => t.processInstanceId === campaign)) {
      await complete(survey, { surveyDate: text('2026-11-20'), watersSurveyed: text('太浦河、元荡'),
        hyacinthSituation: text('零星分布，已打捞') });
    }

    const plan = await only({ taskDefinitionKey: 'userTask_planPatrol', nameLike: QINGPU_ITEM_2 });
    const patrol = plan.processInstanceId;
    await complete(plan, { plannedPatrolDay: text(`${YEAR}-09-20`), plannedWaterBody: text('太浦河青浦段'),
      plannedParticipants: text('青浦区河长办') });
    for (const confirm of await tasks({ processInstanceId: patrol, taskDefinitionKey: 'userTask_confirmParticipation' })) {
      await complete(confirm, { agencyParticipants: text('河长办巡河员') });
    }
    await complete(await only({ processInstanceId: patrol, taskDefinitionKey: 'userTask_recordPatrol' }), {
      patrolDay: text(`${YEAR}-09-20`), patrolWaterBody: text('太浦河青浦段'), patrolParticipants: text('青浦区河长办'),
      findings: text(JSON.stringify([{ agency: 'qingpu-gov', problem: '岸线堆放建筑垃圾' }])),
    });
    await complete(await only({ processInstanceId: patrol, taskDefinitionKey: 'userTask_rectifyProblem' }),
      { rectificationMeasures: text('已清运建筑垃圾并设置警示牌') });
    await complete(await only({ processInstanceId: patrol, taskDefinitionKey: 'userTask_verifyRectification' }),
      { accepted: { value: true, type: 'Boolean' }, verificationComment: text('现场核查，整改到位') });
    assert.equal((await tasks({ processInstanceId: patrol })).length, 0, 'the patrol ends with its verified rectification');
    // item 1's problem list and rectification report (issue 12): its own milestone, due at the end of Q4
    const reportTask = await only({ processDefinitionKey: 'rectification-report', taskDefinitionKey: 'userTask_writeRectificationReport' });
    const report = reportTask.processInstanceId;

    // the documents, in Tasklist
    const qingpu = await user('qingpu-gov-officer', 'j6');
    await qingpu.loginTasklist();
    await deliverDocument(qingpu, '青浦区 · 记录会议纪要', 'meetingMinutesForm', 'meetingMinutes', files[MINUTES], async (form) => {
      await form.locator('#meetingHeldOn').fill(`${YEAR}-09-25`);
      await form.locator('#meetingAttendees').fill('青浦区河长办、水务局、生态环境局');
      await form.locator('#meetingDecisions').fill('各单位于十月底前完成本辖区排查。');
    });
    qingpu.assertClean();

    const office = await user('sh-river-chief-office-officer', 'j6');
    await office.loginTasklist();
    await deliverDocument(office, '上传问题清单及整改报告', 'rectificationReportForm', 'rectificationReport', files[PATROL_REPORT],
      async (form) => {
        // the year's problem list of item 1 is shown (its patrols found nothing so far)
        await form.locator('.help-block', { hasText: '本年度联合巡河未发现问题' }).or(form.locator('table')).first().waitFor();
        assert.equal(await form.locator('.lianbao-open-problems:visible').count(), 0, 'no open problem blocks the report');
      });
    office.assertClean();

    const taihu = await user('taihu-basin-officer', 'j6');
    await taihu.loginTasklist();
    await deliverDocument(taihu, '汇总调研并编制行动方案', 'hyacinthActionPlanForm', 'actionPlan', files[ACTION_PLAN], async (form) => {
      await form.locator('#surveySummary').fill('三地水葫芦零星分布，重点防控太浦河和元荡交界水域。');
    });
    taihu.assertClean();

    // the processes moved on, each document under its Chinese name
    for (const [instance, name, file] of [[meeting, 'meetingMinutes', MINUTES], [report, 'rectificationReport', PATROL_REPORT],
      [campaign, 'actionPlan', ACTION_PLAN]]) {
      const stored = await admin.get('/engine-rest/history/variable-instance', { params: { processInstanceId: instance, variableName: name } });
      const values = await stored.json();
      assert.equal(values.length, 1, `${name} is stored`);
      assert.equal(values[0].valueInfo?.filename, file);
    }
    assert.equal((await tasks({ processInstanceId: meeting })).length, 0, 'the meeting is held');
    assert.equal((await tasks({ processInstanceId: report })).length, 0, 'the rectification report is delivered');
    assert.ok((await tasks({ processInstanceId: campaign, taskDefinitionKey: 'userTask_carryOutCampaign' })).length > 0,
      'the agencies carry out the action plan');
    await admin.dispose();
  });

  journey('7. supervisor opens 年度计划进度 from the Cockpit dashboard: red cells, an instance, a finished milestone’s history', async () => {
    const supervisor = await user('supervisor', 'j7');
    const page = supervisor.page;
    await supervisor.login('cockpit');
    await page.goto(`${server.baseUrl}/camunda/app/cockpit/default/#/dashboard`);
    // the dashboard's entry; the page reads /api/plans/** with the webapps' session (no second login)
    const entry = page.locator('.lianbao-plan-entry a.lianbao-open-plan');
    await entry.waitFor();
    await supervisor.shot('dashboard');
    await entry.click();
    await page.waitForURL(/#\/lianbao-plan/);
    const year = page.locator('select.lianbao-year');
    await poll('the started years are offered', async () => (await year.locator('option').allInnerTexts()).some((t) => t.includes(String(YEAR))),
      30_000, 500);
    await year.selectOption(String(YEAR));
    const table = page.locator('table.lianbao-plan-table').first();
    await table.locator('button.lianbao-part').first().waitFor();
    assert.equal(await page.locator('input[type=password]:visible').count(), 0, 'no second login');
    assert.match(await page.locator('.lianbao-asof').innerText(), new RegExp(`${YEAR}年10月`), 'the rehearsal clock (October) is the day shown');

    // past the Q3 deadline (journey 3 moved the clock to 2 October): item 4a's Q3 parts are overdue and escalated (red)
    const item4a = table.locator('tbody tr[data-item="4a"]');
    const red = item4a.locator('td[data-quarter="3"] button.lianbao-part.red');
    assert.ok(await red.count() > 0, 'item 4a, third quarter: a red cell');
    assert.match(await red.first().innerText(), /逾期 \d+ 天/);
    assert.match(await item4a.locator('td[data-quarter="3"]').innerText(), /督办/);
    // a Q4 part is not yet due in early October (grey)
    assert.ok(await table.locator('td[data-quarter="4"] button.lianbao-part.grey').count() > 0, 'Q4 not yet due: grey');
    const figures = await page.locator('.lianbao-figures').innerText();
    assert.match(figures, /逾期未完成/);
    assert.ok(Number((await page.locator('.lianbao-figure.red .value').first().innerText()).trim()) > 0, 'open overdue parts counted');
    const report = page.locator('a.lianbao-report');
    assert.equal(await report.innerText(), '下载季报（Excel）');
    assert.match(await report.getAttribute('href'), new RegExp(`/api/plans/${YEAR}/report\\.xlsx$`));
    await supervisor.shot('plan-view');

    // none of our plugin's visible text is English
    const ours = await page.locator('.lianbao-plan').innerText();
    assert.deepEqual(englishIn(ours), [], 'no English sentence in the plan view');
    // no English word at all, but the file format the issue names (下载季报（Excel）)
    assert.doesNotMatch(ours.replace('（Excel）', ''), /[A-Za-z]{3,}/, `English in the plan view: ${ours}`);
    assert.doesNotMatch(ours, /\b(undefined|null|NaN|OVERDUE|DONE_|NOT_DUE|DUE_SOON)\b/);

    // a finished milestone (journeys 2–6 delivered some) opens the history panel with its tasks
    const finished = table.locator('button.lianbao-part[data-state^="DONE_"]').first();
    await finished.waitFor();
    await finished.click();
    const panel = page.locator('.lianbao-panel');
    await panel.locator('table.lianbao-tasks tbody tr').first().waitFor();
    const panelText = await panel.innerText();
    assert.match(panelText, /办理经过/);
    assert.match(panelText, /按期完成|逾期完成/);
    assert.deepEqual(englishIn(panelText, await panel.locator('.lianbao-documents a').allInnerTexts()), [],
      'no English sentence in the history panel');
    await supervisor.shot('history-panel');
    await panel.getByRole('button', { name: '关闭' }).click();
    await panel.waitFor({ state: 'detached' });

    // the agencies' record, sortable
    await page.locator('.lianbao-tabs a', { hasText: '各单位情况' }).click();
    const agencies = page.locator('table.lianbao-agency-table');
    await agencies.locator('tbody tr').first().waitFor();
    const column = async (key) => {
      const index = await agencies.locator('thead th').evaluateAll((ths, k) => ths.findIndex((th) => th.dataset.key === k), key);
      return agencies.locator(`tbody tr td:nth-child(${index + 1})`).allInnerTexts();
    };
    await agencies.locator('th[data-key=overdue]').click();
    const descending = (await column('overdue')).map(Number);
    assert.deepEqual(descending, [...descending].sort((a, b) => b - a), 'sorted by 逾期未完成, most first');
    assert.ok(descending[0] > 0, 'an agency has open overdue parts');
    await agencies.locator('th[data-key=overdue]').click();
    const ascending = (await column('overdue')).map(Number);
    assert.deepEqual(ascending, [...ascending].sort((a, b) => a - b), 'sorted again: fewest first');
    assert.match(await agencies.locator('thead').innerText(), /按期完成率/);
    await supervisor.shot('agencies');
    assert.doesNotMatch((await page.locator('.lianbao-plan').innerText()).replace('（Excel）', ''), /[A-Za-z]{3,}/,
      'no English in the agencies\' record');

    // an open (red) milestone opens its instance in Cockpit
    await page.locator('.lianbao-tabs a', { hasText: '计划进度' }).click();
    const open = page.locator('tbody tr[data-item="4a"] td[data-quarter="3"] button.lianbao-part.red').first();
    const instanceId = await open.getAttribute('data-instance');
    await open.click();
    await page.waitForURL(new RegExp(`#/process-instance/${instanceId}/runtime`));
    await page.locator('.ctn-sidebar, .ctn-column').getByText(instanceId).first().waitFor();
    await supervisor.shot('instance');
    supervisor.assertClean();
  });

});
