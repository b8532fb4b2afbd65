// The harness of the browser journeys: the packaged jar in a process of its own, Debian's chromium
// through playwright-core, and the checks every page of every journey passes (no page error, no
// HTTP 5xx, no console error but Camunda's pre-login probe and Tasklist's refresh of a task just
// completed, no English sentence in what we own).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, request as apiRequest } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const JAR = process.env.E2E_JAR || path.join(ROOT, 'target', 'lianbao-0.1.0-SNAPSHOT.jar');
export const SHOTS = path.join(ROOT, 'target', 'e2e');
export const PASSWORD = process.env.LIANBAO_DEMO_PASSWORD || 'Lianbao@2021';
const PORTS = [18140, 18149]; // the range this suite may use; E2E_PORT overrides
/** The plan file the suite adds in a folder of its own. */
export const REHEARSAL_PLAN = { id: '2022', title: '长三角生态绿色一体化发展示范区重点跨界水体联保2022年重点工作计划（演练）' };

/** The first free port of the range. */
async function freePort() {
  if (process.env.E2E_PORT) return Number(process.env.E2E_PORT);
  for (let port = PORTS[0]; port <= PORTS[1]; port++) {
    const free = await new Promise((resolve) => {
      const server = net.createServer().once('error', () => resolve(false))
        .once('listening', () => server.close(() => resolve(true)));
      server.listen(port, '127.0.0.1');
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${PORTS.join('-')}`);
}

/**
 * Starts the packaged jar (demo profile, a fresh data folder) and waits for /actuator/health.
 * E2E_BASE_URL points the suite at a server already running instead.
 */
export async function startServer() {
  fs.rmSync(SHOTS, { recursive: true, force: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  if (process.env.E2E_BASE_URL) {
    return { baseUrl: process.env.E2E_BASE_URL.replace(/\/$/, ''), stop: async () => {} };
  }
  if (!fs.existsSync(JAR)) {
    throw new Error(`${JAR} is missing: build it first with ./mvnw -B -ntp verify (or package)`);
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianbao-e2e-'));
  const log = fs.openSync(path.join(SHOTS, 'server.log'), 'w');
  // an operator's own plan beside the built-in one (README: lianbao.plans): the start form offers both
  const plansDir = path.join(dataDir, 'plans');
  fs.mkdirSync(plansDir);
  fs.writeFileSync(path.join(plansDir, `plan-${REHEARSAL_PLAN.id}.yml`), fs.readFileSync(path.join(ROOT, 'src/main/resources/plans/plan-2021.yml'), 'utf8')
    .replace(/^id: "2021"$/m, `id: "${REHEARSAL_PLAN.id}"`).replace(/^title: .*$/m, `title: ${REHEARSAL_PLAN.title}`));
  const server = spawn('java', ['-jar', JAR, '--spring.profiles.active=demo', `--server.port=${port}`,
    `--lianbao.data-dir=${dataDir}`, `--lianbao.plans=classpath*:plans/plan-*.yml,file:${plansDir}/plan-*.yml`,
    // which request made a new session in place of the one it brought (a login lost, in the server's log)
    '--logging.level.cn.lianbao.security.CsrfTokenForNewSessions=DEBUG'],
  { stdio: ['ignore', log, log] });
  const baseUrl = `http://127.0.0.1:${port}`;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the jar stopped (exit ${server.exitCode}): see target/e2e/server.log`);
    try {
      const answer = await fetch(`${baseUrl}/actuator/health`);
      if (answer.ok && (await answer.json()).status === 'UP') break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      server.kill();
      throw new Error('the jar did not report UP within 240 s: see target/e2e/server.log');
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  await warmUp(baseUrl);
  return {
    baseUrl,
    stop: async () => {
      server.kill('SIGTERM');
      const timeout = setTimeout(() => server.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timeout);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Fetches the webapps' scripts once: a cold server can take longer to serve them than the
 * webapps' module loader waits (its "Load timeout for modules"), which no user of a warm server sees.
 */
async function warmUp(baseUrl) {
  for (const app of ['tasklist', 'cockpit']) {
    const index = await (await fetch(`${baseUrl}/camunda/app/${app}/default/`)).text();
    const assets = [...index.matchAll(/(?:src|href)="([^"]+\.(?:js|css)[^"]*)"/g)].map((m) => m[1]);
    const plugins = [...index.matchAll(/location: '([^']+)', main: '([^']+)'/g)].map((m) => `${m[1]}/${m[2]}`);
    for (const asset of [...assets, ...plugins]) {
      await fetch(new URL(asset, `${baseUrl}/camunda/app/${app}/default/`)).then((r) => r.arrayBuffer()).catch(() => {});
    }
  }
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.E2E_CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=zh-CN'],
    // not LANG=zh_CN.UTF-8: chromium would then drop non-ASCII file names
    env: { ...process.env, LANGUAGE: 'zh_CN' },
  });
}

/** Three or more English words in a row: a sentence a user of ours should never read. */
export const ENGLISH_SENTENCE = /\b[A-Za-z][a-z']+(?:[ ,:;-]+[A-Za-z][a-z']+){2,}\b/;

/** The English sentences in a text, file names and ids excepted. */
export function englishIn(text, allowed = []) {
  let rest = text;
  for (const name of allowed) rest = rest.split(name).join(' ');
  // file names and ids: anything with a dot, slash, underscore or digit inside a word
  rest = rest.replace(/\S*[._/\\\d]\S*/g, ' ');
  const found = [];
  for (const line of rest.split(/\n/)) {
    const match = line.match(ENGLISH_SENTENCE);
    if (match) found.push(match[0]);
  }
  return found;
}

/**
 * A user in a browser context of their own: every page error, HTTP 5xx and console error is
 * recorded as a fault, and every request to the server is recorded per role.
 */
export class User {
  constructor(browser, baseUrl, id, journey) {
    this.browser = browser;
    this.baseUrl = baseUrl;
    this.id = id;
    this.journey = journey;
    this.faults = [];
    this.requests = new Set();
    this.completedTasks = new Set();
    this.traffic = [];
    this.step = 0;
  }

  async open() {
    this.context = await this.browser.newContext({
      locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1400, height: 900 }, acceptDownloads: true,
    });
    this.page = await this.context.newPage();
    this.page.setDefaultTimeout(20_000);
    this.page.on('pageerror', (error) => this.faults.push(`pageerror: ${error.message}`));
    this.page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const where = message.location()?.url || '';
      // Camunda's own probe before login: who is logged in? 404 = nobody
      if (/Failed to load resource: the server responded with a status of 404/.test(message.text())
        && where.includes('/camunda/api/admin/auth/user/default')) return;
      // Tasklist refreshing the task the user has just completed: it is gone (404)
      const refreshed = where.match(/\/camunda\/api\/engine\/engine\/default\/task\/([0-9a-f-]{36})$/);
      if (/status of 404/.test(message.text()) && refreshed && this.completedTasks.has(refreshed[1])) return;
      this.faults.push(`console.error: ${message.text()} ${where}`);
    });
    this.page.on('response', async (response) => {
      if (response.status() >= 500) this.faults.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
      const url = new URL(response.url());
      if (url.origin !== this.baseUrl || /\.(js|css|png|svg|woff2?|ttf|ico|json)$/.test(url.pathname)) return;
      // the traffic of the user's pages: which session each request brought, which one it was given
      const sent = cookieValue(await response.request().headerValue('cookie').catch(() => null), 'JSESSIONID');
      const given = cookieValue(await response.headerValue('set-cookie').catch(() => null), 'JSESSIONID');
      this.traffic.push(`${new Date().toISOString()} ${response.status()} ${response.request().method()} ${url.pathname}`
        + ` session=${short(sent)}${given === undefined ? '' : ` set-session=${short(given)}`}`);
    });
    this.page.on('request', (req) => {
      const url = new URL(req.url());
      if (url.origin !== this.baseUrl) return;
      if (!/^\/(camunda\/api|engine-rest|api)\//.test(url.pathname)) return;
      this.requests.add(`${req.method()} ${normalisePath(url.pathname)}`);
    });
    return this;
  }

  /** Saves a screenshot of the page under target/e2e/. */
  async shot(name) {
    this.step += 1;
    const file = path.join(SHOTS, `${this.journey}-${String(this.step).padStart(2, '0')}-${this.id}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  async loginTasklist() {
    return this.login('tasklist');
  }

  async login(app) {
    const page = this.page;
    await page.goto(`${this.baseUrl}/camunda/app/${app}/`);
    const username = page.locator('input[ng-model=username]');
    const password = page.locator('input[ng-model=password]');
    // a cold machine (CI's first run) can take long over the webapps' first page: wait as a patient user
    // would, and if the form never comes, say what the page showed instead
    await username.waitFor({ timeout: 60_000 }).catch(async (error) => {
      const shown = await page.locator('body').innerText().catch(() => '?');
      throw new Error(`${this.id}: no login form at ${page.url()} (${error.message.split('\n')[0]}); the page shows: `
        + `${shown.replace(/\s+/g, ' ').slice(0, 400)}; faults: ${this.faults.join(' | ') || 'none'}`);
    });
    // the login page moves the focus to its autofocus field shortly after it shows: type again
    // until both fields hold what was typed, as a user would
    for (let attempt = 0; attempt < 5; attempt++) {
      await username.fill(this.id);
      await password.fill(PASSWORD);
      await page.waitForTimeout(400);
      if ((await username.inputValue()) === this.id && (await password.inputValue()) === PASSWORD) break;
    }
    await page.click('button[type=submit]');
    await page.waitForSelector('[cam-widget-header] .user-name, [cam-widget-header] .account, .navbar .account', { timeout: 30_000 })
      .catch(() => {});
    await page.waitForLoadState('networkidle');
  }

  /** The user is about to complete the task open in Tasklist: its later refresh may answer 404. */
  completing() {
    const id = this.page.url().match(/[?&]task=([0-9a-f-]{36})/);
    if (id) this.completedTasks.add(id[1]);
  }

  /** Writes what the user's pages asked and were answered (and the session cookies) to target/e2e/. */
  saveTraffic() {
    fs.writeFileSync(path.join(SHOTS, `${this.journey}-${this.id}-traffic.log`), `${this.traffic.join('\n')}\n`);
  }

  assertClean() {
    if (this.faults.length) throw new Error(`${this.id}: ${this.faults.join('\n')}`);
  }

  async close() {
    await this.context?.close();
  }
}

/** The value of a cookie in a Cookie or Set-Cookie header (undefined when absent). */
function cookieValue(header, name) {
  const match = header && header.match(new RegExp(`(?:^|[;,\\s])${name}=([^;,\\s]*)`));
  return match ? match[1] : undefined;
}

/** A session id, short enough to tell sessions apart in a log. */
function short(value) {
  return value === undefined ? '-' : value === '' ? '(cleared)' : value.slice(-8);
}

/** Ids in paths become placeholders: one line per kind of request. */
export function normalisePath(pathname) {
  return pathname
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '{id}')
    .replace(/\/(process-definition|decision-definition)\/[^/]+:\d+:[^/]+/g, '/$1/{id}')
    .replace(/\/key\/[^/]+/g, '/key/{key}');
}

/** The requests each user made through {@link restAs}, as the browsers' are recorded (user → set). */
export const restRequests = new Map();

/** An HTTP Basic client of the REST API, as the given user; its requests are recorded in restRequests. */
export async function restAs(baseUrl, user) {
  const context = await apiRequest.newContext({
    baseURL: baseUrl,
    httpCredentials: { username: user, password: PASSWORD, send: 'always' },
    extraHTTPHeaders: { Accept: 'application/json' },
  });
  if (!restRequests.has(user)) restRequests.set(user, new Set());
  const seen = restRequests.get(user);
  for (const name of ['get', 'post', 'put', 'patch', 'delete', 'head', 'fetch']) {
    const original = context[name].bind(context);
    context[name] = (url, options) => {
      const method = name === 'fetch' ? String(options?.method || 'GET').toUpperCase() : name.toUpperCase();
      const { pathname } = new URL(url, baseUrl);
      if (/^\/(engine-rest|api)\//.test(pathname)) seen.add(`${method} ${normalisePath(pathname)}`);
      return original(url, options);
    };
  }
  return context;
}

/** Polls fn until it returns a truthy value or the time is up. */
export async function poll(what, fn, timeoutMs = 60_000, everyMs = 1000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s (${last})`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** The file name of a Content-Disposition header, RFC 6266 (filename* first). */
export function dispositionName(header) {
  if (!header) return null;
  const star = header.match(/filename\*\s*=\s*UTF-8''([^;]+)/i);
  if (star) return decodeURIComponent(star[1]);
  const plain = header.match(/filename\s*=\s*"?([^";]+)"?/i);
  return plain ? plain[1] : null;
}
