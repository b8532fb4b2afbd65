#!/usr/bin/env node
// Load client of the packaged jar (issue 15, "Load"): N simulated officers work progress reports over REST
// for a fixed time, as in Tasklist: list their agency's open tasks, claim one, complete it with the form's
// two fields (a text and a file), download a document. Closed model: a fixed number of virtual officers,
// each waiting for its answer before its next request, over at most --connections sockets (node:http
// Agent maxSockets). Loopback only. Prints `name value unit` lines and a summary; exits 1 if a check fails:
// a 5xx answer, a transport error, a completion (204) counted twice, or completions in the engine's history
// that differ from the 204s (per officer and in total).
//
// Usage: node bench/load.mjs --base http://127.0.0.1:18400 [--officers 200] [--duration 600] [--think 0]
//        [--connections <officers>] [--password Lianbao@2021] [--admin admin]
// The officers (load-<agency>-<n>, members of their agency's group) are created through the REST API as the
// administrator; the work (plan milestones of kind progress-report, started with their work order as the
// README describes for milestones outside the plan file) is kept topped up by the administrator in the
// background, outside the officers' figures.
import http from 'node:http';
import { randomBytes } from 'node:crypto';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => {
  if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
  return pairs;
}, []));
const BASE = new URL(args.base ?? 'http://127.0.0.1:8080');
const OFFICERS = Number(args.officers ?? 200);
const DURATION_S = Number(args.duration ?? 600);
const THINK_MS = Number(args.think ?? 0);
const CONNECTIONS = Number(args.connections ?? OFFICERS);
const PASSWORD = args.password ?? 'Lianbao@2021';
const ADMIN = args.admin ?? 'admin';
const RUN = args.run ?? Date.now().toString(36);
const POOL_PER_OFFICER = 2; // open tasks kept per officer of an agency during the run
const FEEDERS = 10; // the administrator's concurrent starts of work
const EMPTY_LIST_PAUSE_MS = 5000; // an officer who finds no work looks again after this
const FILL_PER_OFFICER = Number(args.fill ?? 3); // open tasks per officer started before the timed run
const DOCUMENT_BYTES = 16 * 1024;

if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(BASE.hostname) || BASE.protocol !== 'http:') {
  console.error(`只对本机回环地址施加负载，拒绝 ${BASE.href} / loopback only (http://127.0.0.1:…), refusing ${BASE.href}`);
  process.exit(2);
}
if (!(OFFICERS > 0 && DURATION_S > 0 && CONNECTIONS > 0)) {
  console.error('--officers, --duration and --connections must be positive');
  process.exit(2);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS, maxFreeSockets: CONNECTIONS });
const adminAgent = new http.Agent({ keepAlive: true, maxSockets: FEEDERS + 2 });

let transportRetries = 0;
function call(method, path, { user, body, agentToUse = agent, raw = false, retried = false } = {}) {
  return new Promise((resolve) => {
    const payload = body === undefined ? null : Buffer.from(JSON.stringify(body));
    const headers = {
      Authorization: 'Basic ' + Buffer.from(`${user}:${PASSWORD}`).toString('base64'),
      Accept: raw ? '*/*' : 'application/json',
    };
    if (payload) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = payload.length;
    }
    const started = process.hrtime.bigint();
    const request = http.request({ host: BASE.hostname.replace(/^\[|\]$/g, ''), port: BASE.port || 80,
      method, path, headers, agent: agentToUse, timeout: 300_000 }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        let json = null;
        if (!raw && bytes.length && (response.headers['content-type'] ?? '').includes('json')) {
          try { json = JSON.parse(bytes.toString('utf8')); } catch { json = null; }
        }
        resolve({ status: response.statusCode, json, bytes, ms, headers: response.headers });
      });
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error) => {
      // a kept-alive socket that the server closed as it was reused (node's documented race): a GET is
      // sent again once, on a new socket, and counted; anything else is a failure of the run
      if (method === 'GET' && request.reusedSocket && error.code === 'ECONNRESET' && !retried) {
        transportRetries++;
        resolve(call(method, path, { user, body, agentToUse, raw, retried: true }));
        return;
      }
      resolve({ status: 0, error: `${error.code ?? ''} ${error.message ?? error}`,
        ms: Number(process.hrtime.bigint() - started) / 1e6 });
    });
    if (payload) request.write(payload);
    request.end();
  });
}

