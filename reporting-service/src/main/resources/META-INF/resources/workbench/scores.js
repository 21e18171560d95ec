/* 6 评分录入: a unit × indicator grid of one month (MANUAL indicators), the API's messages inline, corrections with a reason, lock and reopen. */
'use strict';
(() => {
  const {html, setHtml, api, fmt, may, problemHtml, say} = WB;
  const PAGE = 100;

  function cell(unit, indicator, score) {
    return html`<td class="cell" data-unit="${unit.unitCode}" data-indicator="${indicator.code}">
      <input type="text" inputmode="decimal" aria-label="${unit.name} ${indicator.name}" value="${score ? score.score : ''}"
        data-current="${score ? score.score : ''}" data-id="${score ? score.assessmentId : ''}" ${score && score.revision > 1 ? html`title="已更正 ${score.revision - 1} 次"` : ''}>
      <span class="note"></span></td>`;
  }

  async function render(view, params, query) {
    if (!may.enterScores()) {
      setHtml(view, html`<h2>评分录入</h2><p class="muted">评分录入仅限考评员和工委管理员。</p>`);
      return;
    }
    const period = params.period && fmt.isMonth(params.period) ? params.period : fmt.addMonths(fmt.currentMonth(), -1);
    if (params.period !== period) {
      WB.go('/scores/' + period);
      return;
    }
    const year = period.slice(0, 4);
    const [units, system, scores, status] = await Promise.all([
      api.assessment('/units'),
      api.assessment('/indicator-systems/' + year).catch(error => error),
      api.assessment('/assessments?period=' + period),
      api.assessment('/periods/' + period).catch(() => ({period, locked: false, history: []})),
    ]);
    const filter = (query.get('q') || '').trim();
    const pageNo = Math.max(0, Number(query.get('page')) || 0);
    const indicators = system instanceof Error ? [] : system.dimensions.flatMap(d => d.indicators.filter(i => i.kind === 'MANUAL')
      .map(i => ({...i, dimension: d.name})));
    const byKey = {};
    scores.forEach(s => { byKey[s.unitCode + '|' + s.indicatorCode] = s; });
    const matching = units.filter(u => !filter || u.unitCode.includes(filter) || (u.name || '').includes(filter));
    const shown = matching.slice(pageNo * PAGE, (pageNo + 1) * PAGE);
    const entered = scores.length;
    const expected = units.length * indicators.length;
    const link = changes => {
      const q = new URLSearchParams({...(filter ? {q: filter} : {}), ...changes});
      [...q.keys()].forEach(k => { if (!q.get(k)) q.delete(k); });
      return '#/scores/' + period + (q.toString() ? '?' + q : '');
    };
    const last = status.history && status.history.length ? status.history[status.history.length - 1] : null;

    setHtml(view, html`
      <h2>${fmt.monthText(period)}评分录入</h2>
      <div class="toolbar"><label>月份 <input type="month" id="month" value="${period}"></label>
        <label>单位 <input type="text" id="filter" value="${filter}" placeholder="代码或名称"></label>
        <span>已录入 ${entered} / ${expected} 项</span><span class="spacer"></span>
        <span>${status.locked ? html`<span class="mark published">已锁定</span>` : html`<span class="mark live">未锁定</span>`}
          ${last ? html`<span class="muted">${last.action === 'LOCKED' || last.action === 'LOCK' ? '锁定' : '重新开放'}于 ${fmt.dateTime(last.at)}${last.by ? '（' + last.by + '）' : ''}${last.reason ? '：' + last.reason : ''}</span>` : ''}</span>
      </div>
      ${system instanceof Error ? problemHtml(system) : ''}
      ${status.locked ? html`<p class="muted">本月已锁定，评分和更正将被拒绝；如需修改请先重新开放（须说明理由）。</p>` : ''}
      ${may.admin() ? html`<div class="panel" id="period-box">${status.locked
        ? html`<label>重新开放理由 <input type="text" id="reopen-reason" size="50" maxlength="1000"></label> <button type="button" id="reopen">重新开放</button>`
        : html`<button type="button" class="primary" id="lock">锁定${fmt.monthText(period)}</button> <span class="muted">锁定后方可发布本月排名。</span>`}
        <div id="period-message"></div></div>` : ''}
      <div id="correction" class="dialog" hidden>
        <p id="correction-what"></p>
        <label>更正理由（必填） <input type="text" id="correction-reason" size="50" maxlength="1000"></label>
        <button type="button" class="primary" id="correction-save">提交更正</button> <button type="button" id="correction-cancel">取消</button>
        <div id="correction-message"></div>
      </div>
      ${indicators.length ? html`<table class="grid" id="scores"><thead><tr><th class="left">单位</th>${indicators.map(i => html`<th title="${i.dimension}">${i.name}<br><span class="muted">${i.code} · 满分 ${fmt.number(i.maxPoints, 0)}</span></th>`)}</tr></thead>
        <tbody>${shown.map(u => html`<tr><td class="left">${u.name}<br><span class="muted">${u.unitCode}</span></td>${indicators.map(i => cell(u, i, byKey[u.unitCode + '|' + i.code]))}</tr>`)}</tbody></table>`
        : html`<p class="muted">本年度指标体系中没有需人工评分的指标。</p>`}
      <div class="toolbar">${pageNo > 0 ? html`<a href="${link({page: String(pageNo - 1)})}">上一页</a>` : ''}
        <span class="muted">第 ${pageNo * PAGE + (shown.length ? 1 : 0)}–${pageNo * PAGE + shown.length} 个，共 ${matching.length} 个单位</span>
        ${(pageNo + 1) * PAGE < matching.length ? html`<a href="${link({page: String(pageNo + 1)})}">下一页</a>` : ''}</div>
    `);

    view.querySelector('#month').addEventListener('change', e => { if (fmt.isMonth(e.target.value)) WB.go('/scores/' + e.target.value); });
    view.querySelector('#filter').addEventListener('change', e => { location.hash = link({q: e.target.value.trim(), page: ''}); });

    let pending = null; // the cell whose correction waits for its reason
    const dialog = view.querySelector('#correction');
    function toNumber(text) {
      const value = Number(text);
      return text !== '' && Number.isFinite(value) ? value : text; // anything else goes as typed: the API says what is wrong
    }
    async function save(td, request) {
      const input = td.querySelector('input');
      const note = td.querySelector('.note');
      td.classList.remove('saved', 'failed');
      say(note, '保存中…');
      try {
        const saved = await request();
        input.dataset.current = saved.score;
        input.dataset.id = saved.assessmentId;
        input.value = saved.score;
        td.classList.add('saved');
        say(note, saved.revision > 1 ? '已更正（第 ' + saved.revision + ' 版）' : '已保存', 'info');
        return true;
      } catch (error) {
        td.classList.add('failed');
        setHtml(note, problemHtml(error));
        return false;
      }
    }
    const grid = view.querySelector('#scores');
    if (grid) {
      grid.addEventListener('change', e => {
        const input = e.target.closest('td.cell input');
        if (!input) return;
        const td = input.closest('td');
        const value = input.value.trim();
        if (value === input.dataset.current) return;
        if (!input.dataset.id) {
          if (value === '') return;
          save(td, () => api.assessment('/assessments', {method: 'POST',
            body: {unitCode: td.dataset.unit, indicatorCode: td.dataset.indicator, period, score: toNumber(value)}}));
          return;
        }
        // a stored score changes only by a correction, which needs a reason
        pending = {td, value};
        dialog.hidden = false;
        setHtml(view.querySelector('#correction-what'), html`更正 <b>${td.querySelector('input').getAttribute('aria-label')}</b>：${input.dataset.current} → ${value}`);
        say(view.querySelector('#correction-message'), '');
        view.querySelector('#correction-reason').value = '';
        view.querySelector('#correction-reason').focus();
      });
      grid.addEventListener('keydown', e => { if (e.key === 'Enter' && e.target.matches('td.cell input')) e.target.blur(); });
    }
    view.querySelector('#correction-cancel').addEventListener('click', () => {
      if (pending) {
        const input = pending.td.querySelector('input');
        input.value = input.dataset.current;
      }
      pending = null;
      dialog.hidden = true;
    });
    view.querySelector('#correction-save').addEventListener('click', async () => {
      if (!pending) return;
      const reason = view.querySelector('#correction-reason').value.trim();
      const message = view.querySelector('#correction-message');
      if (!reason) {
        say(message, '更正须说明理由。', 'error');
        return;
      }
      const {td, value} = pending;
      const id = td.querySelector('input').dataset.id;
      const ok = await save(td, () => api.assessment('/assessments/' + encodeURIComponent(id) + '/corrections', {method: 'POST',
        body: {score: toNumber(value), reason}}));
      if (ok) {
        pending = null;
        dialog.hidden = true;
      } else {
        setHtml(message, td.querySelector('.note').innerHTML ? WB.html`<span class="error">更正未被接受，见表格中的说明。</span>` : '');
      }
    });

    const message = view.querySelector('#period-message');
    const lock = view.querySelector('#lock');
    if (lock) lock.addEventListener('click', async () => {
      lock.disabled = true;
      try {
        await api.assessment('/periods/' + period + '/lock', {method: 'POST', body: {}});
        WB.go('/scores/' + period + '?locked=' + Date.now());
      } catch (error) {
        lock.disabled = false;
        setHtml(message, problemHtml(error));
      }
    });
    const reopen = view.querySelector('#reopen');
    if (reopen) reopen.addEventListener('click', async () => {
      const reason = view.querySelector('#reopen-reason').value.trim();
      if (!reason) {
        say(message, '重新开放须说明理由。', 'error');
        return;
      }
      reopen.disabled = true;
      try {
        await api.assessment('/periods/' + period + '/reopen', {method: 'POST', body: {reason}});
        WB.go('/scores/' + period + '?reopened=' + Date.now());
      } catch (error) {
        reopen.disabled = false;
        setHtml(message, problemHtml(error));
      }
    });
  }

  WB.page('/scores/:period?', render, p => (p.period ? fmt.monthText(p.period) : '') + '评分录入');
})();
