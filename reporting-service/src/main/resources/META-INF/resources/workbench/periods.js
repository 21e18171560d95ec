/* 3 季度 / 年度: quarterly grades, annual results, 述职评议 scores (admin) and publishing them. */
'use strict';
(() => {
  const {html, setHtml, api, fmt, may, problemHtml, say} = WB;
  const GRADE_CLASS = {EXCELLENT: 'tier-ADVANCED', POOR: 'tier-LAGGING'};

  /** Unit names from the latest published month (the grade lists carry codes only). */
  async function unitNames() {
    const names = {};
    try {
      const month = await WB.latestMonth();
      const ranking = await api.reporting('/rankings/' + month + '/published');
      ranking.entries.forEach(e => { names[e.unitCode] = e.unitName; });
      (ranking.notSubmitted || []).forEach(u => { names[u.unitCode] = u.unitName; });
    } catch (e) {
      // codes alone are still readable
    }
    return names;
  }

  function quarterOf(month) {
    return month.slice(0, 4) + '-Q' + (Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1);
  }

  async function quarter(view, params) {
    let q = params.quarter ? params.quarter.replace(/^(\d{4})-?Q([1-4])$/i, '$1-Q$2') : null;
    if (!q || !/^\d{4}-Q[1-4]$/.test(q)) {
      const latest = await WB.latestMonth();
      // the last complete quarter up to the latest month with data
      const m = Number(latest.slice(5, 7));
      q = m % 3 === 0 ? quarterOf(latest) : quarterOf(fmt.addMonths(latest, -(m % 3)));
      WB.go('/quarters/' + q);
      return;
    }
    const [grades, names, branches] = await Promise.all([api.reporting('/quarters/' + q).catch(error => error), unitNames(),
      api.reporting('/branches/' + q).catch(error => error)]);
    const [year, n] = q.split('-Q');
    const prev = Number(n) === 1 ? (Number(year) - 1) + '-Q4' : year + '-Q' + (Number(n) - 1);
    const next = Number(n) === 4 ? (Number(year) + 1) + '-Q1' : year + '-Q' + (Number(n) + 1);
    setHtml(view, html`
      <h2>${year} 年第 ${n} 季度党建工作等次</h2>
      <div class="toolbar"><a href="#/quarters/${prev}">上一季度</a><a href="#/quarters/${next}">下一季度</a>
        <a href="#/years/${year}">${year} 年度结果</a></div>
      ${Array.isArray(grades) ? html`<p class="muted">第 ${grades[0].version} 版 · 计入 ${grades[0].months} 个月</p>
        <table class="grid" id="grades"><thead><tr><th class="left">单位</th><th>季度平均分</th><th>等次</th></tr></thead><tbody>
        ${grades.slice().sort((a, b) => b.meanScore - a.meanScore).map(g => html`<tr class="${GRADE_CLASS[g.grade] || ''}"><td class="left">${names[g.unitCode] || g.unitCode}</td>
          <td>${fmt.number(g.meanScore)}</td><td class="tier">${g.label || fmt.GRADE[g.grade] || g.grade}</td></tr>`)}</tbody></table>`
        : grades.status === 404 ? html`<p class="muted">本季度等次尚未发布。</p>` : problemHtml(grades)}
      <h3>党支部季度考评（先进支部 / 后进支部）</h3>
      ${branches && Array.isArray(branches.entries) ? html`<p class="muted">${branches.status === 'PUBLISHED' ? '已发布第 ' + branches.version + ' 版' : '实时，随季度等次一并发布'}
          · 参评支部 ${branches.branchesRanked} 个 · 权重：组织生活 ${branches.weights.meetingRegularity}、学习 ${branches.weights.studyCompletion}、测试 ${branches.weights.examPassRate}</p>
        <table class="grid" id="branch-ranking"><thead><tr><th>名次</th><th class="left">党支部</th><th class="left">单位</th><th>组织生活开展率</th>
          <th>学习完成率</th><th>测试合格率</th><th>得分</th><th>等次</th></tr></thead><tbody>
        ${branches.entries.map(b => html`<tr class="${b.tier ? 'tier-' + b.tier : 'not-submitted'}"><td>${b.rank || '—'}</td>
          <td class="left">${b.branchName || b.branchId}</td><td class="left">${b.unitName || b.unitCode}</td>
          <td>${b.meetingRegularity == null ? '—' : fmt.percent(b.meetingRegularity)}</td><td>${b.studyCompletion == null ? '—' : fmt.percent(b.studyCompletion)}</td>
          <td>${b.examPassRate == null ? '—' : fmt.percent(b.examPassRate)}</td><td>${b.score == null ? '—' : fmt.number(b.score)}</td>
          <td class="tier">${b.tierLabel}</td></tr>`)}</tbody></table>` : problemHtml(branches)}
      ${may.admin() ? html`<div class="panel"><p>发布季度等次：以本季度各月最新发布的排名计算平均分并评定等次${Array.isArray(grades) ? '（将产生新版本）' : ''}。</p>
        <button type="button" class="primary" id="publish">发布${year} 年第 ${n} 季度等次</button><div id="message"></div></div>` : ''}
    `);
    const publish = view.querySelector('#publish');
    if (publish) publish.addEventListener('click', async () => {
      publish.disabled = true;
      try {
        const result = await api.reporting('/quarters/' + q + '/publish', {method: 'POST'});
        WB.go('/quarters/' + q + '?v=' + result.grades.version);
      } catch (error) {
        publish.disabled = false;
        setHtml(view.querySelector('#message'), problemHtml(error));
      }
    });
  }

  async function year(view, params) {
    const y = /^\d{4}$/.test(params.year || '') ? params.year : null;
    if (!y) {
      WB.go('/years/' + (await WB.latestMonth()).slice(0, 4));
      return;
    }
    const [results, names] = await Promise.all([api.reporting('/years/' + y).catch(error => error), unitNames()]);
    const codes = Array.isArray(results) ? results.map(r => r.unitCode) : Object.keys(names).sort();
    setHtml(view, html`
      <h2>${y} 年度党建工作考评结果</h2>
      <div class="toolbar"><a href="#/years/${Number(y) - 1}">上一年度</a><a href="#/years/${Number(y) + 1}">下一年度</a>
        ${[1, 2, 3, 4].map(n => html`<a href="#/quarters/${y}-Q${n}">第 ${n} 季度</a>`)}</div>
      ${Array.isArray(results) ? html`<p class="muted">第 ${results[0].version} 版</p>
        <table class="grid" id="annual"><thead><tr><th>名次</th><th class="left">单位</th><th>月度平均分</th><th>述职评议</th><th>年度得分</th><th></th></tr></thead><tbody>
        ${results.map(r => html`<tr class="${r.excellent ? 'tier-ADVANCED' : ''}"><td>${r.rank}</td><td class="left">${names[r.unitCode] || r.unitCode}</td>
          <td>${fmt.number(r.meanMonthlyScore)}</td><td>${fmt.number(r.debriefScore)}</td><td>${fmt.number(r.annualScore)}</td>
          <td class="tier">${r.excellent ? '党建工作优秀单位' : ''}</td></tr>`)}</tbody></table>`
        : results.status === 404 ? html`<p class="muted">本年度结果尚未发布。</p>` : problemHtml(results)}
      ${may.admin() ? html`<h3>述职评议得分</h3><div class="panel">
        <p class="muted">各单位述职评议得分（0–100），发布年度结果时按权重计入。</p>
        <table class="grid" id="debriefs"><thead><tr><th class="left">单位</th><th>述职评议得分</th><th></th></tr></thead><tbody>
        ${codes.map(code => html`<tr data-unit="${code}"><td class="left">${names[code] || code}</td>
          <td class="cell"><input type="text" inputmode="decimal" aria-label="${names[code] || code} 述职评议得分"></td><td><span class="note"></span></td></tr>`)}</tbody></table>
        <p><button type="button" class="primary" id="publish">发布${y} 年度结果</button></p><div id="message"></div></div>` : ''}
    `);
    const debriefs = view.querySelector('#debriefs');
    if (debriefs) debriefs.addEventListener('change', async e => {
      const input = e.target.closest('input');
      if (!input || input.value.trim() === '') return;
      const row = input.closest('tr');
      const note = row.querySelector('.note');
      const value = Number(input.value.trim());
      try {
        await api.reporting('/years/' + y + '/debriefs/' + encodeURIComponent(row.dataset.unit), {method: 'PUT',
          body: {score: Number.isFinite(value) ? value : input.value.trim()}});
        say(note, '已保存', 'info');
      } catch (error) {
        setHtml(note, problemHtml(error));
      }
    });
    const publish = view.querySelector('#publish');
    if (publish) publish.addEventListener('click', async () => {
      publish.disabled = true;
      try {
        const result = await api.reporting('/years/' + y + '/publish', {method: 'POST'});
        WB.go('/years/' + y + '?v=' + result.version);
      } catch (error) {
        publish.disabled = false;
        setHtml(view.querySelector('#message'), problemHtml(error));
      }
    });
  }

  WB.page('/quarters/:quarter?', quarter, p => '季度等次 ' + (p.quarter || ''));
  WB.page('/years/:year?', year, p => '年度结果 ' + (p.year || ''));
})();