// ---- figures
const ops = {};
const statuses = {};
const serverErrors = [];
function record(op, answer) {
  const stat = ops[op] ??= { ms: [], ok: 0 };
  stat.ms.push(answer.ms);
  const key = `${op} ${answer.status}`;
  statuses[key] = (statuses[key] ?? 0) + 1;
  if (answer.status >= 500 || answer.status === 0) {
    if (serverErrors.length < 20) {
      serverErrors.push(`${op} ${answer.status} ${answer.error ?? answer.bytes?.toString('utf8').slice(0, 300)}`);
    } else serverErrors.push(null);
  }
}
function percentile(sorted, p) {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
}

// ---- setup: officers and work
const agencies = await (async () => {
  const all = await call('GET', '/engine-rest/group?maxResults=200&sortBy=id&sortOrder=asc', { user: ADMIN, agentToUse: adminAgent });
  if (all.status !== 200) throw new Error(`cannot list groups as ${ADMIN}: ${all.status} ${all.bytes ?? all.error}`);
  // the agencies' groups: every group but the leaders', the supervisors' and the administrators'
  return all.json.map((g) => g.id).filter((id) => !id.endsWith('-leaders') && id !== 'supervisors'
    && id !== 'camunda-admin');
})();
console.log(`# ${agencies.length} agencies: ${agencies.join(' ')}`);

const officers = [];
for (let n = 0; n < OFFICERS; n++) {
  const agency = agencies[n % agencies.length];
  officers.push({ id: `load-${RUN}-${String(n + 1).padStart(3, '0')}`, agency, completed: 0 });
}
const setupStarted = Date.now();
for (let i = 0; i < officers.length; i += 10) {
  await Promise.all(officers.slice(i, i + 10).map(async (officer) => {
    const created = await call('POST', '/engine-rest/user/create', { user: ADMIN, agentToUse: adminAgent, body: {
      profile: { id: officer.id, firstName: `压测联络员${officer.id.slice(-3)}`, lastName: '（压测）' },
      credentials: { password: PASSWORD } } });
    if (created.status !== 204) throw new Error(`creating ${officer.id}: ${created.status} ${created.bytes}`);
    const member = await call('PUT', `/engine-rest/group/${officer.agency}/members/${officer.id}`,
      { user: ADMIN, agentToUse: adminAgent });
    if (member.status !== 204) throw new Error(`${officer.id} into ${officer.agency}: ${member.status} ${member.bytes}`);
  }));
}
console.log(`# ${officers.length} officers created in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s`);

const officersOf = {};
for (const officer of officers) officersOf[officer.agency] = (officersOf[officer.agency] ?? 0) + 1;
let milestoneSerial = 0;
const starts = { ok: 0, failed: 0, ms: [] };
const deadline = new Date(Date.now() + 180 * 86400_000).toISOString().replace('Z', '+0000');

async function startWork(agency) {
  const key = `load-${RUN}-${agency}-${++milestoneSerial}`;
  const answer = await call('POST', '/engine-rest/process-definition/key/plan-milestone/start', {
    user: ADMIN, agentToUse: adminAgent, body: {
      businessKey: key,
      variables: {
        workKind: { value: 'progress-report', type: 'String' },
        milestoneTitle: { value: `压测季度进展报告 ${milestoneSerial}`, type: 'String' },
        responsibleGroups: { value: JSON.stringify([agency]), type: 'Object',
          valueInfo: { objectTypeName: 'java.util.ArrayList', serializationDataFormat: 'application/json' } },
        deadline: { value: deadline, type: 'Date' },
        maxEscalationLevel: { value: 1, type: 'Integer' },
      } } });
  starts.ms.push(answer.ms);
  if (answer.status === 200) starts.ok++;
  else {
    starts.failed++;
    if (starts.failed <= 3) console.error(`# starting work for ${agency}: ${answer.status} ${answer.bytes ?? answer.error}`);
    if (answer.status >= 500 || answer.status === 0) record('start_work', answer);
  }
}

async function openCount(agency) {
  const answer = await call('GET', `/engine-rest/task/count?processDefinitionKey=progress-report&candidateGroup=${agency}`
    + '&unassigned=true', { user: ADMIN, agentToUse: adminAgent });
  return answer.status === 200 ? answer.json.count : 0;
}

async function topUp(perOfficer = POOL_PER_OFFICER) {
  const wanted = [];
  const counts = await Promise.all(agencies.map((agency) => officersOf[agency] ? openCount(agency) : 0));
  agencies.forEach((agency, i) => {
    for (let n = counts[i]; n < (officersOf[agency] ?? 0) * perOfficer; n++) wanted.push(agency);
  });
  // a few starts at a time (the administrator's connections), not more
  await Promise.all(Array.from({ length: FEEDERS }, async () => {
    for (let agency = wanted.shift(); agency; agency = wanted.shift()) await startWork(agency);
  }));
}

