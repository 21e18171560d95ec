/*
 * The workbench's core: safe HTML, the three APIs with the user's token, hash routes, formats and the shell (header,
 * navigation by role). Pages register themselves with WB.page(pattern, render).
 */
'use strict';
const WB = (() => {
  // ---- HTML that cannot be injected: every interpolated value is escaped unless it is itself html`…` ----
  class Html {
    constructor(text) { this.text = text; }
    toString() { return this.text; }
  }
  const ESCAPES = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;'};
  function esc(value) {
    return String(value ?? '').replace(/[&<>"'`]/g, c => ESCAPES[c]);
  }
  function piece(value) {
    if (value instanceof Html) return value.text;
    if (Array.isArray(value)) return value.map(piece).join('');
    if (value === null || value === undefined || value === false) return '';
    return esc(value);
  }
  function html(strings, ...values) {
    let out = strings[0];
    for (let i = 0; i < values.length; i++) out += piece(values[i]) + strings[i + 1];
    return new Html(out);
  }
  function setHtml(element, content) {
    element.innerHTML = piece(content);
  }

  // ---- formats ----
  const TIER = {ADVANCED: '先进', MIDDLE: '中间', LAGGING: '后进'};
  const GRADE = {EXCELLENT: '优秀', GOOD: '良好', FAIR: '一般', POOR: '较差'};
  const pad = n => String(n).padStart(2, '0');
  function monthOf(date) { return date.getFullYear() + '-' + pad(date.getMonth() + 1); }
  function currentMonth() { return monthOf(new Date()); }
  function addMonths(period, n) {
    const [y, m] = period.split('-').map(Number);
    return monthOf(new Date(y, m - 1 + n, 1));
  }
  function monthText(period) {
    const [y, m] = String(period).split('-');
    return y + ' 年 ' + Number(m) + ' 月';
  }
  function isMonth(value) { return /^\d{4}-(0[1-9]|1[0-2])$/.test(value || ''); }
  function number(value, digits = 2) {
    return value === null || value === undefined || Number.isNaN(value) ? '—' : Number(value).toFixed(digits);
  }
  function percent(value) { return value === null || value === undefined ? '—' : (value * 100).toFixed(1) + '%'; }
  function dateTime(value) {
    if (!value) return '—';
    const d = new Date(value);
    if (Number.isNaN(d.getTime())) return String(value);
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes());
  }
  function today() {
    const d = new Date();
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
  }

  // ---- the APIs ----
  let config = null;
  let user = null;

  class ApiError extends Error {
    constructor(status, problem) {
      super((problem && (problem.detail || problem.title)) || ('请求失败（' + status + '）'));
      this.status = status;
      this.problem = problem || {};
    }
  }

  function baseOf(service) {
    if (service === 'assessment') return config.assessmentUrl;
    if (service === 'notification') return config.notificationUrl;
    return ''; // reporting-service serves this page: same origin
  }

  async function call(service, path, options = {}, retried = false) {
    const token = await Auth.accessToken();
    const headers = {Authorization: 'Bearer ' + token, Accept: options.accept || 'application/json'};
    let body;
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    let response;
    try {
      response = await fetch(baseOf(service) + path, {method: options.method || 'GET', headers, body});
    } catch (network) {
      throw new ApiError(0, {detail: '无法连接' + ({assessment: '考评录入服务', notification: '通知服务'}[service] || '排名服务') + '，请稍后再试'});
    }
    if (response.status === 401 && !retried) {
      await Auth.refresh().catch(() => Auth.signIn());
      return call(service, path, options, true);
    }
    if (!response.ok) {
      const problem = await response.json().catch(() => null);
      throw new ApiError(response.status, problem);
    }
    if (options.raw) return response;
    if (response.status === 204) return null;
    return response.json();
  }
  const api = {
    reporting: (path, options) => call('reporting', path, options),
    assessment: (path, options) => call('assessment', path, options),
    notification: (path, options) => call('notification', path, options),
    /** A file behind the token (CSV, Excel): fetched, then handed to the browser as a download. */
    async download(service, path, fileName) {
      const response = await call(service, path, {raw: true, accept: '*/*'});
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    },
  };

  function problemHtml(error) {
    if (!(error instanceof ApiError)) {
      return html`<div class="problem">${error && error.message ? error.message : String(error)}</div>`;
    }
    // the detail is the Chinese sentence for people; a violation is added where it says more in Chinese (an English-only
    // reason is for programs and would only repeat the detail)
    const cjk = /[\u4e00-\u9fff]/;
    const lines = (error.problem.violations || []).filter(v => v && v.reason && !error.message.includes(v.reason)
      && (cjk.test(v.reason) || !error.problem.detail))
      .map(v => (v.row != null ? '第 ' + v.row + ' 行 ' : '') + v.reason);
    return html`<div class="problem" role="alert">${error.message}${lines.length ? html`<ul>${lines.map(l => html`<li>${l}</li>`)}</ul>` : ''}</div>`;
  }

  // ---- who may see what ----
  const COUNTY_WIDE = ['COMMITTEE_ADMIN', 'ASSESSOR', 'AUDITOR'];
  const may = {
    countyWide: () => COUNTY_WIDE.some(r => user.has(r)),
    admin: () => user.has('COMMITTEE_ADMIN'),
    enterScores: () => user.has('COMMITTEE_ADMIN') || user.has('ASSESSOR'),
    secretary: () => user.has('UNIT_SECRETARY') && !!user.unitCode,
    unit: code => COUNTY_WIDE.some(r => user.has(r)) || (user.has('UNIT_SECRETARY') && user.unitCode === code),
    inbox: () => !!user.memberId,
    rectification: () => COUNTY_WIDE.some(r => user.has(r)) || (user.has('UNIT_SECRETARY') && !!user.unitCode),
    /** 述职评议评委 (issue 16.5): scores the units' debriefs of the years whose panel names it */
    reviewer: () => user.has('DEBRIEF_REVIEWER'),
  };

  // ---- the latest month with data: published if any, else (county-wide roles) the latest live month with entries ----
  let latestMonthPromise = null;
  function latestMonth() {
    if (!latestMonthPromise) {
      latestMonthPromise = (async () => {
        const months = [];
        for (let i = 0; i < 13; i++) months.push(addMonths(currentMonth(), -i));
        if (!may.countyWide()) {
          // a secretary reads its own unit's trend (one request): the latest published month, else the latest with data
          if (may.secretary()) {
            const trend = await api.reporting('/units/' + encodeURIComponent(user.unitCode) + '/trend?from=' + months[12]
              + '&to=' + months[0]).catch(() => []);
            const published = trend.filter(p => p.published);
            const withData = published.length ? published : trend.filter(p => p.score !== null);
            if (withData.length) return withData[withData.length - 1].period;
          }
          return months[1];
        }
        // the committee: the latest month with data, shown published where it was published. The version histories are
        // small (one request each, in parallel); only the months after the latest publication are ranked live, newest
        // first, usually one or two (the running month, often still empty, and the month just ended)
        const histories = await Promise.all(months.map(m => api.reporting('/rankings/' + m + '/history').catch(() => [])));
        const latestPublished = months.findIndex((m, i) => histories[i].length > 0);
        const unpublished = latestPublished < 0 ? months : months.slice(0, latestPublished);
        for (const m of unpublished) {
          const live = await api.reporting('/rankings/' + m).catch(() => null);
          if (live && live.entries && live.entries.length) return m;
        }
        return latestPublished < 0 ? months[1] : months[latestPublished];
      })();
    }
    return latestMonthPromise;
  }

  // ---- hash routes: #/rankings/2026-10?version=2 ----
  const routes = [];
  let renderCount = 0;
  function page(pattern, render, title) {
    routes.push({parts: pattern.split('/').filter(Boolean), render, title});
  }
  /** Path segments against a pattern's parts (':name' a parameter, ':name?' one that may be missing at the end). */
  function match(parts, segments) {
    if (segments.length > parts.length) return null;
    const params = {};
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      const segment = segments[i];
      if (part.startsWith(':')) {
        const name = part.replace(/^:|\?$/g, '');
        if (segment === undefined || segment === '') {
          if (!part.endsWith('?')) return null;
          params[name] = null;
        } else {
          params[name] = segment;
        }
      } else if (part !== segment) {
        return null;
      }
    }
    return params;
  }
  function parseHash() {
    const hash = location.hash.replace(/^#/, '') || '/';
    const at = hash.indexOf('?');
    const path = at < 0 ? hash : hash.slice(0, at);
    const segments = path.split('/').filter(Boolean).map(s => { try { return decodeURIComponent(s); } catch (e) { return s; } });
    return {path: '/' + segments.join('/'), segments, query: new URLSearchParams(at < 0 ? '' : hash.slice(at + 1))};
  }
  function go(path) {
    location.hash = '#' + path;
  }
  async function route() {
    const {path, segments, query} = parseHash();
    const main = document.getElementById('main');
    const mine = ++renderCount;
    if (path === '/' || path === '') {
      go(await home());
      return;
    }
    for (const r of routes) {
      const params = match(r.parts, segments);
      if (!params) continue;
      markNav(path);
      document.title = (typeof r.title === 'function' ? r.title(params) : r.title) + ' — 县直机关党建工作考评工作台';
      setHtml(main, html`<div class="loading">正在加载…</div>`);
      const view = document.createElement('div');
      try {
        await r.render(view, params, query, () => mine === renderCount);
        if (mine === renderCount) {
          main.replaceChildren(view);
          main.focus({preventScroll: true});
          view.dispatchEvent(new CustomEvent('wb:shown', {bubbles: false}));
        }
      } catch (error) {
        if (mine === renderCount) setHtml(main, html`<h2>无法显示</h2>${problemHtml(error)}`);
      }
      return;
    }
    setHtml(main, html`<h2>页面不存在</h2><p><a href="#/">返回首页</a></p>`);
  }
  /** Where a person lands: the ranking for the committee, the own unit's card for a secretary, the inbox for a member. */
  async function home() {
    if (may.countyWide()) return '/rankings/' + await latestMonth();
    if (may.secretary()) return '/units/' + user.unitCode + '/' + await latestMonth();
    if (may.inbox()) return '/inbox';
    if (may.reviewer()) return '/years/' + new Date().getFullYear();
    return '/none';
  }

  // ---- the shell ----
  function navItems() {
    const items = [];
    if (may.countyWide() || may.secretary()) items.push(['/rankings', '月度排名']);
    if (may.secretary()) items.push(['/units/' + user.unitCode, '本单位考评卡']);
    if (may.countyWide()) items.push(['/quarters', '季度 / 年度']);
    if (may.reviewer() && !may.countyWide()) items.push(['/years', '述职评议']);
    if (may.inbox()) items.push(['/inbox', '收件箱']);
    if (may.countyWide()) items.push(['/notices', '通知发送情况']);
    if (may.rectification()) items.push(['/rectification', '整改台账']);
    if (may.enterScores()) items.push(['/scores', '评分录入']);
    if (may.admin()) items.push(['/what-if', '模拟调权 · 预警']);
    return items;
  }
  function markNav(path) {
    document.querySelectorAll('#nav a').forEach(a => {
      const target = a.getAttribute('data-path');
      a.classList.toggle('active', path === target || path.startsWith(target + '/')
        || (target === '/quarters' && path.startsWith('/years')));
    });
  }
  const ROLE_NAMES = {COMMITTEE_ADMIN: '工委管理员', ASSESSOR: '考评员', AUDITOR: '审计', UNIT_SECRETARY: '单位书记', MEMBER: '党员'};
  function shell() {
    const header = document.getElementById('who');
    const roles = user.roles.filter(r => ROLE_NAMES[r]).map(r => ROLE_NAMES[r]).join('、');
    setHtml(header, html`<span class="user">${user.name}</span><span class="roles">${roles}${user.unitCode ? '（' + user.unitCode + '）' : ''}</span>
      <button type="button" id="sign-out" class="link-button">退出登录</button>`);
    document.getElementById('sign-out').addEventListener('click', () => Auth.signOut());
    const nav = document.getElementById('nav');
    setHtml(nav, navItems().map(([path, label]) => html`<a href="#${path}" data-path="${path}">${label}${path === '/inbox'
      ? html` <span class="badge" id="unread" hidden></span>` : ''}</a>`));
  }
  async function refreshUnread() {
    if (!may.inbox()) return;
    try {
      const unread = await api.notification('/inbox/' + encodeURIComponent(user.memberId) + '?status=unread');
      const badge = document.getElementById('unread');
      if (badge) {
        badge.textContent = unread.length;
        badge.hidden = unread.length === 0;
        badge.title = unread.length + ' 份通知未签收';
      }
    } catch (ignored) {
      // the count is a convenience; the inbox page itself says what went wrong
    }
  }

  async function start() {
    const main = document.getElementById('main');
    try {
      const response = await fetch('workbench/config.json', {cache: 'no-cache'});
      if (!response.ok) throw new Error('无法读取工作台配置（' + response.status + '）');
      config = await response.json();
      setHtml(main, html`<div class="loading">正在登录…</div>`);
      await Auth.init(config);
      user = Auth.user();
    } catch (error) {
      setHtml(main, html`<h2>无法登录</h2>${problemHtml(error)}<p><button type="button" id="retry">重新登录</button></p>`);
      const retry = document.getElementById('retry');
      if (retry) retry.addEventListener('click', () => { sessionStorage.clear(); location.replace(location.pathname); });
      return;
    }
    shell();
    window.addEventListener('hashchange', route);
    refreshUnread();
    await route();
  }

  /** A small form row's feedback: a message under the control that asked. */
  function say(element, content, kind = 'info') {
    if (!element) return;
    setHtml(element, content ? html`<span class="${kind}">${content}</span>` : '');
  }

  /** A chart, once ECharts has loaded (deferred script): resized with the window, disposed with its element. */
  function chart(element, option) {
    if (!window.echarts) {
      setHtml(element, html`<p class="muted">图表组件未能加载。</p>`);
      return null;
    }
    const instance = echarts.init(element, null, {renderer: 'canvas'});
    instance.setOption(option);
    const resize = () => { if (document.body.contains(element)) instance.resize(); else window.removeEventListener('resize', resize); };
    window.addEventListener('resize', resize);
    element.setAttribute('data-chart', 'drawn');
    return instance;
  }

  return {
    html, esc, setHtml, problemHtml, say, chart, ApiError, api, page, go, route, start, refreshUnread, latestMonth, may,
    user: () => user, config: () => config, parseHash,
    fmt: {TIER, GRADE, monthText, number, percent, dateTime, today, currentMonth, addMonths, isMonth},
  };
})();
