// Huizong's web console. Plain JavaScript, no framework: the daemon serves this file as it is and
// its Content-Security-Policy forbids inline scripts and handlers, so every listener is added here.
//
// Sign-in and file uploads are HTTP (/api/*); everything else is the daemon's own NDJSON protocol
// (PROTOCOL.md) over one WebSocket, a request per message, already authenticated by the session
// cookie. Text from the daemon is only ever put into the page with textContent, never as HTML.
'use strict';

(() => {
  // ---------------------------------------------------------------- words ---------------------------

  const ROLE = { county: '县（市、区）', city: '市', province: '省', admin: '管理员' };
  const REVIEW = { approved: '已审核', submitted: '待审核', returned: '已退回', none: '未报送' };
  const STATUS = { complete: '完整', partial: '部分报送', disputed: '⚠ 待核', resolved: '已处理' };
  const LIGHT = { green: '绿', yellow: '黄', red: '红' };
  const ON_TIME = { on_time: '按时', late: '迟报', missing: '未报' };
  const FIELD = { ytd: '本年累计', month: '当月', yoy: '同比增长(%)', value: '期末值/比值', num: '分子', den: '分母' };
  const FLAG = { outlier: '异常值', outside_bounds: '超出范围' };
  const CONFLICT_KIND = { level: '总量', growth: '增速' };
  const CONFLICT_STATE = { open: '待处理', resolved: '已处理', closed: '已自动关闭' };
  const ACTION = { accept_own: '采用本级数', accept_sum: '采用合计数', approve: '通过', return: '退回' };
  // The CLI's glosses of error codes (HuizongClient/Messages.swift), so both speak alike.
  const CODE = {
    bad_json: '不是合法的 JSON', bad_request: '请求缺少字段或字段类型不对', bad_number: '数值格式不对',
    unauthenticated: '未登录', forbidden: '无权报送或查看该地区', unknown_region: '未知地区',
    unknown_indicator: '未知指标', bad_period: '时期格式不对', future_period: '时期晚于当前月份',
    validation_failed: '数据校验未通过', stale_revision: '该地区该时期已有更新的修订',
    key_reused: '提交键已用于不同内容', period_locked: '该时期已锁定，不再接受报送',
    period_approved: '该时期已审核通过，不再接受报送', nothing_to_review: '该时期尚无可审核的数据',
    unavailable: '服务暂时不可用（数据库连接中断），未入库', internal_error: '服务内部错误，未入库',
    unknown_conflict: '没有这个冲突', conflict_closed: '冲突已自动关闭，无需处理',
    slow_consumer: '接收过慢，连接被服务器断开', since_expired: '断线太久，已重新读取',
    not_due: '该指标本月不需报送', estimate_below_ytd: '预计全年低于本年累计', unknown_group: '未知分组',
    negative: '数值不能为负', ytd_decreasing: '累计值小于前一月（或大于后一月）的累计值',
    month_mismatch: '当月值与累计值之差不符', part_exceeds_whole: '分项大于总量',
    ratio_mismatch: '比值与分子/分母不符', not_integer: '该指标只能填整数', unit_mismatch: '计量单位与指标不符',
    line_too_long: '请求过长', timeout: '服务器无应答', disconnected: '连接中断',
    yoy_mismatch: '同比增速与上年同期数据不符（警告）', growth_out_of_range: '增速超出 ±100%（警告）',
    conflict_opened: '本级数与下级合计不符，已登记待核（警告）', outlier: '异常值（警告）', outside_bounds: '超出范围（警告）',
  };
  const MAX_UPLOAD = 8 * 1024 * 1024;  // the daemon refuses larger bodies (413); say so before sending

  // ---------------------------------------------------------------- state ---------------------------

  const state = {
    me: null,             // /api/me: office, role, region, name
    period: '',           // YYYY-MM shown
    region: '',           // region shown (own region for county and city; a pick for province and admin)
    catalog: new Map(),   // indicator code → {name, unit, kind, ...}, in catalog order
    regions: new Map(),   // region code → {name, parent, level, in_sum}
    figures: new Map(),   // "region|indicator" → aggregate object of the shown month
    completeness: null,   // last `completeness` answer (the review table uses its children)
    reviews: [],          // last `reviews` answer
    file: null,           // the File chosen for upload
    lastUpload: null,     // {name, csv}: the report to download
    lastSeq: null,        // highest event seq seen: resubscribe `since` it after a reconnect
    events: 0,            // aggregate events received (the end-to-end check reads it)
    generation: 0,        // bumped on each reload so answers of an earlier period are dropped
    flash: new Map(),     // "region|indicator" → time until which the row stays highlighted
  };

  // ---------------------------------------------------------------- DOM helpers ---------------------

  const $ = (selector, root = document) => root.querySelector(selector);

  /** An element with properties (className, title, id, hidden, type, …), dataset and children. */
  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null) continue;
      if (key === 'dataset') Object.assign(node.dataset, value);
      else if (key === 'text') node.textContent = value;
      else if (key === 'for') node.htmlFor = value;
      else node[key] = value;
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  const dash = (v) => (v === null || v === undefined || v === '' ? '–' : String(v));
  const indicatorName = (code) => state.catalog.get(code)?.name ?? code;
  const indicatorUnit = (code) => state.catalog.get(code)?.unit ?? '';
  const regionName = (code) => state.regions.get(code)?.name ?? code;
  const figureKey = (region, indicator) => `${region}|${indicator}`;

  /** A cell showing a region's name, its code in the tooltip. */
  const regionCell = (code, tag = 'td') => el(tag, { text: regionName(code), title: code, scope: tag === 'th' ? 'row' : undefined });

  function fillSelect(select, options, keep = true) {
    const previous = select.value;
    select.replaceChildren(...options.map(([value, text, title]) => el('option', { value, text, title })));
    if (keep && options.some(([value]) => value === previous)) select.value = previous;
  }

  /**
   * Replaces a panel's content keeping what the user was typing in it: panels are redrawn when
   * events arrive, and a half-written note must survive that (inputs are matched by id).
   */
  function replaceKeepingInput(box, ...children) {
    const typed = new Map([...box.querySelectorAll('input[id]')].map((i) => [i.id, i.value]));
    const focused = box.contains(document.activeElement) ? document.activeElement.id : '';
    box.replaceChildren(...children);
    for (const [id, value] of typed) {
      const input = document.getElementById(id);
      if (input && box.contains(input)) input.value = value;
    }
    if (focused) document.getElementById(focused)?.focus();
  }

  /** "2023-12-06T10:00:00+08:00" as a clerk writes it: 2023-12-06 10:00 (the daemon's times are CST). */
  function when(iso) {
    if (!iso) return '–';
    const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(iso);
    return m ? `${m[1]} ${m[2]}` : String(iso);
  }

  function clock() {
    return new Date().toLocaleTimeString('zh-CN', { hour12: false });
  }

  /** The status line under the header: errors in red (class "error"), results in green. */
  /** Errors in red (class "error"), results in green; the daemon's own words, when they are not
   *  Chinese, in the tooltip: each message in one language. */
  function showError(text) {
    const status = $('#status');
    status.className = 'error';
    status.textContent = `[${clock()}] ${text}`;
    status.title = String(text.detail ?? '');
  }

  function showInfo(text) {
    const status = $('#status');
    status.className = 'info';
    status.textContent = `[${clock()}] ${text}`;
    status.title = '';
  }

  const CHINESE = /[\u4e00-\u9fff]/;

  /** An error reply as a clerk reads it: code and its gloss, then the failed rules the daemon
   *  words in Chinese; its English words go to `detail` (the tooltip), not into the sentence. */
  function describeError(reply) {
    const code = reply.code ?? 'error';
    let text = `${code}：${CODE[code] ?? '请求被拒绝'}`;
    const detail = [];
    if (reply.message) (CHINESE.test(reply.message) ? (text += `；${reply.message}`) : detail.push(reply.message));
    for (const e of reply.errors ?? []) {
      if (!e.message || e.message === reply.message) continue;
      if (CHINESE.test(e.message)) text += `；${e.message}`; else detail.push(`${e.path ? e.path + ': ' : ''}${e.message}`);
    }
    const described = new String(text);
    described.detail = detail.join('; ');
    return described;
  }

  /** Previous month in China Standard Time: the month being reported in. */
  function defaultPeriod() {
    const cst = new Date(Date.now() + 8 * 3600 * 1000);
    let year = cst.getUTCFullYear(), month = cst.getUTCMonth();  // getUTCMonth is 0-based: the previous month
    if (month === 0) { year -= 1; month = 12; }
    return `${year}-${String(month).padStart(2, '0')}`;
  }

  function randomHex(bytes) {
    const a = new Uint8Array(bytes);
    crypto.getRandomValues(a);  // unlike randomUUID, available on plain http too
    return Array.from(a, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  // ---------------------------------------------------------------- the WebSocket -------------------

  class ServerError extends Error {
    constructor(reply) {
      super(describeError(reply));
      this.reply = reply;
      this.code = reply.code;
    }
  }

  const conn = {
    ws: null,
    wanted: false,        // false once signed out: a close is then not reconnected
    pending: new Map(),   // id → {resolve, timer}
    queue: [],            // requests waiting for the socket to open
    backoff: 500,
    counter: 0,
    timer: null,
    connectedOnce: false,

    connect() {
      this.wanted = true;
      clearTimeout(this.timer);
      const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`;
      const ws = new WebSocket(url);
      this.ws = ws;
      setConnection(false, '连接中…');
      ws.addEventListener('open', () => {
        if (ws !== this.ws) return;
        this.backoff = 500;
        setConnection(true, '已连接');
        for (const text of this.queue.splice(0)) ws.send(text);
        const again = this.connectedOnce;
        this.connectedOnce = true;
        onConnected(again);
      });
      ws.addEventListener('message', (ev) => { if (ws === this.ws) this.receive(ev.data); });
      ws.addEventListener('close', () => { if (ws === this.ws) this.closed(); });
    },

    closed() {
      this.ws = null;
      // Answers to what was sent will not come: each caller learns it (a submit may or may not have
      // been stored; sending it again with the same key is safe and answers duplicate).
      for (const [id, p] of this.pending) {
        clearTimeout(p.timer);
        p.resolve({ type: 'error', id, code: 'disconnected', message: '连接中断，结果未知，请刷新后核对', errors: [] });
      }
      this.pending.clear();
      this.queue = [];  // their callers were just answered
      if (!this.wanted) return;
      const wait = this.backoff;
      this.backoff = Math.min(this.backoff * 2, 15000);
      setConnection(false, `连接已断开，${Math.round(wait / 1000) || 1} 秒后重连`);
      this.timer = setTimeout(() => this.reconnect(), wait);
    },

    async reconnect() {
      if (!this.wanted) return;
      // The upgrade of a signed-out session fails without saying why: ask /api/me first.
      try {
        const r = await fetch('/api/me', { credentials: 'same-origin' });
        if (r.status === 401) { signedOut('登录已过期，请重新登录'); return; }
      } catch (_) { /* the server is away: keep trying */ }
      if (this.wanted) this.connect();
    },

    close() {
      this.wanted = false;
      clearTimeout(this.timer);
      const ws = this.ws;
      this.ws = null;
      if (ws) ws.close();
      this.queue = [];
      this.connectedOnce = false;
    },

    /** Sends a request (an id is added if missing) and resolves with the daemon's reply, whatever its type. */
    send(request) {
      const req = { ...request };
      if (req.id === undefined || req.id === null || req.id === '') req.id = `w${Date.now().toString(36)}-${++this.counter}`;
      const id = String(req.id);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          if (this.pending.delete(id)) resolve({ type: 'error', id, code: 'timeout', message: '60 秒内没有应答', errors: [] });
        }, 60000);
        this.pending.set(id, { resolve, timer });
        const text = JSON.stringify(req);
        if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(text);
        else this.queue.push(text);
      });
    },

    receive(text) {
      let msg;
      try { msg = JSON.parse(text); } catch (_) { showError('服务器发来无法读取的消息'); return; }
      if (msg.type === 'aggregate') { onAggregate(msg); return; }
      if (msg.id !== undefined && msg.id !== null && this.pending.has(String(msg.id))) {
        const p = this.pending.get(String(msg.id));
        this.pending.delete(String(msg.id));
        clearTimeout(p.timer);
        p.resolve(msg);
        return;
      }
      if (msg.type === 'closing') { setConnection(false, '服务器正在停止，稍后重连'); return; }
      if (msg.type === 'error') {
        // slow_consumer and the like: the server closes next, and the reconnect resumes with since.
        if (msg.code === 'slow_consumer' && msg.since !== undefined) state.lastSeq = msg.since;
        showError(describeError(msg));
      }
    },
  };

  function setConnection(up, text) {
    const c = $('#connection');
    c.textContent = text;
    c.className = up ? 'conn-on' : 'conn-off';
    $('#live').className = up ? 'live' : 'live live-off';
  }

  /** A request whose error is shown in the status line and thrown. */
  async function request(req) {
    const reply = await conn.send(req);
    if (reply.type === 'error') {
      if (reply.code === 'unauthenticated') signedOut(reply.message || '请先登录');
      showError(describeError(reply));
      throw new ServerError(reply);
    }
    return reply;
  }

  // ---------------------------------------------------------------- sign-in -------------------------

  async function boot() {
    $('#period').value = state.period = defaultPeriod();
    wire();
    try {
      const r = await fetch('/api/me', { credentials: 'same-origin' });
      if (r.ok) { start(await r.json()); return; }
      showSignin();
    } catch (_) {
      showSignin('无法连接服务器');
    }
  }

  function showSignin(message) {
    $('#app').hidden = true;
    $('#who').hidden = true;
    $('#signin').hidden = false;
    const error = $('#signin-error');
    error.hidden = !message;
    error.textContent = message ?? '';
    $('#signin-token').value = '';
    $('#signin-office').focus();
  }

  async function signin(event) {
    event.preventDefault();
    const office = $('#signin-office').value.trim(), token = $('#signin-token').value;
    const error = $('#signin-error');
    if (!office || !token) {
      error.hidden = false;
      error.textContent = '请填写机构代码和令牌';
      return;
    }
    $('#signin-submit').disabled = true;
    try {
      const r = await fetch('/api/signin', {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ office, token }),
      });
      const body = await r.json().catch(() => ({}));
      if (r.ok) {
        $('#signin-token').value = '';
        error.hidden = true;
        start(body);
      } else {
        error.hidden = false;
        error.textContent = body.message || (r.status === 429 ? '尝试次数过多，请稍后再试' : `登录失败（HTTP ${r.status}）`);
        $('#signin-token').value = '';
        $('#signin-token').focus();
      }
    } catch (_) {
      error.hidden = false;
      error.textContent = '无法连接服务器';
    } finally {
      $('#signin-submit').disabled = false;
    }
  }

  async function signout() {
    conn.close();
    try { await fetch('/api/signout', { method: 'POST', credentials: 'same-origin' }); } catch (_) { /* shown below anyway */ }
    reset();
    showSignin();
    showInfo('已退出');
  }

  /** The session is gone (expired, revoked): back to the sign-in form. */
  function signedOut(message) {
    conn.close();
    reset();
    showSignin(message);
  }

  /** Forgets the office signed out: the next one (perhaps another role) must not see its data. */
  function reset() {
    state.me = null;
    state.figures.clear();
    state.lastSeq = null;
    state.lastUpload = null;
    state.completeness = null;
    state.reviews = [];
    $('#upload-result').hidden = true;
    $('#upload-input').value = '';
    chooseFile(null);
    for (const id of ['conflicts', 'completeness']) $(`#${id}`).replaceChildren();
    for (const b of document.querySelectorAll('#month-table tbody, #reviews tbody, #outliers tbody')) b.replaceChildren();
    for (const b of document.querySelectorAll('#city-table tbody')) b.remove();
  }

  function start(me) {
    state.me = me;
    const county = me.role === 'county';
    document.body.classList.toggle('role-county', county);
    document.body.classList.toggle('role-city', !county);
    $('#signin').hidden = true;
    $('#app').hidden = false;
    $('#who').hidden = false;
    $('#whoami').textContent = `${me.name ?? me.office}（${ROLE[me.role] ?? me.role}，机构 ${me.office}）`;
    state.region = me.region ?? '';
    // A clerk files first; a bureau looks at the table first and files its own figures below it.
    const main = $('#app');
    if (county) main.insertBefore($('#sec-upload'), $('#sec-month'));
    else main.insertBefore($('#sec-upload'), $('#sec-correct'));
    conn.connect();
  }

  // ---------------------------------------------------------------- after connecting ----------------

  async function onConnected(again) {
    try {
      const [catalog, regions] = await Promise.all([request({ type: 'catalog' }), request({ type: 'regions' })]);
      state.catalog = new Map(catalog.indicators.map((i) => [i.code, i]));
      state.regions = new Map(regions.regions.map((r) => [r.code, r]));
      setupRegionPicker();
      fillIndicatorSelects();
      await subscribe(again);
      await loadView();
      if (again) showInfo('已重新连接');
    } catch (e) {
      if (!(e instanceof ServerError)) showError(`读取失败：${e.message}`);
    }
  }

  /** Subscribes to the shown region (after a reconnect from the last event seen, so nothing is missed). */
  async function subscribe(resume) {
    const region = state.region;
    if (!region) return;
    const req = { type: 'subscribe', region };
    if (resume && state.lastSeq !== null) req.since = state.lastSeq;
    let reply = await conn.send(req);
    if (reply.type === 'error' && req.since !== undefined) {
      // since_expired (or beyond the log): the reload that follows reads everything anyway.
      reply = await conn.send({ type: 'subscribe', region });
    }
    if (reply.type === 'error') { showError(describeError(reply)); return; }
    if (state.lastSeq === null || reply.seq > state.lastSeq) state.lastSeq = reply.seq;
  }

  /** Regions with children under the office, for province and admin offices to choose from. */
  function setupRegionPicker() {
    const parents = new Set([...state.regions.values()].map((r) => r.parent).filter(Boolean));
    const choices = [...state.regions.values()].filter((r) => parents.has(r.code));
    if (!state.region || !state.regions.has(state.region)) {
      state.region = state.regions.has('330000') ? '330000' : (choices[0]?.code ?? [...state.regions.keys()][0] ?? '');
    }
    const picker = $('#region-picker');
    picker.hidden = state.me.role === 'county' || choices.length <= 1;
    fillSelect($('#region-select'), choices.map((r) => [r.code, `${r.name}（${r.code}）`]), false);
    $('#region-select').value = state.region;
  }

  function fillIndicatorSelects() {
    const options = [...state.catalog.values()].map((i) => [i.code, `${i.name}（${i.unit}）`, i.code]);
    fillSelect($('#correct-indicator'), options);
    fillSelect($('#target-indicator'), options);
    fillCorrectFields();
  }

  // ---------------------------------------------------------------- loading a month -----------------

  async function loadView() {
    const generation = ++state.generation;
    const region = state.region, period = state.period;
    if (!region || !/^\d{4}-\d{2}$/.test(period)) return;
    const link = $('#report-link');
    link.href = `/report?region=${encodeURIComponent(region)}&period=${encodeURIComponent(period)}`;
    link.hidden = state.me.role === 'county';
    const xlsx = $('#report-xlsx');
    xlsx.href = `/report.xlsx?region=${encodeURIComponent(region)}&period=${encodeURIComponent(period)}`;
    xlsx.hidden = link.hidden;
    $('#correct-title').textContent = `更正一项（${regionName(correctionRegion())}）`;
    const county = state.me.role === 'county';
    let reply;
    try {
      reply = await request({ type: 'query', region, period, children: !county });
    } catch (_) { return; }
    if (generation !== state.generation) return;
    state.figures.clear();
    for (const f of reply.figures) state.figures.set(figureKey(f.region, f.indicator), f);
    if (county) renderMonth();
    else {
      renderCity();
      renderLock();
      fillSelect($('#target-region'), [region, ...childrenOf(region)].map((c) => [c, regionName(c), c]));
      await loadSide(generation);
    }
    showCorrectCurrent();
  }

  /** The city's panels beside the table: conflicts, completeness and reviews, outliers. */
  async function loadSide(generation = state.generation) {
    const region = state.region, period = state.period;
    const ask = (type) => conn.send({ type, region, period });
    const [conflicts, completeness, reviews, outliers] = await Promise.all(
      ['conflicts', 'completeness', 'reviews', 'outliers'].map(ask));
    if (generation !== state.generation) return;
    for (const r of [conflicts, completeness, reviews, outliers]) if (r.type === 'error') showError(describeError(r));
    if (conflicts.type !== 'error') renderConflicts(conflicts.conflicts);
    if (reviews.type !== 'error') state.reviews = reviews.reviews;
    if (completeness.type !== 'error') { state.completeness = completeness; renderCompleteness(); renderReviews(); }
    if (outliers.type !== 'error') renderOutliers(outliers.figures);
  }

  let sideTimer = null;
  /** Events come in bursts (a county, its city, its province): reload the panels once after them. */
  function refreshSideSoon() {
    clearTimeout(sideTimer);
    sideTimer = setTimeout(() => { if (state.me && state.me.role !== 'county') loadSide(); }, 700);
  }

  function childrenOf(region) {
    return [...state.regions.values()].filter((r) => r.parent === region).map((r) => r.code);
  }

  function isChildOf(f, parent) {
    return f.rank?.parent === parent || state.regions.get(f.region)?.parent === parent;
  }

  // ---------------------------------------------------------------- live events ---------------------

  function onAggregate(ev) {
    state.events += 1;
    if (typeof ev.seq === 'number' && (state.lastSeq === null || ev.seq > state.lastSeq)) state.lastSeq = ev.seq;
    if (!state.me || ev.period !== state.period) return;
    const county = state.me.role === 'county';
    const shown = county ? ev.region === state.region : (ev.region === state.region || isChildOf(ev, state.region));
    if (!shown) return;
    const key = figureKey(ev.region, ev.indicator);
    const figure = { ...ev };
    delete figure.type; delete figure.seq; delete figure.ranking;
    state.figures.set(key, figure);
    // The parent's event ranks every child that reported; siblings get no event of their own when
    // they are overtaken, so their places are taken from it.
    if (ev.region === state.region && Array.isArray(ev.ranking)) {
      for (const r of ev.ranking) {
        const child = state.figures.get(figureKey(r.region, ev.indicator));
        if (child && child.rank) child.rank = { ...child.rank, value: r.rank, yoy: r.yoy_rank, of: ev.ranking.length };
      }
    }
    state.flash.set(key, Date.now() + 2500);
    setTimeout(() => unflash(key), 2600);
    if (county) { renderMonth(); showCorrectCurrent(); }
    else { renderCityIndicator(ev.indicator); renderLock(); refreshSideSoon(); }
  }

  function unflash(key) {
    if ((state.flash.get(key) ?? 0) > Date.now()) return;
    state.flash.delete(key);
    const [region, indicator] = key.split('|');
    for (const row of document.querySelectorAll(`tr.flash[data-region="${CSS.escape(region)}"][data-indicator="${CSS.escape(indicator)}"]`)) row.classList.remove('flash');
  }

  // ---------------------------------------------------------------- rendering -----------------------

  function lightSpan(light, prefix = '') {
    if (!light) return null;
    return el('span', { className: `light light-${light}`, text: `● ${prefix}${LIGHT[light] ?? light}` });
  }

  /** The target's text, its progress and its lights (level, growth, share, forecast). */
  function targetParts(t) {
    if (!t) return { text: '–', progress: '–', lights: [] };
    const parts = [];
    if (t.ytd !== undefined && t.ytd !== null) parts.push(`全年 ${t.ytd}`);
    if (t.yoy !== undefined && t.yoy !== null) parts.push(`增长 ${t.yoy}%`);
    if (t.share !== undefined && t.share !== null) parts.push(`占${indicatorName(t.of)} ${t.share}%`);
    const progress = t.progress ?? t.actual ?? null;
    const lights = [];
    if (t.light) lights.push(lightSpan(t.light, t.yoy_light || t.share_light ? '总量 ' : ''));
    if (t.yoy_light) lights.push(lightSpan(t.yoy_light, '增速 '));
    if (t.share_light) lights.push(lightSpan(t.share_light, '占比 '));
    if (t.projected_light) lights.push(lightSpan(t.projected_light, '预计 '));
    const title = [t.time_progress ? `时间进度 ${t.time_progress}%` : '', t.projected ? `预计完成 ${t.projected}%` : ''].filter(Boolean).join('，');
    return { text: parts.join('，') || '–', progress: dash(progress), lights, title };
  }

  /** complete/partial/disputed/resolved say something only of a region with children. */
  function statusText(f, hasChildren = true) {
    const parts = hasChildren ? [STATUS[f.status] ?? dash(f.status)] : [];
    if (f.locked) parts.push('🔒 已锁定');
    if (f.estimate) parts.push('预计');
    for (const flag of f.flags ?? []) parts.push(`⚑ ${FLAG[flag] ?? flag}`);
    return parts.join(' ') || '–';
  }

  /** A child's review state; for the shown parent, how many of its children are approved (its own state in the tooltip). */
  function reviewText(f, parent = false) {
    if (parent && f.approved !== undefined && f.approved !== null) {
      const own = f.review ? `本级：${REVIEW[f.review.state] ?? f.review.state}` : '';
      return { text: `下级已审核 ${f.approved}/${dash(f.expected)}`, title: own, state: f.approved > 0 && f.approved === f.expected ? 'approved' : '' };
    }
    if (f.review) {
      const r = f.review;
      return { text: REVIEW[r.state] ?? r.state, title: [r.by && `审核单位 ${r.by}`, r.at && when(r.at), r.note].filter(Boolean).join('，'), state: r.state };
    }
    if (f.approved !== undefined && f.approved !== null) return { text: `已审核 ${f.approved}/${dash(f.expected)}`, title: '', state: '' };
    return { text: '–', title: '', state: '' };
  }

  function rankText(rank, which) {
    if (!rank || rank[which] === null || rank[which] === undefined) return { text: '–', title: '' };
    const streak = rank[`${which}_streak`];
    return {
      text: `${rank[which]}/${dash(rank.of)}` + (streak > 1 ? ` 连续${streak}月` : ''),
      title: `在${regionName(rank.parent)}下第 ${rank[which]} 位` + (streak > 1 ? `，连续 ${streak} 个月` : ''),
    };
  }

  function flashClass(key) {
    return (state.flash.get(key) ?? 0) > Date.now() ? 'flash' : '';
  }

  /** The county's own month: one row per indicator it reported (or that was targeted). */
  function renderMonth() {
    const body = $('#month-table tbody');
    const rows = [...state.catalog.keys()]
      .map((code) => state.figures.get(figureKey(state.region, code)))
      .filter(Boolean)
      .map((f) => {
        const t = targetParts(f.target), review = reviewText(f);
        const rank = rankText(f.rank, 'value'), yoyRank = rankText(f.rank, 'yoy');
        const key = figureKey(f.region, f.indicator);
        return el('tr', { dataset: { region: f.region, indicator: f.indicator }, className: flashClass(key) },
          el('th', { scope: 'row', text: indicatorName(f.indicator), title: f.indicator }),
          el('td', { text: indicatorUnit(f.indicator) }),
          el('td', { className: 'num', text: dash(f.ytd ?? f.value) }),
          el('td', { className: 'num', text: dash(f.month) }),
          el('td', { className: 'num', text: dash(f.yoy) }),
          el('td', { className: 'num', text: dash(f.mom) }),
          el('td', { className: 'num', text: rank.text, title: rank.title }),
          el('td', { className: 'num', text: yoyRank.text, title: yoyRank.title }),
          el('td', { className: 'num', text: dash(f.rank?.gap) }),
          el('td', { text: t.text }),
          el('td', { className: 'num', text: t.progress, title: t.title }),
          el('td', {}, ...t.lights),
          el('td', { className: `review review-${review.state}`, text: review.text, title: review.title }),
          el('td', { text: [(f.flags ?? []).map((x) => FLAG[x] ?? x).join('、'), f.estimate ? '预计' : '', f.locked ? '🔒' : ''].filter(Boolean).join(' ') || '–' }),
          el('td', { className: 'num', text: dash(f.revision), title: f.updated_at ? `${when(f.updated_at)} 由 ${f.office ?? ''} 报送` : '' }));
      });
    body.replaceChildren(...rows);
    if (rows.length === 0) body.append(el('tr', {}, el('td', { colSpan: 15, className: 'empty', text: `${regionName(state.region)} ${state.period} 尚无数据` })));
    const any = rows.length ? state.figures.get(figureKey(state.region, rows[0].dataset.indicator)) : null;
    const review = any ? reviewText(any) : null;
    $('#month-meta').textContent = `${regionName(state.region)} ${state.period}` +
      (review && review.text !== '–' ? `，审核：${review.text}${any.review?.note ? `（${any.review.note}）` : ''}` : '') +
      (any?.locked ? '，本月已锁定' : '');
  }

  /** Indicators the shown region or its children have figures for, in catalog order. */
  function cityIndicators() {
    const present = new Set();
    for (const f of state.figures.values()) present.add(f.indicator);
    return [...state.catalog.keys()].filter((c) => present.has(c));
  }

  function renderCity() {
    const table = $('#city-table');
    for (const b of table.querySelectorAll('tbody')) b.remove();
    const codes = cityIndicators();
    for (const code of codes) table.append(cityBody(code));
    if (codes.length === 0) {
      table.append(el('tbody', {}, el('tr', {}, el('td', { colSpan: 13, className: 'empty', text: `${regionName(state.region)} ${state.period} 尚无数据` }))));
    }
    $('#city-meta').textContent = `${regionName(state.region)} ${state.period}，共 ${codes.length} 项指标；下级按本年累计位次排列，随报送实时更新。`;
  }

  /** Re-renders one indicator's rows in place (a live event), keeping the others untouched. */
  function renderCityIndicator(code) {
    const table = $('#city-table');
    const old = table.querySelector(`tbody[data-indicator="${CSS.escape(code)}"]`);
    const fresh = cityBody(code);
    if (old) { old.replaceWith(fresh); return; }
    for (const b of table.querySelectorAll('tbody:not([data-indicator])')) b.remove();  // the "no data" row
    // Keep catalog order: before the first shown indicator that comes after it.
    const order = [...state.catalog.keys()];
    const after = [...table.querySelectorAll('tbody[data-indicator]')].find((b) => order.indexOf(b.dataset.indicator) > order.indexOf(code));
    table.insertBefore(fresh, after ?? null);
    $('#city-meta').textContent = `${regionName(state.region)} ${state.period}，共 ${table.querySelectorAll('tbody[data-indicator]').length} 项指标；下级按本年累计位次排列，随报送实时更新。`;
  }

  function cityBody(code) {
    const body = el('tbody', { dataset: { indicator: code } });
    const parent = state.figures.get(figureKey(state.region, code)) ?? { region: state.region, indicator: code, status: null };
    body.append(cityRow(parent, true));
    const children = [...state.figures.values()].filter((f) => f.indicator === code && f.region !== state.region && isChildOf(f, state.region));
    const place = (f, k) => f.rank?.[k] ?? Number.MAX_SAFE_INTEGER;
    children.sort((a, b) => place(a, 'value') - place(b, 'value') || place(a, 'yoy') - place(b, 'yoy') || a.region.localeCompare(b.region));
    for (const f of children) body.append(cityRow(f, false));
    return body;
  }

  function cityRow(f, isParent) {
    const t = targetParts(f.target), review = reviewText(f, isParent);
    const rank = rankText(f.rank, 'value'), yoyRank = rankText(f.rank, 'yoy');
    const key = figureKey(f.region, f.indicator);
    const classes = [isParent ? 'parent' : 'child', flashClass(key), f.status === 'disputed' ? 'disputed' : ''].filter(Boolean).join(' ');
    const first = isParent
      ? el('th', { scope: 'row', title: `${f.indicator} · ${f.region}` }, el('strong', { text: indicatorName(f.indicator) }), `（${indicatorUnit(f.indicator)}）· ${regionName(f.region)}`)
      : el('th', { scope: 'row', className: 'indent', text: regionName(f.region), title: f.region });
    const hasChildren = f.expected > 0 || f.sum !== null && f.sum !== undefined;
    return el('tr', { dataset: { region: f.region, indicator: f.indicator }, className: classes },
      first,
      el('td', { className: 'num', text: dash(f.value) }),
      el('td', { className: 'num', text: dash(f.yoy) }),
      el('td', { className: 'num', text: hasChildren ? dash(f.own) : '–' }),
      el('td', { className: 'num', text: hasChildren ? dash(f.sum) : '–' }),
      el('td', { className: 'num', text: hasChildren ? `${dash(f.reported)}/${dash(f.expected)}` : '–' }),
      el('td', { className: `status status-${f.status ?? 'none'}`, text: f.status ? statusText(f, hasChildren) : '–' }),
      el('td', { className: 'num', text: rank.text, title: rank.title }),
      el('td', { className: 'num', text: yoyRank.text, title: yoyRank.title }),
      el('td', { text: t.text }),
      el('td', { className: 'num', text: t.progress, title: t.title }),
      el('td', {}, ...t.lights),
      el('td', { className: `review review-${review.state}`, text: review.text, title: review.title }));
  }

  function renderLock() {
    const own = [...state.figures.values()].filter((f) => f.region === state.region);
    const locked = own.some((f) => f.locked);
    $('#lock-state').textContent = `${regionName(state.region)} ${state.period}：` +
      (locked ? '🔒 已锁定，下级不能再报送' : own.length ? '未锁定' : '未锁定（尚无数据）');
    $('#lock-state').className = locked ? 'locked' : '';
  }

  function renderConflicts(list) {
    const box = $('#conflicts');
    const open = list.filter((c) => c.state === 'open');
    const others = list.filter((c) => c.state !== 'open');
    const items = open.map((c) => {
      const noteId = `conflict-note-${c.id}`;
      return el('div', { className: 'conflict', dataset: { conflict: c.id, region: c.region, indicator: c.indicator, kind: c.kind } },
        el('p', {}, el('strong', { text: `⚠ ${regionName(c.region)} ${indicatorName(c.indicator)}` }),
          `（${CONFLICT_KIND[c.kind] ?? c.kind}，${c.period}）：本级数 ${dash(c.own)}，下级合计 ${dash(c.sum)}`),
        el('p', { className: 'meta', text: '下级：' + (c.children ?? []).map((k) => `${regionName(k.region)} ${dash(k.value)}` + (k.yoy ? `（同比 ${k.yoy}%）` : '')).join('；') }),
        el('p', {},
          el('label', { for: noteId, text: '处理说明（必填）' }), ' ',
          el('input', { id: noteId, className: 'conflict-note', required: true, size: 30 }), ' ',
          el('button', { type: 'button', className: 'resolve-own', text: '采用本级数', dataset: { conflict: c.id, action: 'accept_own' } }), ' ',
          el('button', { type: 'button', className: 'resolve-sum', text: '采用合计数', dataset: { conflict: c.id, action: 'accept_sum' } })));
    });
    const children = [el('p', { className: 'meta', text: open.length ? `待处理冲突 ${open.length} 项` : '本月没有待处理的冲突' }), ...items];
    if (others.length) {
      children.push(el('table', { className: 'data', id: 'conflicts-done' },
        el('caption', { text: '已处理或已关闭' }),
        el('thead', {}, el('tr', {}, ...['地区', '指标', '类型', '本级数', '下级合计', '状态', '处理', '说明', '处理单位', '时间'].map((h) => el('th', { scope: 'col', text: h })))),
        el('tbody', {}, ...others.map((c) => el('tr', { dataset: { conflict: c.id, region: c.region, indicator: c.indicator } },
          regionCell(c.region), el('td', { text: indicatorName(c.indicator), title: c.indicator }),
          el('td', { text: CONFLICT_KIND[c.kind] ?? c.kind }), el('td', { className: 'num', text: dash(c.own) }),
          el('td', { className: 'num', text: dash(c.sum) }), el('td', { className: 'state', text: CONFLICT_STATE[c.state] ?? c.state }),
          el('td', { text: ACTION[c.action] ?? dash(c.action) }), el('td', { text: dash(c.note) }),
          el('td', { text: dash(c.resolved_by) }), el('td', { text: when(c.resolved_at ?? c.closed_at) }))))));
    }
    replaceKeepingInput(box, ...children);
  }

  function renderCompleteness() {
    const c = state.completeness;
    const box = $('#completeness');
    if (!c) { box.replaceChildren(); return; }
    const groups = ['on_time', 'late', 'missing'].map((status) => {
      const kids = (c.children ?? []).filter((k) => k.status === status);
      return el('div', { className: `progress-group progress-${status}`, dataset: { status } },
        el('h3', { text: `${ON_TIME[status]}（${kids.length}）` }),
        kids.length
          ? el('ul', {}, ...kids.map((k) => el('li', { dataset: { region: k.region }, title: k.region },
              k.name ?? regionName(k.region), k.received_at ? el('span', { className: 'meta', text: ` ${when(k.received_at)}`, title: k.received_at }) : null)))
          : el('p', { className: 'meta', text: '无' }));
    });
    box.replaceChildren(
      el('p', { text: `截止 ${when(c.deadline)}：按时 ${c.on_time ?? 0}，迟报 ${c.late ?? 0}，未报 ${c.missing ?? 0}，已审核 ${c.approved ?? 0}` }),
      el('div', { className: 'progress-groups' }, ...groups));
  }

  /** Each child of the shown region with its review state, the latest note, and the two actions. */
  function renderReviews() {
    const body = $('#reviews tbody');
    const kids = state.completeness?.children ?? [];
    const latest = new Map();
    for (const r of state.reviews) latest.set(r.region, r);  // oldest first: the last one wins
    replaceKeepingInput(body, ...kids.map((k) => {
      const noteId = `review-note-${k.region}`, last = latest.get(k.region);
      const state_ = k.review ?? 'none';
      return el('tr', { dataset: { region: k.region, state: state_ } },
        el('th', { scope: 'row', text: k.name ?? regionName(k.region), title: k.region }),
        el('td', { className: `review review-${state_}`, text: REVIEW[state_] ?? state_ }),
        el('td', { text: last ? `${ACTION[last.action] ?? last.action}${last.note ? '：' + last.note : ''}（${dash(last.by)}，${when(last.at)}）` : '–' }),
        el('td', { className: 'noprint' }, el('label', { for: noteId, className: 'visually-hidden', text: `${k.name ?? k.region}的审核意见` }),
          el('input', { id: noteId, className: 'review-note', size: 24, placeholder: '退回时必填' })),
        el('td', { className: 'noprint' },
          el('button', { type: 'button', className: 'review-approve', text: '通过', dataset: { region: k.region, action: 'approve' }, disabled: state_ === 'none' }), ' ',
          el('button', { type: 'button', className: 'review-return', text: '退回', dataset: { region: k.region, action: 'return' }, disabled: state_ === 'none' })));
    }));
    if (kids.length === 0) body.append(el('tr', {}, el('td', { colSpan: 5, className: 'empty', text: '没有下级地区' })));
  }

  function renderOutliers(list) {
    const body = $('#outliers tbody');
    body.replaceChildren(...list.map((o) => el('tr', { dataset: { region: o.region, indicator: o.indicator } },
      regionCell(o.region), el('td', { text: indicatorName(o.indicator), title: o.indicator }),
      el('td', { text: FIELD[o.field] ?? o.field }), el('td', { className: 'num', text: dash(o.value) }),
      el('td', { text: FLAG[o.code] ?? o.code }), el('td', { className: 'num', text: dash(o.median) }),
      el('td', { className: 'num', text: dash(o.score) }), el('td', { className: 'num', text: dash(o.min) }),
      el('td', { className: 'num', text: dash(o.max) }))));
    if (list.length === 0) body.append(el('tr', {}, el('td', { colSpan: 9, className: 'empty', text: '本月没有异常值或超出范围的数据' })));
  }

  // ---------------------------------------------------------------- city actions --------------------

  async function resolveConflict(button) {
    const id = button.dataset.conflict, action = button.dataset.action;
    const input = document.getElementById(`conflict-note-${id}`);
    const note = input.value.trim();
    if (!note) { showError('请先填写处理说明（必填），再选择采用本级数或合计数'); input.focus(); return; }
    button.disabled = true;
    try {
      const reply = await request({ type: 'resolve', conflict: id, action, note });
      showInfo(`冲突已处理：${ACTION[action]}，现显示 ${dash(reply.value)}`);
      await loadView();
    } catch (_) { /* shown */ } finally { button.disabled = false; }
  }

  async function review(button) {
    const region = button.dataset.region, action = button.dataset.action;
    const input = document.getElementById(`review-note-${region}`);
    const note = input.value.trim();
    if (action === 'return' && !note) { showError('退回需要填写意见'); input.focus(); return; }
    button.disabled = true;
    try {
      const req = { type: 'review', region, period: state.period, action };
      if (note) req.note = note;
      const reply = await request(req);
      input.value = '';
      showInfo(`${regionName(region)} ${state.period}：${REVIEW[reply.state] ?? reply.state}` + (reply.changed === false ? '（未变化）' : ''));
      await loadSide();
    } catch (_) { /* shown */ } finally { button.disabled = false; }
  }

  async function setLock(type) {
    try {
      const reply = await request({ type, region: state.region, period: state.period });
      const word = type === 'lock' ? '已锁定' : '已解锁';
      showInfo(`${regionName(state.region)} ${state.period} ${word}` + (reply.changed === false ? '（原本如此，未变化）' : ''));
      await loadView();
    } catch (_) { /* shown */ }
  }

  async function setTarget(event) {
    event.preventDefault();
    const value = $('#target-value').value.trim();
    if (!/^-?\d+(\.\d+)?$/.test(value)) { showError('目标值请填数字'); $('#target-value').focus(); return; }
    const kind = $('#target-kind').value, indicator = $('#target-indicator').value, region = $('#target-region').value;
    try {
      await request({ type: 'target', region, year: Number(state.period.slice(0, 4)), indicator, [kind]: value });
      showInfo(`已设定 ${regionName(region)} ${state.period.slice(0, 4)} 年${indicatorName(indicator)}目标`);
      await loadView();
    } catch (_) { /* shown */ }
  }

  // ---------------------------------------------------------------- upload --------------------------

  function chooseFile(file) {
    state.file = file ?? null;
    const label = $('#upload-file');
    if (!file) { label.textContent = '未选择文件（不超过 8 MiB）'; return; }
    label.textContent = `已选择：${file.name}（${formatSize(file.size)}）`;
    if (file.size > MAX_UPLOAD) showError(`${file.name} 为 ${formatSize(file.size)}，超过 8 MiB 上限，请拆分后分别报送`);
  }

  const formatSize = (n) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${Math.max(1, Math.round(n / 1024))} KiB`);

  async function upload() {
    const file = state.file;
    if (!file) { showError('请先选择或拖入一个 CSV 或 Excel 文件'); $('#upload-input').focus(); return; }
    if (file.size > MAX_UPLOAD) { showError(`${file.name} 为 ${formatSize(file.size)}，超过 8 MiB 上限，请拆分后分别报送`); return; }
    const dry = $('#upload-dry-run').checked, revise = $('#upload-revise').checked;
    const query = `name=${encodeURIComponent(file.name)}${dry ? '&dry_run=1' : ''}${revise ? '&revise=1' : ''}`;
    const button = $('#upload-submit');
    button.disabled = true;
    showInfo(`正在报送 ${file.name}…`);
    try {
      const r = await fetch(`/api/submit?${query}`, {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/octet-stream' }, body: file,
      });
      const body = await r.json().catch(() => ({}));
      if (r.status === 401) { signedOut(body.message || '请先登录'); return; }
      if (!r.ok) {
        const why = r.status === 413 ? '文件超过 8 MiB 上限' : '文件未能读取';
        showError(`${file.name}：${why}${body.message ? '：' + body.message : ''}`);
        return;
      }
      showUploadResult(file.name, body, dry);
      if (!dry && body.accepted > 0) loadView();
    } catch (e) {
      showError(`${file.name} 未能发送：${e.message}`);
    } finally {
      button.disabled = false;
    }
  }

  function showUploadResult(name, result, dry) {
    $('#upload-result').hidden = false;
    $('#upload-summary').textContent = `${name}：${result.summary ?? ''}${dry ? '（试提交，未入库）' : ''}`;
    const counts = [['rows', '共计'], ['accepted', '接受'], ['warned', '有警告'], ['duplicate', '重复'], ['valid', '试提交通过'],
      ['refused', '拒收'], ['not_sent', '未发送'], ['skipped', '跳过']];
    $('#upload-counts').replaceChildren(...counts.flatMap(([k, label]) => [
      el('dt', { text: label }), el('dd', { text: String(result[k] ?? 0), dataset: { count: k } })]));
    const problems = result.problems ?? [];
    $('#problems tbody').replaceChildren(...problems.map((p) => el('tr', { dataset: { line: p.line, status: p.status, region: p.region ?? '', indicator: p.indicator ?? '' } },
      el('td', { className: 'num', text: dash(p.line), title: p.file ?? '' }),
      el('td', { text: regionName(p.region || '') || '–', title: p.region ?? '' }),
      el('td', { text: dash(p.period) }),
      el('td', { text: p.indicator ? indicatorName(p.indicator) : '–', title: p.indicator ?? '' }),
      el('td', { className: `status-${p.status}`, text: p.status === 'refused' ? '拒收' : p.status === 'warned' ? '警告' : p.status }),
      el('td', { text: dash(p.code), title: CODE[p.code] ?? '' }),
      el('td', { className: 'reason', text: dash(p.message), title: p.detail ?? '' }))));
    if (problems.length === 0) $('#problems tbody').append(el('tr', {}, el('td', { colSpan: 7, className: 'empty', text: '没有拒收或警告的行' })));
    state.lastUpload = result.report_csv && problems.length ? { name, csv: result.report_csv } : null;
    $('#upload-download').disabled = !state.lastUpload;
    (result.refused > 0 ? showError : showInfo)(`${name}：${result.summary ?? '已处理'}`);
  }

  /** The report as a CSV with a BOM, so that Excel on Chinese Windows shows the Chinese. */
  function downloadReport() {
    const u = state.lastUpload;
    if (!u) return;
    // The daemon's report_csv may carry its BOM already (SubmitReport.correctionCSV does): one only.
    const blob = new Blob([u.csv.startsWith('\uFEFF') ? u.csv : '\uFEFF' + u.csv], { type: 'text/csv;charset=utf-8' });
    const a = el('a', { href: URL.createObjectURL(blob), download: `退回-${u.name.replace(/\.[^.]*$/, '')}.csv` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }

  // ---------------------------------------------------------------- correction ----------------------

  /** A county corrects its own region; a city its own figures; an admin the region shown. */
  function correctionRegion() {
    return state.me?.role === 'admin' ? state.region : (state.me?.region ?? state.region);
  }

  function fieldsFor(code) {
    switch (state.catalog.get(code)?.kind) {
      case 'stock': return ['value', 'yoy'];
      case 'ratio': return ['num', 'den', 'value'];
      default: return ['ytd', 'month', 'yoy'];
    }
  }

  function fillCorrectFields() {
    const code = $('#correct-indicator').value;
    fillSelect($('#correct-field'), fieldsFor(code).map((f) => [f, FIELD[f]]));
    showCorrectCurrent();
  }

  function showCorrectCurrent() {
    const code = $('#correct-indicator').value;
    if (!code) return;
    const f = state.figures.get(figureKey(correctionRegion(), code));
    const text = f && f.revision !== undefined
      ? `当前：${fieldsFor(code).map((k) => `${FIELD[k]} ${dash(k === 'value' ? (f.own ?? f.value) : f[k])}`).join('，')}（修订 ${f.revision}）`
      : '当前：本月尚未报送该指标（提交后即为新报送）';
    $('#correct-current').textContent = text + '。更正本年累计时不再带当月值（当月值由累计值推算）。';
  }

  /** The figure as stored, with one field replaced: a revision replaces a figure whole. */
  function correctedFigure(stored, code, field, value) {
    const kind = state.catalog.get(code)?.kind ?? 'flow';
    const figure = { indicator: code };
    const keep = (k, v) => { if (v !== null && v !== undefined && v !== '') figure[k] = String(v); };
    if (stored && stored.revision !== undefined) {
      if (kind === 'flow') {
        keep('ytd', stored.ytd);
        if (field !== 'ytd') keep('month', stored.month);  // a new ytd would contradict the old month
        keep('yoy', stored.yoy);
        keep('year_estimate', stored.year_estimate);
      } else if (kind === 'stock') {
        keep('value', stored.own ?? stored.value);
        keep('yoy', stored.yoy);
      } else if (field === 'value' || stored.num === undefined || stored.num === null) {
        keep('value', stored.own ?? stored.value);
      } else {
        keep('num', stored.num);
        keep('den', stored.den);
      }
      if (stored.note) figure.note = stored.note;
      if (stored.estimate) figure.estimate = true;
    }
    if (kind === 'ratio' && field === 'value') { delete figure.num; delete figure.den; }
    if (kind === 'ratio' && field !== 'value') delete figure.value;
    figure[field] = value;
    return figure;
  }

  async function correct(event) {
    event.preventDefault();
    const code = $('#correct-indicator').value, field = $('#correct-field').value;
    const value = $('#correct-value').value.trim().replace(/,/g, '');
    if (!/^-?\d+(\.\d+)?$/.test(value)) { showError('新数值请填数字（如 123.45）'); $('#correct-value').focus(); return; }
    const region = correctionRegion(), period = state.period;
    const button = $('#correct-submit');
    button.disabled = true;
    try {
      // Read the month again: the revision and the figure must be the stored ones, not the page's.
      const current = await request({ type: 'query', region, period });
      const own = current.figures.filter((f) => f.region === region);
      const stored = own.find((f) => f.indicator === code);
      let revision = Math.max(0, ...own.map((f) => f.revision ?? 0)) + 1;
      const figure = correctedFigure(stored, code, field, value);
      const submit = (rev) => conn.send({
        type: 'submit', key: `web-${region}-${period}-r${rev}-${randomHex(8)}`, region, period, revision: rev, figures: [figure],
      });
      let reply = await submit(revision);
      if (reply.type === 'error' && reply.code === 'stale_revision') {
        // Another figure of the month was revised after it: the daemon names the last accepted revision.
        const m = (reply.errors ?? []).filter((e) => e.path === 'revision').map((e) => /revision (\d+) is already accepted/.exec(e.message ?? '')).find(Boolean)
          ?? /revision (\d+) is already accepted/.exec(reply.message ?? '');
        if (m) { revision = Number(m[1]) + 1; reply = await submit(revision); }
      }
      if (reply.type === 'error') {
        const why = describeError(reply), text = new String(`更正未被接受：${why}`);
        text.detail = why.detail;
        showError(text);
        return;
      }
      const warnings = (reply.warnings ?? []).map((w) => `${CODE[w.code] ?? w.code}${w.message ? '：' + w.message : ''}`);
      showInfo(`已更正 ${regionName(region)} ${period} ${indicatorName(code)} ${FIELD[field]} 为 ${value}（修订 ${reply.revision ?? revision}，${reply.status === 'duplicate' ? '重复' : '已接受'}）` +
        (warnings.length ? `；警告：${warnings.join('；')}` : ''));
      $('#correct-value').value = '';
      await loadView();
    } catch (_) { /* shown */ } finally {
      button.disabled = false;
    }
  }

  // ---------------------------------------------------------------- wiring --------------------------

  function wire() {
    $('#signin-form').addEventListener('submit', signin);
    $('#signout').addEventListener('click', signout);
    $('#period').addEventListener('change', () => {
      const v = $('#period').value;
      if (!/^\d{4}-\d{2}$/.test(v)) return;
      state.period = v;
      loadView();
    });
    $('#region-select').addEventListener('change', async () => {
      state.region = $('#region-select').value;
      await subscribe(false);
      loadView();
    });
    $('#refresh').addEventListener('click', () => loadView());
    $('#upload-input').addEventListener('change', (e) => chooseFile(e.target.files[0]));
    $('#upload-submit').addEventListener('click', upload);
    $('#upload-download').addEventListener('click', downloadReport);
    $('#correct-indicator').addEventListener('change', fillCorrectFields);
    $('#correct-form').addEventListener('submit', correct);
    $('#target-form').addEventListener('submit', setTarget);
    $('#lock-button').addEventListener('click', () => setLock('lock'));
    $('#unlock-button').addEventListener('click', () => setLock('unlock'));
    // Buttons made per row: one listener each for the lists they live in.
    $('#conflicts').addEventListener('click', (e) => {
      const b = e.target.closest('button[data-conflict]');
      if (b) resolveConflict(b);
    });
    $('#reviews').addEventListener('click', (e) => {
      const b = e.target.closest('button[data-action]');
      if (b) review(b);
    });
    // A file may be dropped anywhere on the page, not only on the drop zone.
    const zone = $('#drop-zone');
    document.addEventListener('dragover', (e) => {
      if (!state.me || !e.dataTransfer || ![...e.dataTransfer.types].includes('Files')) return;
      e.preventDefault();
      zone.classList.add('dragging');
    });
    document.addEventListener('dragleave', (e) => { if (e.target === document.documentElement || e.target === zone) zone.classList.remove('dragging'); });
    document.addEventListener('drop', (e) => {
      if (!state.me || !e.dataTransfer || e.dataTransfer.files.length === 0) return;
      e.preventDefault();
      zone.classList.remove('dragging');
      if (e.dataTransfer.files.length > 1) showInfo(`一次报送一个文件：已选第一个（${e.dataTransfer.files[0].name}）`);
      $('#upload-input').value = '';  // the picker would still name an earlier file
      chooseFile(e.dataTransfer.files[0]);
      $('#upload-submit').focus();
    });
  }

  // For the end-to-end check and for the curious at the console: the protocol as the page speaks it.
  // An error reply is shown in the page as any refused action is.
  window.huizong = Object.freeze({
    send: async (req) => {
      const reply = await conn.send(req);
      if (reply.type === 'error') showError(describeError(reply));
      return reply;
    },
    get events() { return state.events; },
    get state() { return { office: state.me?.office, role: state.me?.role, region: state.region, period: state.period, lastSeq: state.lastSeq }; },
    reload: () => loadView(),
  });

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
  else boot();
})();
