// The browser journeys of issue 10, walked in Debian's chromium against the packaged jar:
//   npm test        (after ./mvnw -B -ntp verify or package has built target/lianbao-0.1.0-SNAPSHOT.jar)
// Screenshots of every step, the server's log and the requests each role made land in target/e2e/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  SHOTS, User, dispositionName, englishIn, launchBrowser, poll, restAs, startServer,
} from './harness.mjs';

const YEAR = 2027; // the clock of the rehearsal only moves forward: a year that lies ahead
const DRAFT_TASK = '【4a 排污口清单】苏州市 · 起草成果文件《太浦河沿线排污口清单》';
const DOCUMENT = '太浦河沿线排污口清单（苏州市初稿）.pdf';

let server;
let browser;
let documentFile;
const users = [];

/** A journey's test: on failure, a screenshot of every page of the journey's users. */
function journey(name, fn) {
  test(name, async () => {
    const before = users.length;
    try {
      await fn();
    } catch (error) {
      for (const u of users.slice(before)) await u.shot('FAILED').catch(() => {});
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
  return poll(`${u.id}: task “${text}” in ${filter}`, async () => {
    await openFilter(u, filter);
    const task = u.page.locator('.tasks-list .task', { hasText: text }).first();
    return (await task.count()) ? task : null;
  }, timeoutMs, 3000);
}

/** The latest notification's text (what a user reads after an action). */
async function notifications(u) {
  return (await u.page.locator('.page-notifications').innerText()).trim();
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianbao-e2e-files-'));
  documentFile = path.join(dir, DOCUMENT);
  fs.writeFileSync(documentFile, '%PDF-1.4\n% 太浦河沿线排污口清单 初稿（演练）\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
});

after(async () => {
  const byRole = {};
  for (const u of users) {
    byRole[u.id] = [...new Set([...(byRole[u.id] || []), ...u.requests])].sort();
    await u.close();
  }
  fs.writeFileSync(path.join(SHOTS, 'requests.json'), `${JSON.stringify(byRole, null, 2)}\n`);
  await browser?.close();
  await server?.stop();
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
    await page.selectOption('.modal-body select#planId', '2021');
    await page.fill('.modal-body input#year', String(YEAR));
    await assertNoEnglish(supervisor, 'the start form');
    await supervisor.shot('start-form');
    await page.locator('.modal-footer button.btn-primary', { hasText: '启动' }).click();
    await page.locator('.modal-dialog').waitFor({ state: 'detached', timeout: 90_000 });
    await supervisor.shot('started');
    await findTask(supervisor, '全部待办', '排污口清单');
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
    await assertNoEnglish(officer, 'the draft task before claiming');

    await page.locator('.task-details').getByText('认领', { exact: true }).click();
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
    await complete.click();
    await poll('the draft leaves the list', async () =>
      (await page.locator('.tasks-list .task', { hasText: DRAFT_TASK }).count()) === 0, 30_000, 1000);
    await officer.shot('completed');
    await assertNoEnglish(officer, 'after completing the draft');
    officer.assertClean();
  });
});