const fillStarted = Date.now();
await topUp(FILL_PER_OFFICER);
// tasks are created by the milestones' own steps; wait until the pools are there (or 120 s)
for (const until = Date.now() + 120_000; Date.now() < until;) {
  const counts = await Promise.all(agencies.filter((a) => officersOf[a]).map(openCount));
  if (counts.every((count, i) => count > 0)) break;
  await new Promise((resolve) => setTimeout(resolve, 1000));
}
console.log(`# work started: ${starts.ok} milestones (${starts.failed} refused) in ${((Date.now() - fillStarted) / 1000).toFixed(1)} s`);

// ---- the officers
const completedTasks = new Set();
let twice = 0;
let emptyLists = 0;
let conflicts = 0;
let otherRefusals = 0;
let freshDownloads = 0;
let pooledDownloads = 0;
let downloadMismatch = 0;
const documents = {}; // agency -> [{id, size}]
const refusals = [];
function refused(op, answer) {
  if (answer.status >= 500 || answer.status === 0) return; // counted by record()
  otherRefusals++;
  if (refusals.length < 10) refusals.push(`${op} ${answer.status} ${answer.bytes?.toString('utf8').slice(0, 200)}`);
}
const pdf = (n) => Buffer.concat([Buffer.from(`%PDF-1.4\n% 压测附件 ${n}\n`), randomBytes(DOCUMENT_BYTES)]);

let running = true;
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function officerLoop(officer) {
  let iteration = 0;
  while (running) {
    iteration++;
    const list = await call('GET', `/engine-rest/task?processDefinitionKey=progress-report&candidateGroup=${officer.agency}`
      + '&unassigned=true&sortBy=created&sortOrder=asc&maxResults=15', { user: officer.id });
    record('list', list);
    if (list.status !== 200) { refused('list', list); await pause(500); continue; }
    if (!list.json.length) { emptyLists++; await pause(EMPTY_LIST_PAUSE_MS); continue; }
    const task = list.json[Math.floor(Math.random() * list.json.length)];
    if (!running) break;

    const claim = await call('POST', `/engine-rest/task/${task.id}/claim`, { user: officer.id, body: { userId: officer.id } });
    record('claim', claim);
    if (claim.status === 409 || claim.status === 404) { conflicts++; continue; }
    if (claim.status !== 204) { refused('claim', claim); continue; }

    const document = pdf(`${officer.id}-${iteration}`);
    const complete = await call('POST', `/engine-rest/task/${task.id}/submit-form`, { user: officer.id, body: { variables: {
      progressSummary: { value: `${officer.id} 第 ${iteration} 次报送：本季度工作按计划推进。`, type: 'String' },
      progressAttachment: { value: document.toString('base64'), type: 'File',
        valueInfo: { filename: `季度进展报告-${officer.id}-${iteration}.pdf`, mimetype: 'application/pdf' } },
    } } });
    record('complete', complete);
    if (complete.status === 204) {
      officer.completed++;
      if (completedTasks.has(task.id)) twice++;
      completedTasks.add(task.id);
    } else {
      if (complete.status === 409 || complete.status === 404) conflicts++;
      else refused('complete', complete);
      if (complete.status < 500 && complete.status > 0) continue;
    }

    // the document just uploaded, while its report is still running (its delivery step is asynchronous);
    // once it ended, one uploaded earlier in the agency (the history keeps the same variable id)
    const found = await call('GET', `/engine-rest/variable-instance?processInstanceIdIn=${task.processInstanceId}`
      + '&variableName=progressAttachment&deserializeValues=false', { user: officer.id });
    record('find_document', found);
    const pool = documents[officer.agency] ??= [];
    let target = null;
    if (found.status === 200 && found.json.length) {
      target = { id: found.json[0].id, size: document.length };
      pool.push(target);
      if (pool.length > 50) pool.shift();
      freshDownloads++;
    } else if (pool.length) {
      target = pool[Math.floor(Math.random() * pool.length)];
      pooledDownloads++;
    }
    if (target) {
      const download = await call('GET', `/engine-rest/history/variable-instance/${target.id}/data`, { user: officer.id, raw: true });
      record('download', download);
      if (download.status === 200 && download.bytes.length !== target.size) downloadMismatch++;
      if (download.status !== 200) refused('download', download);
    }
    if (THINK_MS > 0) await pause(THINK_MS);
  }
}

