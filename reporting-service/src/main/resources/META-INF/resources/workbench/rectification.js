/* 5 整改台账: rectification items by status and deadline, overdue highlighted, close-out (销号) with evidence. */
'use strict';
(() => {
  const {html, setHtml, api, fmt, may, problemHtml, say} = WB;
  const STATUS = {OPEN: '整改中', OVERDUE: '已逾期', CLOSED: '已销号'};

  async function render(view, params, query) {
    if (!may.rectification()) {
      setHtml(view, html`<h2>整改台账</h2><p class="muted">您的账号无权查看整改台账。</p>`);
      return;
    }
    const user = WB.user();
    const status = ['OPEN', 'OVERDUE', 'CLOSED'].includes(query.get('status')) ? query.get('status') : '';
    const q = new URLSearchParams();
    if (!may.countyWide()) q.set('unitCode', user.unitCode); // a secretary's ledger is its own unit's
    else if (query.get('unit')) q.set('unitCode', query.get('unit'));
    if (status) q.set('status', status);
    const items = await api.assessment('/rectification-items' + (q.toString() ? '?' + q : ''));
    const todayText = fmt.today();
    const overdue = i => i.status === 'OVERDUE' || (i.status !== 'CLOSED' && i.deadline && i.deadline < todayText);
    // open items first, nearest deadline first; closed ones after, most recently closed first
    items.sort((a, b) => (a.status === 'CLOSED') - (b.status === 'CLOSED')
      || (a.status === 'CLOSED' ? String(b.closedOn).localeCompare(String(a.closedOn)) : String(a.deadline).localeCompare(String(b.deadline))));
    const mayClose = may.admin() || may.secretary();
    const counts = {OPEN: 0, OVERDUE: 0, CLOSED: 0};
    items.forEach(i => { counts[overdue(i) ? 'OVERDUE' : i.status] = (counts[overdue(i) ? 'OVERDUE' : i.status] || 0) + 1; });
    setHtml(view, html`
      <h2>整改台账${may.countyWide() ? '' : '（' + user.unitCode + '）'}</h2>
      <div class="toolbar">${[['', '全部'], ['OPEN', '整改中'], ['OVERDUE', '已逾期'], ['CLOSED', '已销号']].map(([k, label]) =>
        k === status ? html`<b>${label}</b>` : html`<a href="#/rectification${k ? '?status=' + k : ''}">${label}</a>`)}
        <span class="spacer"></span><span class="muted">整改中 ${counts.OPEN} · 逾期 ${counts.OVERDUE} · 已销号 ${counts.CLOSED}</span></div>
      ${items.length ? html`<table class="grid" id="items"><thead><tr><th>单位</th><th class="left">问题</th><th>整改期限</th><th>状态</th><th>销号日期</th><th class="left">整改佐证</th><th></th></tr></thead><tbody>
        ${items.map(i => html`<tr class="${overdue(i) ? 'overdue' : ''}" data-item="${i.itemId}"><td>${i.unitCode}</td><td class="left">${i.description}</td>
          <td>${i.deadline || '—'}</td><td>${overdue(i) ? html`<span class="mark overdue">已逾期</span>` : i.status === 'CLOSED' ? html`<span class="mark closed">已销号</span>` : STATUS[i.status]}</td>
          <td>${i.closedOn || ''}</td><td class="left">${i.evidence || ''}</td>
          <td>${i.status !== 'CLOSED' && mayClose ? html`<button type="button" class="close-item" data-item="${i.itemId}">销号</button>` : ''}</td></tr>`)}</tbody></table>`
        : html`<p class="muted">没有整改事项。</p>`}
      <div id="close" class="dialog" hidden>
        <p id="close-what"></p>
        <label>整改完成情况及佐证（必填）<textarea id="close-evidence" maxlength="4000"></textarea></label>
        <label>完成日期 <input type="date" id="close-date" value="${todayText}" max="${todayText}"></label>
        <p><button type="button" class="primary" id="close-save">确认销号</button> <button type="button" id="close-cancel">取消</button></p>
        <div id="close-message"></div>
      </div>
    `);
    let current = null;
    const dialog = view.querySelector('#close');
    const table = view.querySelector('#items');
    if (table) table.addEventListener('click', e => {
      const button = e.target.closest('button.close-item');
      if (!button) return;
      current = items.find(i => i.itemId === button.dataset.item);
      setHtml(view.querySelector('#close-what'), html`销号：<b>${current.unitCode}</b> ${current.description}（期限 ${current.deadline}）`);
      say(view.querySelector('#close-message'), '');
      dialog.hidden = false;
      view.querySelector('#close-evidence').focus();
    });
    view.querySelector('#close-cancel').addEventListener('click', () => { dialog.hidden = true; current = null; });
    view.querySelector('#close-save').addEventListener('click', async () => {
      const message = view.querySelector('#close-message');
      const evidence = view.querySelector('#close-evidence').value.trim();
      if (!evidence) {
        say(message, '销号须写明整改完成情况及佐证。', 'error');
        return;
      }
      try {
        await api.assessment('/rectification-items/' + encodeURIComponent(current.itemId) + '/close', {method: 'POST',
          body: {evidence, closedOn: view.querySelector('#close-date').value || null}});
        WB.go('/rectification' + (status ? '?status=' + status + '&' : '?') + 'closed=' + encodeURIComponent(current.itemId));
      } catch (error) {
        setHtml(message, problemHtml(error));
      }
    });
  }

  WB.page('/rectification', render, '整改台账');
})();
