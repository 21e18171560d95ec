/* 4 通知: the inbox with its unread count, the notice as the official document (A4 when printed), 签收; the committee's overview. */
'use strict';
(() => {
  const {html, setHtml, api, fmt, may, problemHtml, say} = WB;
  const CHANNEL = {INBOX: '站内', EMAIL: '邮件', WEBHOOK: '接口推送'};
  const DELIVERY = {PENDING: '待发送', SENT: '已送达', FAILED: '发送失败', RETRYING: '重试中', SKIPPED: '无需发送'};

  function stateMark(n) {
    if (n.withdrawn) return html`<span class="mark closed">已撤回</span>`;
    return n.acknowledged ? html`<span class="mark published">已签收</span>` : html`<span class="mark not-submitted">未签收</span>`;
  }

  async function inbox(view, params, query) {
    const user = WB.user();
    const filter = ['all', 'unread', 'acknowledged'].includes(query.get('status')) ? query.get('status') : 'all';
    const list = await api.notification('/inbox/' + encodeURIComponent(user.memberId) + '?status=' + filter);
    WB.refreshUnread();
    setHtml(view, html`
      <h2>收件箱</h2>
      <div class="toolbar">${[['all', '全部'], ['unread', '未签收'], ['acknowledged', '已签收']].map(([k, label]) =>
        k === filter ? html`<b>${label}</b>` : html`<a href="#/inbox?status=${k}">${label}</a>`)}</div>
      ${list.length ? html`<table class="grid" id="inbox"><thead><tr><th>文号</th><th class="left">标题</th><th>类型</th><th>所属月份</th><th>下发时间</th><th>状态</th></tr></thead><tbody>
        ${list.map(n => html`<tr class="${n.acknowledged || n.withdrawn ? '' : 'unread'}"><td>${n.documentNumber || '—'}</td>
          <td class="left"><a href="#/notices/${encodeURIComponent(n.id)}">${n.title}</a></td><td>${n.typeLabel}</td><td>${n.period || '—'}</td>
          <td>${fmt.dateTime(n.issuedAt)}</td><td>${stateMark(n)}</td></tr>`)}</tbody></table>`
        : html`<p class="muted">没有通知。</p>`}
    `);
  }

  /** The addressee line (主送) is the third paragraph of the rendered document: title, number, addressee, body, issuer. */
  function addresseeOf(n) {
    const parts = (n.document || '').split(/\n\s*\n/);
    if (parts.length > 3 && parts[0].trim() === (n.title || '').trim()) {
      const line = parts[2].trim();
      return line.endsWith('：') ? line.slice(0, -1) : line;
    }
    return (n.unitName || '') + (n.recipientName ? n.recipientName + '同志' : '');
  }

  function paragraphs(text) {
    return String(text || '').split(/\n+/).map(p => p.trim()).filter(Boolean).map(p => html`<p>${p}</p>`);
  }

  function issueDateText(date) {
    if (!date) return '';
    const [y, m, d] = String(date).split('-');
    return y + ' 年 ' + Number(m) + ' 月 ' + Number(d) + ' 日';
  }

  async function notice(view, params) {
    const n = await api.notification('/notices/' + encodeURIComponent(params.id));
    const user = WB.user();
    const mayAcknowledge = !n.acknowledgement && !n.withdrawn && user.memberId && n.recipientId === user.memberId;
    setHtml(view, html`
      <div class="toolbar no-print"><a href="#/${may.inbox() && n.recipientId === user.memberId ? 'inbox' : 'notices'}">返回</a>
        <span class="spacer"></span><button type="button" id="print">打印</button></div>
      ${n.withdrawn ? html`<div class="problem no-print">本通知已撤回${n.withdrawalReason ? '：' + n.withdrawalReason : ''}</div>` : ''}
      <article class="document" id="document">
        <div class="issuer">${n.issuer || '中共县直属机关工作委员会'}</div>
        <div class="number">${n.documentNumber || ''}</div>
        <div class="rule"></div>
        <div class="doc-title">${n.title}</div>
        <p class="addressee">${addresseeOf(n)}：</p>
        <div class="body">${paragraphs(n.body)}</div>
        ${n.deadline ? html`<p class="muted no-print">办理期限：${n.deadline}</p>` : ''}
        <div class="signature"><div>${n.issuer || ''}</div><div>${issueDateText(n.issueDate)}</div></div>
      </article>
      <div class="ack panel no-print" id="ack">
        ${n.acknowledgement ? html`<p>已于 ${fmt.dateTime(n.acknowledgement.at)} 由 ${n.acknowledgement.by} 签收。</p>`
          : mayAcknowledge ? html`<p>请阅读后签收。</p><button type="button" class="primary" id="acknowledge">签收</button>`
          : html`<p class="muted">${n.withdrawn ? '已撤回的通知无需签收。' : '尚未签收。'}</p>`}
        <div id="ack-message"></div>
        ${may.countyWide() ? html`<h3>送达情况</h3><p>收件人：${n.recipientName || n.recipientId}（${n.unitName || n.unitCode || ''}）
          ${n.escalationLevel ? html` · <span class="mark overdue">已升级 ${n.escalationLevel} 级</span> ${n.escalatedTo || ''}` : ''}</p>
          <table class="grid"><thead><tr><th>渠道</th><th>状态</th><th>尝试次数</th><th>送达时间</th><th class="left">最近错误</th></tr></thead><tbody>
          ${(n.deliveries || []).map(d => html`<tr><td>${CHANNEL[d.channel] || d.channel}</td><td>${DELIVERY[d.status] || d.status}</td><td>${d.attempts}</td>
            <td>${fmt.dateTime(d.sentAt)}</td><td class="left">${d.lastError || ''}</td></tr>`)}</tbody></table>` : ''}
      </div>
    `);
    view.querySelector('#print').addEventListener('click', () => window.print());
    const button = view.querySelector('#acknowledge');
    if (button) button.addEventListener('click', async () => {
      button.disabled = true;
      const message = view.querySelector('#ack-message');
      try {
        // who signs is the signed-in person (from the token), never a field of the request
        const signed = await api.notification('/notices/' + encodeURIComponent(n.id) + '/acknowledge', {method: 'POST', body: {}});
        setHtml(view.querySelector('#ack'), html`<p class="info">已签收（${fmt.dateTime(signed.acknowledgement && signed.acknowledgement.at)}，${signed.acknowledgement && signed.acknowledgement.by}）。</p>`);
        WB.refreshUnread();
      } catch (error) {
        button.disabled = false;
        setHtml(message, problemHtml(error));
      }
    });
  }

  /** The committee's view: issued notices by month, type and unit; who has not signed; escalations. */
  async function overview(view, params, query) {
    const period = fmt.isMonth(query.get('period')) ? query.get('period') : await WB.latestMonth();
    const type = query.get('type') || '';
    const unsignedOnly = query.get('unsigned') === '1';
    const q = new URLSearchParams({period});
    if (type) q.set('type', type);
    const list = await api.notification('/notices?' + q);
    const types = [...new Map(list.map(n => [n.noticeType, n.typeLabel])).entries()];
    const shown = unsignedOnly ? list.filter(n => !n.acknowledged && !n.withdrawn) : list;
    const unsigned = list.filter(n => !n.acknowledged && !n.withdrawn).length;
    const link = changes => {
      const p = new URLSearchParams({period, ...(type ? {type} : {}), ...(unsignedOnly ? {unsigned: '1'} : {}), ...changes});
      [...p.keys()].forEach(k => { if (!p.get(k)) p.delete(k); });
      return '#/notices?' + p;
    };
    setHtml(view, html`
      <h2>${fmt.monthText(period)}通知发送与签收情况</h2>
      <div class="toolbar"><label>月份 <input type="month" id="month" value="${period}"></label>
        <label>类型 <select id="type"><option value="">全部</option>${types.map(([k, label]) => html`<option value="${k}" ${k === type ? 'selected' : ''}>${label}</option>`)}</select></label>
        <span>共 ${list.length} 份，未签收 ${unsigned} 份</span>
        ${unsignedOnly ? html`<a href="${link({unsigned: ''})}">显示全部</a>` : html`<a href="${link({unsigned: '1'})}">只看未签收</a>`}</div>
      ${shown.length ? html`<table class="grid"><thead><tr><th>文号</th><th class="left">标题</th><th>类型</th><th>单位</th><th>收件人</th><th>下发时间</th><th>状态</th></tr></thead><tbody>
        ${shown.map(n => html`<tr><td>${n.documentNumber || '—'}</td><td class="left"><a href="#/notices/${encodeURIComponent(n.id)}">${n.title}</a></td>
          <td>${n.typeLabel}</td><td>${n.unitCode || '—'}</td><td>${n.recipientId}</td><td>${fmt.dateTime(n.issuedAt)}</td><td>${stateMark(n)}</td></tr>`)}</tbody></table>`
        : html`<p class="muted">没有符合条件的通知。</p>`}
    `);
    view.querySelector('#month').addEventListener('change', e => { if (fmt.isMonth(e.target.value)) location.hash = link({period: e.target.value}); });
    view.querySelector('#type').addEventListener('change', e => { location.hash = link({type: e.target.value}); });
  }

  WB.page('/inbox', (view, params, query) => {
    if (!may.inbox()) {
      setHtml(view, html`<h2>收件箱</h2><p class="muted">您的账号未关联党员身份，没有个人收件箱。</p>`);
      return null;
    }
    return inbox(view, params, query);
  }, '收件箱');
  WB.page('/notices/:id', notice, '通知');
  WB.page('/notices', (view, params, query) => may.countyWide() ? overview(view, params, query)
    : WB.go('/inbox'), '通知发送情况');
})();
