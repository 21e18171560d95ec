/* 7 模拟调权 and 预警: ranks a month under proposed dimension weights, listing who changes tier; runs the month's early warning. */
'use strict';
(() => {
  const {html, setHtml, api, fmt, may, problemHtml, say} = WB;

  function changeTable(rows) {
    if (!rows.length) return html`<p class="muted">调整后没有单位的等次发生变化。</p>`;
    return html`<table class="grid" id="tier-changes"><thead><tr><th class="left">单位</th><th>现名次</th><th>模拟名次</th><th>现得分</th><th>模拟得分</th><th>现等次</th><th>模拟等次</th></tr></thead><tbody>
      ${rows.map(r => html`<tr><td class="left">${r.unitName || r.unitCode}</td><td>${r.currentRank}</td><td>${r.proposedRank}</td>
        <td>${fmt.number(r.currentScore)}</td><td>${fmt.number(r.proposedScore)}</td>
        <td>${fmt.TIER[r.currentTier]}</td><td class="${r.proposedTier === 'LAGGING' ? 'down' : r.proposedTier === 'ADVANCED' ? 'up' : ''}"><b>${fmt.TIER[r.proposedTier]}</b></td></tr>`)}</tbody></table>`;
  }

  async function render(view, params) {
    if (!may.admin()) {
      setHtml(view, html`<h2>模拟调权 · 预警</h2><p class="muted">仅限工委管理员。</p>`);
      return;
    }
    const period = params.period && fmt.isMonth(params.period) ? params.period : await WB.latestMonth();
    if (params.period !== period) {
      WB.go('/what-if/' + period);
      return;
    }
    const means = await api.reporting('/rankings/' + period + '/dimension-means');
    setHtml(view, html`
      <h2>${fmt.monthText(period)}模拟调整指标权重</h2>
      <div class="toolbar"><label>月份 <input type="month" id="month" value="${period}"></label>
        <span class="muted">只计算、不保存：以本月现有数据，按拟调整的一级指标权重重新排名。</span></div>
      <div class="panel"><table class="grid" id="weights"><thead><tr><th class="left">一级指标</th><th>现权重</th><th>拟调整为</th><th>全县平均分</th></tr></thead><tbody>
        ${means.dimensions.map(d => html`<tr><td class="left">${d.name}</td><td>${fmt.number(d.weight, 0)}</td>
          <td><input type="range" min="0" max="100" step="1" value="${d.weight}" data-code="${d.code}" aria-label="${d.name} 权重">
            <input type="number" min="0" max="100" step="1" value="${d.weight}" data-code="${d.code}" class="weight" aria-label="${d.name} 权重数值"></td>
          <td>${fmt.number(d.mean)}</td></tr>`)}</tbody></table>
        <p>合计 <b id="sum"></b>（须为 100） <button type="button" class="primary" id="simulate">模拟排名</button></p>
        <div id="message"></div></div>
      <div id="result"></div>
      <h3>预警</h3>
      <div class="panel"><p>按本月截至今日的数据运行预警：得分或学习完成率落入后进区间的单位和党员将收到预警通知（每月每单位一次）。</p>
        <button type="button" id="warn">运行${fmt.monthText(period)}预警</button><div id="warnings"></div></div>
    `);
    const table = view.querySelector('#weights');
    const sum = () => {
      const total = [...view.querySelectorAll('input.weight')].reduce((s, i) => s + (Number(i.value) || 0), 0);
      view.querySelector('#sum').textContent = total;
      view.querySelector('#sum').className = Math.abs(total - 100) < 0.001 ? '' : 'down';
    };
    table.addEventListener('input', e => {
      const code = e.target.dataset.code;
      if (!code) return;
      table.querySelectorAll('input[data-code="' + CSS.escape(code) + '"]').forEach(i => { if (i !== e.target) i.value = e.target.value; });
      sum();
    });
    sum();
    view.querySelector('#month').addEventListener('change', e => { if (fmt.isMonth(e.target.value)) WB.go('/what-if/' + e.target.value); });
    view.querySelector('#simulate').addEventListener('click', async () => {
      const weights = {};
      view.querySelectorAll('input.weight').forEach(i => { weights[i.dataset.code] = Number(i.value); });
      const message = view.querySelector('#message');
      say(message, '正在计算…');
      try {
        const result = await api.reporting('/rankings/' + period + '/what-if', {method: 'POST', body: {weights}});
        say(message, '');
        setHtml(view.querySelector('#result'), html`<h3>等次发生变化的单位（${result.tierChanges.length} 个）</h3>${changeTable(result.tierChanges)}
          <details><summary>全部单位的对比（${result.comparison.length} 个）</summary>${changeTable(result.comparison)}</details>`);
      } catch (error) {
        setHtml(message, problemHtml(error));
      }
    });
    view.querySelector('#warn').addEventListener('click', async () => {
      const out = view.querySelector('#warnings');
      if (!window.confirm('运行预警将向相关单位和党员发出预警通知，确定运行吗？')) return;
      say(out, '正在运行…');
      try {
        const notices = await api.reporting('/warnings/' + period + '/run', {method: 'POST'});
        setHtml(out, notices.length ? html`<p>发出预警通知 ${notices.length} 份：</p><table class="grid"><thead><tr><th class="left">单位</th><th>收件人</th><th>类型</th><th>期限</th></tr></thead><tbody>
          ${notices.map(n => html`<tr><td class="left">${n.unitName || n.unitCode}</td><td>${n.recipient ? (n.recipient.name || n.recipient.id) : '—'}</td>
            <td>${n.noticeType}</td><td>${n.deadline || '—'}</td></tr>`)}</tbody></table>` : html`<p class="muted">没有需要预警的单位或党员（或本月已预警过）。</p>`);
      } catch (error) {
        setHtml(out, problemHtml(error));
      }
    });
  }

  WB.page('/what-if/:period?', render, p => '模拟调权 ' + (p.period || ''));
  WB.page('/none', view => setHtml(view, html`<h2>工作台</h2><p>您的账号没有可用的功能，请联系县直机关工委。</p>`), '工作台');
})();
