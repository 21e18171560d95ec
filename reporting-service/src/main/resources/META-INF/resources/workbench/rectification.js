/* 5 整改台账: rectification items by status and deadline, overdue highlighted; 销号 in two steps (issue 16.4): the unit's
   secretary submits close-out evidence (申请销号 → 待确认), the committee (admin, assessor) confirms it (确认销号 → 已销号)
   or returns it with a reason (退回 → 整改中 / 已逾期, the reason shown to the unit). */
'use strict';
(() => {
  const {html, setHtml, api, fmt, may, problemHtml, say} = WB;
  const STATUS = {OPEN: '整改中', SUBMITTED: '待确认', OVERDUE: '已逾期', CLOSED: '已销号'};

  async function render(view, params, query) {
    if (!may.rectification()) {
      setHtml(view, html`<h2>整改台账</h2><p class="muted">您的账号无权查看整改台账。</p>`);
      return;
    }
    const user = WB.user();
    const status = Object.keys(STATUS).includes(query.get('status')) ? query.get('status') : '';
    const q = new URLSearchParams();
    if (!may.countyWide()) q.set('unitCode', user.unitCode); // a secretary's ledger is its own unit's
    else if (query.get('unit')) q.set('unitCode', query.get('unit'));
    if (status) q.set('status', status);
    const items = await api.assessment('/rectification-items' + (q.toString() ? '?' + q : ''));
    const todayText = fmt.today();
    const overdue = i => i.status === 'OVERDUE' || (i.status === 'OPEN' && i.deadline && i.deadline < todayText);
    const order = {SUBMITTED: 0, OVERDUE: 1, OPEN: 1, CLOSED: 2};
    // waiting for the committee first, then open items by nearest deadline; closed ones last, most recently closed first
    items.sort((a, b) => order[a.status] - order[b.status]
      || (a.status === 'CLOSED' ? String(b.closedOn).localeCompare(String(a.closedOn)) : String(a.deadline).localeCompare(String(b.deadline))));
    const maySubmit = may.secretary();                       // the unit submits its evidence
    const mayReview = may.enterScores();                      // the committee (admin, assessor) confirms or returns it
    const counts = {OPEN: 0, SUBMITTED: 0, OVERDUE: 0, CLOSED: 0};
    items.forEach(i => { const k = overdue(i) ? 'OVERDUE' : i.status; counts[k] = (counts[k] || 0) + 1; });
    const label = i => overdue(i) ? html`<span class="mark overdue">已逾期</span>` : i.status === 'CLOSED' ? html`<span class="mark closed">已销号</span>`
      : i.status === 'SUBMITTED' ? html`<span class="mark submitted">待确认</span>` : STATUS[i.status];
    const actions = i => html`${(i.status === 'OPEN' || i.status === 'OVERDUE') && maySubmit ? html`<button type="button" class="submit-item" data-item="${i.itemId}">申请销号</button>` : ''}
      ${i.status === 'SUBMITTED' && mayReview ? html`<button type="button" class="confirm-item" data-item="${i.itemId}">确认销号</button> <button type="button" class="return-item" data-item="${i.itemId}">退回</button>` : ''}`;
    setHtml(view, html`
      <h2>整改台账${may.countyWide() ? '' : '（' + user.unitCode + '）'}</h2>
      <div class="toolbar">${[['', '全部'], ['OPEN', '整改中'], ['SUBMITTED', '待确认'], ['OVERDUE', '已逾期'], ['CLOSED', '已销号']].map(([k, text]) =>
        k === status ? html`<b>${text}</b>` : html`<a href="#/rectification${k ? '?status=' + k : ''}">${text}</a>`)}
        <span class="spacer"></span><span class="muted">整改中 ${counts.OPEN} · 待确认 ${counts.SUBMITTED} · 逾期 ${counts.OVERDUE} · 已销号 ${counts.CLOSED}</span></div>
      ${items.length ? html`<table class="grid" id="items"><thead><tr><th>单位</th><th class="left">问题</th><th>整改期限</th><th>状态</th><th>完成日期</th><th>销号日期</th><th class="left">整改佐证</th><th class="left">退回理由</th><th></th></tr></thead><tbody>
        ${items.map(i => html`<tr class="${overdue(i) ? 'overdue' : ''}" data-item="${i.itemId}"><td>${i.unitCode}</td><td class="left">${i.description}</td>
          <td>${i.deadline || '—'}</td><td>${label(i)}</td><td>${i.submittedOn || ''}</td><td>${i.closedOn || ''}</td>
          <td class="left">${i.evidence || ''}</td><td class="left">${i.returnReason || ''}</td><td>${actions(i)}</td></tr>`)}</tbody></table>`
        : html`<p class="muted">没有整改事项。</p>`}
      <div id="submit" class="dialog" hidden>
        <p id="submit-what"></p>
        <label>整改完成情况及佐证（必填）<textarea id="submit-evidence" maxlength="2000"></textarea></label>
        <label>完成日期 <input type="date" id="submit-date" value="${todayText}" max="${todayText}"></label>
        <p><button type="button" class="primary" id="submit-save">提交销号申请</button> <button type="button" id="submit-cancel">取消</button></p>
        <p class="muted">提交后由县直机关工委确认销号；退回的，按退回理由补充后重新提交。</p>
        <div id="submit-message"></div>
      </div>
      <div id="return" class="dialog" hidden>
        <p id="return-what"></p>
        <label>退回理由（必填）<textarea id="return-reason" maxlength="1000"></textarea></label>
        <p><button type="button" class="primary" id="return-save">退回</button> <button type="button" id="return-cancel">取消</button></p>
        <div id="return-message"></div>
      </div>
      <div id="review-message"></div>
    `);
    let current = null;
    const again = id => WB.go('/rectification' + (status ? '?status=' + status + '&' : '?') + 'changed=' + encodeURIComponent(id));
    const itemPath = (i, step) => '/rectification-items/' + encodeURIComponent(i.itemId) + '/' + step;
    const open = (dialog, what, i, verb) => {
      current = i;
      setHtml(view.querySelector('#' + what), html`${verb}：<b>${i.unitCode}</b> ${i.description}（期限 ${i.deadline}）`);
      say(view.querySelector('#' + dialog + '-message'), '');
      view.querySelector('#' + dialog).hidden = false;
    };
    const table = view.querySelector('#items');
    if (table) table.addEventListener('click', async e => {
      const button = e.target.closest('button');
      if (!button) return;
      const item = items.find(i => i.itemId === button.dataset.item);
      if (button.classList.contains('submit-item')) {
        open('submit', 'submit-what', item, '申请销号');
        view.querySelector('#submit-evidence').focus();
      } else if (button.classList.contains('return-item')) {
        open('return', 'return-what', item, '退回');
        view.querySelector('#return-reason').focus();
      } else if (button.classList.contains('confirm-item')) {
        try {
          await api.assessment(itemPath(item, 'confirm'), {method: 'POST', body: {}});
          again(item.itemId);
        } catch (error) {
          setHtml(view.querySelector('#review-message'), problemHtml(error));
        }
      }
    });
    view.querySelector('#submit-cancel').addEventListener('click', () => { view.querySelector('#submit').hidden = true; current = null; });
    view.querySelector('#return-cancel').addEventListener('click', () => { view.querySelector('#return').hidden = true; current = null; });
    view.querySelector('#submit-save').addEventListener('click', async () => {
      const message = view.querySelector('#submit-message');
      const evidence = view.querySelector('#submit-evidence').value.trim();
      if (!evidence) {
        say(message, '申请销号须写明整改完成情况及佐证。', 'error');
        return;
      }
      try {
        await api.assessment(itemPath(current, 'close'), {method: 'POST',
          body: {evidence, completedOn: view.querySelector('#submit-date').value || null}});
        again(current.itemId);
      } catch (error) {
        setHtml(message, problemHtml(error));
      }
    });
    view.querySelector('#return-save').addEventListener('click', async () => {
      const message = view.querySelector('#return-message');
      const reason = view.querySelector('#return-reason').value.trim();
      if (!reason) {
        say(message, '退回须说明理由。', 'error');
        return;
      }
      try {
        await api.assessment(itemPath(current, 'return'), {method: 'POST', body: {reason}});
        again(current.itemId);
      } catch (error) {
        setHtml(message, problemHtml(error));
      }
    });
  }

  WB.page('/rectification', render, '整改台账');
})();