let feeding = true;
async function feeder() {
  while (feeding) {
    await topUp();
    await pause(2000);
  }
}

console.log(`# ${OFFICERS} officers, ${DURATION_S} s, think ${THINK_MS} ms, at most ${CONNECTIONS} connections, ${BASE.origin}`);
const loadStarted = Date.now();
const feeding$ = feeder();
const loops = officers.map(officerLoop);
await pause(DURATION_S * 1000);
running = false;
await Promise.all(loops);
const elapsedS = (Date.now() - loadStarted) / 1000;
feeding = false;
await feeding$;

// ---- checks against the engine's history
await pause(1000);
let historyTotal = 0;
const mismatches = [];
for (let i = 0; i < officers.length; i += 10) {
  await Promise.all(officers.slice(i, i + 10).map(async (officer) => {
    const answer = await call('GET', `/engine-rest/history/task/count?taskAssignee=${officer.id}&finished=true`,
      { user: ADMIN, agentToUse: adminAgent });
    const count = answer.status === 200 ? answer.json.count : NaN;
    historyTotal += count;
    if (count !== officer.completed) mismatches.push(`${officer.id}: history ${count}, 204s ${officer.completed}`);
  }));
}

// ---- report
const completions = ops.complete?.ms.length ? (statuses['complete 204'] ?? 0) : 0;
console.log('');
for (const op of ['list', 'claim', 'complete', 'find_document', 'download']) {
  const stat = ops[op];
  if (!stat) continue;
  const sorted = [...stat.ms].sort((a, b) => a - b);
  console.log(`load_${op}_requests ${sorted.length} requests`);
  console.log(`load_${op}_throughput ${(sorted.length / elapsedS).toFixed(2)} requests/s`);
  console.log(`load_${op}_p50 ${percentile(sorted, 50).toFixed(0)} ms`);
  console.log(`load_${op}_p95 ${percentile(sorted, 95).toFixed(0)} ms`);
  console.log(`load_${op}_max ${sorted[sorted.length - 1].toFixed(0)} ms`);
}
console.log(`load_completions ${completions} tasks`);
console.log(`load_completion_throughput ${(completions / elapsedS).toFixed(2)} tasks/s`);
console.log(`load_history_completions ${historyTotal} tasks`);
console.log(`load_conflicts ${conflicts} answers`);
console.log(`load_server_errors ${serverErrors.length} answers`);
console.log(`load_other_refusals ${otherRefusals} answers`);
console.log(`load_empty_lists ${emptyLists} answers`);
const startSorted = [...starts.ms].sort((a, b) => a - b);
console.log(`load_work_started ${starts.ok} milestones`);
console.log(`load_work_start_p95 ${percentile(startSorted, 95).toFixed(0)} ms`);
console.log('');
console.log(`# elapsed ${elapsedS.toFixed(1)} s; answers by operation and status: ${Object.entries(statuses)
  .sort().map(([k, v]) => `${k}: ${v}`).join(', ')}`);
if (refusals.length) console.log(`# other 4xx answers (not 409/404): ${otherRefusals}: ${refusals.join(' | ')}`);
console.log(`# GETs sent again after the server closed a kept-alive connection: ${transportRetries}`);
console.log(`# empty lists ${emptyLists}, conflicts (409/404) ${conflicts}, other refusals ${otherRefusals}, `
  + `downloads of the document just uploaded ${freshDownloads}, of an earlier one ${pooledDownloads}`);

const failures = [];
if (serverErrors.length) failures.push(`${serverErrors.length} answers were 5xx or no answer: ${serverErrors.filter(Boolean).join(' | ')}`);
if (twice) failures.push(`${twice} tasks were completed (204) twice`);
if (historyTotal !== completions || mismatches.length) {
  failures.push(`history has ${historyTotal} completions, the officers got ${completions} × 204`
    + (mismatches.length ? `: ${mismatches.slice(0, 10).join('; ')}` : ''));
}
if (downloadMismatch) failures.push(`${downloadMismatch} downloads had another size than the upload`);
if (!completions) failures.push('no task was completed');
if (failures.length) {
  console.log('LOAD CHECK FAILED:\n- ' + failures.join('\n- '));
  process.exitCode = 1;
} else {
  console.log(`# checks passed: ${completions} completions (204) = ${historyTotal} completed tasks in the history, `
    + 'no task twice, no 5xx');
}
agent.destroy();
adminAgent.destroy();
