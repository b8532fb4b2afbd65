// 年度计划进度: Lianbao's plan view as Cockpit plugins (issue 13), loaded through config.js (customScripts).
// A dashboard entry, a navigation link and a page of its own (#/lianbao-plan). Plain DOM, no build step.
// Data: GET /api/plans/** with the webapps' session (no second login); a finished milestone's history
// from GET /api/plans/{year}/milestones/{id}. Everything the user reads is Chinese.

const PAGE = '/lianbao-plan';

const STATE_TEXT = {
  NOT_DUE: () => '未到期',
  DUE_SOON: () => '即将到期',
  DONE_ON_TIME: (part) => `按期完成（${day(part.deliveredAt)}）`,
  DONE_LATE: (part) => `逾期完成 ${part.daysOverdue} 天`,
  OVERDUE: (part) => `逾期 ${part.daysOverdue} 天`,
};

// the river-chief colours: green done on time, yellow due soon or done late, red overdue or escalated, grey not yet due
function colour(part) {
  if (part.state === 'DONE_ON_TIME') return 'green';
  if (part.state === 'DONE_LATE' || part.state === 'DUE_SOON') return part.escalationLevel > 0 && part.state === 'DUE_SOON' ? 'red' : 'yellow';
  if (part.state === 'OVERDUE' || part.escalationLevel > 0) return 'red';
  return 'grey';
}

function escalationText(part) {
  const words = [];
  if (part.escalationLevel >= 2) words.push('二级督办');
  else if (part.escalationLevel === 1) words.push('一级督办');
  if (part.finalDeadline) words.push(`最终期限（${day(part.finalDeadline)}）`);
  return words.join(' · ');
}

function day(iso) {
  if (!iso) return '';
  const [y, m, d] = iso.substring(0, 10).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

function dateTime(iso) {
  return iso ? `${day(iso)} ${iso.substring(11, 16)}` : '';
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.substring(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// the application's root ('' when Lianbao runs at /): the webapps live at <root>/camunda
function root(api) {
  const base = (api && api.baseApi) || '/camunda/api/engine';
  const at = base.indexOf('/camunda/');
  return at > 0 ? base.substring(0, at) : '';
}

// The plugin's reads go one after the other: two reads of /api/plans/** at once in one webapp session
// were seen to answer one of them 401 (journey 7), so they never overlap.
let queue = Promise.resolve();
function inTurn(read) {
  const run = queue.then(read);
  queue = run.catch(() => {});
  return run;
}

function getJson(api, path) {
  return inTurn(() => readJson(api, path));
}

async function readJson(api, path) {
  const answer = await fetch(root(api) + path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  let body = null;
  try {
    body = await answer.json();
  } catch (error) {
    body = null;
  }
  if (!answer.ok) {
    throw new Error((body && body.message) || `读取失败（HTTP ${answer.status}），请稍后重试。`);
  }
  return { body };
}

/** The engine's time (the rehearsal clock when one is set): the webapps' API says it in a header. */
function engineNow(api) {
  return inTurn(() => readEngineNow(api));
}

async function readEngineNow(api) {
  try {
    const answer = await fetch(`${root(api)}/camunda/api/engine/engine/`, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    const time = answer.headers.get('X-Lianbao-Engine-Time');
    return time ? new Date(Number(time)) : new Date();
  } catch (error) {
    return new Date();
  }
}

/** The figures of the year on top, as at the day shown. */
function figures(parts, today) {
  const count = (test) => parts.filter(test).length;
  return [
    ['已到期节点', count((part) => part.deadline && part.deadline.substring(0, 10) <= today), ''],
    ['按期完成', count((part) => part.state === 'DONE_ON_TIME'), 'green'],
    ['逾期完成', count((part) => part.state === 'DONE_LATE'), 'yellow'],
    ['逾期未完成', count((part) => part.state === 'OVERDUE'), 'red'],
    ['一级督办中', count((part) => part.state === 'OVERDUE' && part.escalationLevel === 1), 'red'],
    ['二级督办中', count((part) => part.state === 'OVERDUE' && part.escalationLevel >= 2), 'red'],
  ];
}

/** Rows in the plan file's order (the API's order), one per item, a cell per quarter. */
function rows(parts) {
  const byItem = new Map();
  for (const part of parts) {
    if (!byItem.has(part.item)) {
      byItem.set(part.item, { item: part.item, category: part.category, title: part.itemTitle, leads: part.leadAgencies, quarters: [[], [], [], []] });
    }
    byItem.get(part.item).quarters[part.quarter - 1].push(part);
  }
  return [...byItem.values()];
}

function progressTable(parts, open) {
  const table = el('table', { class: 'lianbao-plan-table' },
    el('thead', {}, el('tr', {}, el('th', {}, '序号'), el('th', {}, '类别'), el('th', {}, '工作事项'), el('th', {}, '牵头单位'),
      ['第一季度', '第二季度', '第三季度', '第四季度'].map((quarter) => el('th', { class: 'quarter' }, quarter)))));
  const body = el('tbody');
  for (const row of rows(parts)) {
    const leads = row.leads || [];
    body.append(el('tr', { 'data-item': row.item },
      el('td', { class: 'no' }, row.item),
      el('td', {}, row.category || ''),
      el('td', { class: 'title' }, row.title || ''),
      el('td', {}, leads.map((agency) => agency.name).join('、')),
      row.quarters.map((quarterParts, index) => el('td', { class: 'cell', 'data-quarter': index + 1 },
        quarterParts.map((part) => {
          const several = quarterParts.some((other) => other.agency.id !== part.agency.id)
            || leads.length > 1 || (leads.length === 1 && leads[0].id !== part.agency.id);
          const finished = part.state === 'DONE_ON_TIME' || part.state === 'DONE_LATE';
          const escalation = escalationText(part);
          return el('button', {
            type: 'button',
            class: `lianbao-part ${colour(part)}`,
            'data-state': part.state,
            'data-instance': part.processInstanceId,
            title: finished ? '点击查看办理经过' : '点击在驾驶舱中打开流程实例',
            onclick: () => open(part, finished),
          },
          el('span', { class: 'part-title' }, part.title),
          several ? el('span', { class: 'part-agency' }, part.agency.name) : null,
          el('span', { class: 'part-state' }, STATE_TEXT[part.state](part)),
          el('span', { class: 'part-deadline' }, `截止 ${day(part.deadline)}`),
          escalation ? el('span', { class: 'part-escalation' }, escalation) : null);
        }))),
    ));
  }
  table.append(body);
  return table;
}

const AGENCY_COLUMNS = [
  ['agency', '单位', (record) => record.agency.name],
  ['openTasks', '在办任务', (record) => record.openTasks],
  ['dueSoon', '即将到期', (record) => record.dueSoon],
  ['overdue', '逾期未完成', (record) => record.overdue],
  ['deliveredOnTime', '按期完成', (record) => record.deliveredOnTime],
  ['deliveredLate', '逾期完成', (record) => record.deliveredLate],
  ['onTimeRate', '按期完成率', (record) => record.onTimeRate],
  ['daysOverdueTotal', '累计逾期天数', (record) => record.daysOverdueTotal],
  ['escalationsLevel1', '一级督办', (record) => record.escalationsLevel1],
  ['escalationsLevel2', '二级督办', (record) => record.escalationsLevel2],
];

function agencyTable(records, sort, resort) {
  const column = AGENCY_COLUMNS.find(([key]) => key === sort.key) || AGENCY_COLUMNS[0];
  const sorted = [...records].sort((one, other) => {
    const a = column[2](one);
    const b = column[2](other);
    let order;
    if (a === null || a === undefined) order = b === null || b === undefined ? 0 : 1;
    else if (b === null || b === undefined) order = -1;
    else order = typeof a === 'string' ? a.localeCompare(b, 'zh-CN') : a - b;
    return sort.descending ? -order : order;
  });
  return el('table', { class: 'lianbao-plan-table lianbao-agency-table' },
    el('thead', {}, el('tr', {}, AGENCY_COLUMNS.map(([key, label]) => el('th', {
      class: `sortable${key === column[0] ? ' sorted' : ''}`,
      'data-key': key,
      title: '点击排序',
      onclick: () => resort(key),
    }, label, key === column[0] ? (sort.descending ? ' ▼' : ' ▲') : '')))),
    el('tbody', {}, sorted.map((record) => el('tr', { 'data-agency': record.agency.id },
      AGENCY_COLUMNS.map(([key, , value]) => {
        const v = value(record);
        if (key === 'onTimeRate') return el('td', { class: 'number' }, v === null || v === undefined ? '—' : `${Math.round(v * 1000) / 10}%`);
        return el('td', { class: key === 'agency' ? '' : 'number' }, v);
      })))));
}

/** The history panel of a finished milestone (Cockpit CE has no page for finished instances). */
function historyPanel(api, year, part, close) {
  const content = el('div', { class: 'lianbao-panel-body' }, el('p', {}, '正在读取……'));
  const panel = el('div', { class: 'lianbao-panel-backdrop', onclick: (event) => { if (event.target === event.currentTarget) close(); } },
    el('div', { class: 'lianbao-panel', role: 'dialog' },
      el('div', { class: 'lianbao-panel-head' },
        el('h3', {}, `${part.item} · ${part.title}${part.agency ? `（${part.agency.name}）` : ''}`),
        el('button', { type: 'button', class: 'btn btn-default', onclick: close }, '关闭')),
      content));
  getJson(api, `/api/plans/${year}/milestones/${encodeURIComponent(part.processInstanceId)}`).then(({ body }) => {
    content.replaceChildren(
      el('p', { class: `lianbao-panel-state ${colour(body.part)}` },
        `${STATE_TEXT[body.part.state](body.part)} · 截止 ${day(body.part.deadline)}`,
        body.part.deliveredAt ? ` · 交付于 ${dateTime(body.part.deliveredAt)}` : ''),
      el('h4', {}, '办理经过'),
      body.tasks.length === 0 ? el('p', {}, '没有任务记录。') : el('table', { class: 'lianbao-plan-table lianbao-tasks' },
        el('thead', {}, el('tr', {}, el('th', {}, '任务'), el('th', {}, '办理人'), el('th', {}, '开始'), el('th', {}, '完成'))),
        el('tbody', {}, body.tasks.map((task) => el('tr', {},
          el('td', {}, task.name),
          el('td', {}, task.assigneeName || task.assignee || (task.endTime ? '—' : '待办理')),
          el('td', {}, dateTime(task.startTime)),
          el('td', {}, task.endTime ? (task.completed ? dateTime(task.endTime) : `${dateTime(task.endTime)}（已关闭）`) : '办理中'))))),
      el('h4', {}, '督办'),
      escalationSection(body.escalation, body.part),
      el('h4', {}, '材料'),
      body.documents.length === 0 ? el('p', {}, '没有上传的材料。') : el('ul', { class: 'lianbao-documents' },
        body.documents.map((document) => el('li', {},
          el('a', { href: root(api) + document.download, download: document.fileName || true }, document.fileName || document.name),
          document.task ? ` · ${document.task}` : '', document.created ? ` · ${dateTime(document.created)}` : ''))));
  }, (error) => content.replaceChildren(el('p', { class: 'lianbao-error' }, error.message)));
  return panel;
}

function escalationSection(escalation, part) {
  if (!escalation || escalation.level === 0) return el('p', {}, '未进入督办。');
  return el('div', {},
    el('p', {}, escalation.level >= 2 ? '已进入二级督办' : '已进入一级督办',
      escalation.level2Due && escalation.level < 2 ? `（二级督办时间 ${day(escalation.level2Due)}）` : '',
      escalation.finalDue ? ` · 最终期限 ${day(escalation.finalDue)}` : ''),
    escalation.explanations.length === 0 ? el('p', {}, '单位领导尚未作出情况说明。') : el('ul', {},
      escalation.explanations.map((answer) => el('li', {},
        `${answer.agency || ''}：${answer.explanation || ''}`, answer.committedDay ? `（承诺 ${day(answer.committedDay)} 完成）` : ''))),
    escalation.rounds.length === 0 ? null : el('ul', {}, escalation.rounds.map((round) => el('li', {}, round))),
    part.state === 'DONE_LATE' ? el('p', {}, '节点已交付，督办结束。') : null);
}

/** The whole view into a node: year, figures, the two tabs. */
function planView(node, api) {
  const state = { year: null, tab: 'progress', sort: { key: 'onTimeRate', descending: false }, parts: [], records: [], today: null };
  const status = el('p', { class: 'lianbao-status' });
  const yearSelect = el('select', { class: 'form-control lianbao-year', 'aria-label': '计划年度', onchange: () => load(yearSelect.value) });
  const report = el('a', { class: 'btn btn-default lianbao-report', href: '#' }, '下载季报（Excel）');
  const summary = el('div', { class: 'lianbao-figures' });
  const tabs = el('ul', { class: 'nav nav-tabs lianbao-tabs' },
    el('li', { 'data-tab': 'progress' }, el('a', { href: '', onclick: (event) => { event.preventDefault(); show('progress'); } }, '计划进度')),
    el('li', { 'data-tab': 'agencies' }, el('a', { href: '', onclick: (event) => { event.preventDefault(); show('agencies'); } }, '各单位情况')));
  const body = el('div', { class: 'lianbao-plan-body' });
  let panel = null;
  node.replaceChildren(el('section', { class: 'lianbao-plan', lang: 'zh-CN' },
    el('div', { class: 'lianbao-plan-head' },
      el('h2', {}, '年度计划进度'),
      el('label', {}, '计划年度 ', yearSelect),
      el('span', { class: 'lianbao-asof' }),
      report),
    status, summary, tabs, body));

  const closePanel = () => {
    if (panel) panel.remove();
    panel = null;
  };
  const open = (part, finished) => {
    if (!finished) {
      window.location.hash = `#/process-instance/${encodeURIComponent(part.processInstanceId)}/runtime`;
      return;
    }
    closePanel();
    panel = historyPanel(api, state.year, part, closePanel);
    document.body.append(panel);
  };

  function show(tab) {
    state.tab = tab;
    tabs.querySelectorAll('li').forEach((li) => li.classList.toggle('active', li.dataset.tab === tab));
    if (tab === 'progress') {
      body.replaceChildren(state.parts.length === 0 ? el('p', {}, '该年度还没有已打开的节点。') : progressTable(state.parts, open),
        el('p', { class: 'lianbao-legend' },
          el('span', { class: 'lianbao-part green' }, '按期完成'), el('span', { class: 'lianbao-part yellow' }, '即将到期 / 逾期完成'),
          el('span', { class: 'lianbao-part red' }, '逾期 / 督办中'), el('span', { class: 'lianbao-part grey' }, '未到期'),
          ' 未完成的节点点击后打开流程实例；已完成的节点点击后查看办理经过。'));
    } else {
      body.replaceChildren(agencyTable(state.records, state.sort, (key) => {
        state.sort = { key, descending: state.sort.key === key ? !state.sort.descending : key !== 'agency' && key !== 'onTimeRate' };
        show('agencies');
      }));
    }
  }

  let loading = 0;
  async function load(year) {
    const mine = ++loading; // a later choice wins over an earlier one still loading
    state.year = year;
    status.textContent = '正在读取……';
    report.href = `${root(api)}/api/plans/${year}/report.xlsx`;
    report.setAttribute('download', `${year}年度计划季报.xlsx`);
    try {
      // one request after the other: the session's reads are few and small
      const progress = await getJson(api, `/api/plans/${year}/progress`);
      const agencies = await getJson(api, `/api/plans/${year}/agencies`);
      const now = await engineNow(api);
      if (mine !== loading) return;
      state.parts = progress.body;
      state.records = agencies.body;
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
      const shown = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' }).format(now);
      node.querySelector('.lianbao-asof').textContent = `截至 ${shown}`;
      status.textContent = '';
      summary.replaceChildren(...figures(state.parts, today).map(([label, value, tone]) =>
        el('div', { class: `lianbao-figure ${tone}` }, el('div', { class: 'value' }, value), el('div', { class: 'label' }, label))));
      show(state.tab);
    } catch (error) {
      if (mine !== loading) return;
      status.textContent = error.message;
      summary.replaceChildren();
      body.replaceChildren();
    }
  }

  Promise.all([getJson(api, '/api/plans'), engineNow(api)]).then(([{ body: plans }, now]) => {
    const years = (plans.years || []).map((year) => year.year);
    if (years.length === 0) {
      status.textContent = '还没有启动任何年度计划。';
      return;
    }
    yearSelect.replaceChildren(...years.map((year) => el('option', { value: year }, `${year} 年`)));
    const thisYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now));
    const chosen = years.includes(thisYear) ? thisYear : years[years.length - 1];
    yearSelect.value = String(chosen);
    load(String(chosen));
  }, (error) => { status.textContent = error.message; });

  return () => closePanel();
}

let unmountPage = null;

export default [
  {
    // the dashboard's entry to the plan view
    id: 'lianbao.planview.dashboard',
    pluginPoint: 'cockpit.dashboard',
    priority: 100,
    render: (node) => {
      node.replaceChildren(el('section', { class: 'lianbao-plan-entry', lang: 'zh-CN' },
        el('h3', {}, '年度计划进度'),
        el('p', {}, '各项工作按季度的节点进度、督办情况和各单位按期完成率。'),
        el('a', { class: 'btn btn-primary lianbao-open-plan', href: `#${PAGE}` }, '查看年度计划进度')));
    },
    properties: { label: '年度计划进度' },
  },
  {
    id: 'lianbao.planview.navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 100,
    render: (node) => {
      node.replaceChildren(el('a', { href: `#${PAGE}` }, '年度计划进度'));
    },
    properties: { path: PAGE },
  },
  {
    id: 'lianbao.planview.page',
    pluginPoint: 'cockpit.route',
    properties: { path: PAGE, label: '年度计划进度' },
    render: (node, { api }) => {
      unmountPage = planView(node, api);
    },
    unmount: () => {
      if (unmountPage) unmountPage();
      unmountPage = null;
    },
  },
];
