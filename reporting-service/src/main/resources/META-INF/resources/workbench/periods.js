/* 3 季度 / 年度: quarterly grades, annual results, the 述职评议 (panel, reviewers' scores, means) and publishing them; 公开承诺. */
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
      // a reviewer has no month to start from: the current year is the one it reviews
      WB.go('/years/' + (may.countyWide() ? (await WB.latestMonth()).slice(0, 4) : String(new Date().getFullYear())));
      return;
    }
    const reviewer = may.reviewer() && !may.countyWide();
    const [results, debriefs, history] = await Promise.all([
      reviewer ? Promise.resolve(null) : api.reporting('/years/' + y).catch(error => error),
      may.countyWide() || may.reviewer() ? api.reporting('/years/' + y + '/debriefs').catch(error => error) : Promise.resolve(null),
      // every version with when and why it was published (a republication always says why)
      reviewer ? Promise.resolve([]) : api.reporting('/years/' + y + '/history').catch(() => [])]);
    const names = {};
    if (debriefs && Array.isArray(debriefs.units)) debriefs.units.forEach(u => { names[u.unitCode] = u.unitName; });
    const codes = debriefs && Array.isArray(debriefs.units) ? debriefs.units.map(u => u.unitCode) : [];
    const closed = debriefs && debriefs.published;
    setHtml(view, html`
      <h2>${y} 年度党建工作考评结果</h2>
      <div class="toolbar"><a href="#/years/${Number(y) - 1}">上一年度</a><a href="#/years/${Number(y) + 1}">下一年度</a>
        ${reviewer ? '' : [1, 2, 3, 4].map(n => html`<a href="#/quarters/${y}-Q${n}">第 ${n} 季度</a>`)}</div>
      ${reviewer ? '' : Array.isArray(results) ? html`<p class="muted" id="versions">${history.length ? history.slice().reverse().map(v => html`<span>第 ${v.version} 版 · ${fmt.dateTime(v.publishedAt)} 发布${v.reason ? html` · 理由：${v.reason}` : v.version === 1 ? ' · 首次发布' : ''}${v.version === results[0].version ? '（当前显示）' : ''}</span>`).map((line, i) => i ? html`<br>${line}` : line) : html`第 ${results[0].version} 版`}</p>
        <table class="grid" id="annual"><thead><tr><th>名次</th><th class="left">单位</th><th>月度平均分</th><th>述职评议</th><th>年度得分</th><th></th></tr></thead><tbody>
        ${results.map(r => html`<tr class="${r.excellent ? 'tier-ADVANCED' : ''}"><td>${r.rank}</td><td class="left">${r.unitName || names[r.unitCode] || r.unitCode}</td>
          <td>${fmt.number(r.meanMonthlyScore)}</td><td>${fmt.number(r.debriefScore)}</td><td>${fmt.number(r.annualScore)}</td>
          <td class="tier">${r.excellent ? '党建工作优秀单位' : ''}</td></tr>`)}</tbody></table>`
        : results && results.status === 404 ? html`<p class="muted">本年度结果尚未发布。</p>` : problemHtml(results)}
      ${debriefs && !Array.isArray(debriefs.units) ? problemHtml(debriefs) : ''}
      ${debriefs && Array.isArray(debriefs.units) ? html`<h3>述职评议</h3><div class="panel">
        <p class="muted">书面述职与现场述职相结合，年底前组织开展一次述职评议。评议组评委：${debriefs.reviewers.length ? debriefs.reviewers.join('、') : '尚未确定'}。
          各单位述职评议得分为评委评分的平均分；评委 ${debriefs.trimFrom} 人及以上时去掉一个最高分和一个最低分。${closed ? '本年度结果已发布，评议不再修改。' : ''}</p>
        ${may.admin() && !closed ? html`<p><label>评议组（评委登录名，以逗号或空格分隔）
          <input type="text" id="panel" size="60" value="${debriefs.reviewers.join(', ')}"></label>
          <button type="button" id="save-panel">保存评议组</button> <span id="panel-note"></span></p>` : ''}
        ${reviewer ? html`<table class="grid" id="reviews"><thead><tr><th class="left">单位</th><th>我的评分（0–100）</th><th>已评评委</th><th></th></tr></thead><tbody>
          ${debriefs.units.map(u => html`<tr data-unit="${u.unitCode}"><td class="left"><a href="#/years/${y}/pledges/${encodeURIComponent(u.unitCode)}">${u.unitName || u.unitCode}</a></td>
            <td class="cell"><input type="text" inputmode="decimal" value="${u.myScore == null ? '' : u.myScore}" ${closed ? 'disabled' : ''}
              aria-label="${u.unitName || u.unitCode} 我的评分"></td><td>${u.reviewCount}</td><td><span class="note"></span></td></tr>`)}</tbody></table>`
        : html`<table class="grid" id="debriefs"><thead><tr><th class="left">单位</th><th>评委评分</th><th>述职评议得分</th><th>来源</th>
          ${may.admin() && !closed ? html`<th>工委录入（无评委评分的单位）</th><th></th>` : ''}</tr></thead><tbody>
          ${debriefs.units.map(u => html`<tr data-unit="${u.unitCode}"><td class="left"><a href="#/years/${y}/pledges/${encodeURIComponent(u.unitCode)}">${u.unitName || u.unitCode}</a></td>
            <td class="left">${u.reviews.length ? u.reviews.map(r => r.reviewer + ' ' + fmt.number(r.score)).join('；') : '—'}</td>
            <td>${u.score == null ? '—' : fmt.number(u.score)}${u.trimmed ? html` <span class="muted">（去掉最高、最低分）</span>` : ''}</td>
            <td>${u.source === 'PANEL' ? '评委评分' : u.source === 'COMMITTEE' ? '工委录入' : '—'}</td>
            ${may.admin() && !closed ? html`<td class="cell">${u.reviews.length ? '' : html`<input type="text" inputmode="decimal" aria-label="${u.unitName || u.unitCode} 述职评议得分">`}</td>
              <td><span class="note"></span></td>` : ''}</tr>`)}</tbody></table>`}
        ${may.admin() ? (Array.isArray(results) ? html`<p>重新发布将产生第 ${results[0].version + 1} 版，并向各单位发出年度更正通报。请说明理由：</p>
            <textarea id="reason" maxlength="500" placeholder="例如：某单位述职评议得分更正，经工委会议研究重新发布"></textarea>
            <p><button type="button" class="primary" id="publish">重新发布${y} 年度结果</button></p><div id="message"></div>`
          : html`<p><button type="button" class="primary" id="publish">发布${y} 年度结果</button></p><div id="message"></div>`) : ''}</div>` : ''}
    `);
    const panel = view.querySelector('#save-panel');
    if (panel) panel.addEventListener('click', async () => {
      const reviewers = view.querySelector('#panel').value.split(/[\s,，、]+/).filter(Boolean);
      try {
        await api.reporting('/years/' + y + '/debrief-panel', {method: 'PUT', body: {reviewers}});
        WB.route();
      } catch (error) {
        setHtml(view.querySelector('#panel-note'), problemHtml(error));
      }
    });
    const save = (table, path) => {
      if (table) table.addEventListener('change', async e => {
        const input = e.target.closest('input');
        if (!input || input.value.trim() === '') return;
        const row = input.closest('tr');
        const note = row.querySelector('.note');
        const value = Number(input.value.trim());
        try {
          await api.reporting('/years/' + y + path + encodeURIComponent(row.dataset.unit), {method: 'PUT',
            body: {score: Number.isFinite(value) ? value : input.value.trim()}});
          say(note, '已保存', 'info');
        } catch (error) {
          setHtml(note, problemHtml(error));
        }
      });
    };
    save(view.querySelector('#reviews'), '/debrief-reviews/');
    save(view.querySelector('#debriefs'), '/debriefs/');
    const publish = view.querySelector('#publish');
    if (publish) publish.addEventListener('click', async () => {
      // a republication says why: its 更正通报 cites the reason (the service refuses one without)
      const reasonField = view.querySelector('#reason');
      const reason = reasonField ? reasonField.value.trim() : '';
      if (reasonField && !reason) {
        say(view.querySelector('#message'), '重新发布须说明理由。', 'error');
        return;
      }
      publish.disabled = true;
      try {
        const result = await api.reporting('/years/' + y + '/publish', {method: 'POST', body: reasonField ? {reason} : {}});
        WB.go('/years/' + y + '?v=' + result.version);
      } catch (error) {
        publish.disabled = false;
        setHtml(view.querySelector('#message'), problemHtml(error));
      }
    });
  }

  const PLEDGE_STATUS = {IN_PROGRESS: '推进中', FULFILLED: '已兑现', NOT_FULFILLED: '未兑现'};

  /** A unit's 公开承诺 of a year with their fulfilment; its secretary and the committee keep the list. */
  async function pledges(view, params) {
    const y = params.year;
    const unit = params.unit;
    const list = await api.reporting('/years/' + y + '/pledges/' + encodeURIComponent(unit)).catch(error => error);
    if (!list || !Array.isArray(list.pledges)) {
      setHtml(view, html`<h2>公开承诺</h2>${problemHtml(list)}`);
      return;
    }
    const editable = may.admin() || (may.secretary() && WB.user().unitCode === unit);
    setHtml(view, html`<h2>${unit} · ${y} 年度公开承诺</h2>
      <div class="toolbar"><a href="#/years/${y}">返回 ${y} 年度</a></div>
      ${pledgeTable(list, editable)}`);
    wirePledges(view, y, unit, editable);
  }

  /** The pledges as a table (read-only) or as rows to edit; shared with the unit's card. */
  function pledgeTable(list, editable) {
    const rows = list.pledges.length || !editable ? list.pledges : [{content: '', status: 'IN_PROGRESS', evidence: ''}];
    return html`<div class="panel" id="pledges"><p class="muted">共 ${list.pledges.length} 项，已兑现 ${list.fulfilled} 项。</p>
      <table class="grid"><thead><tr><th>序号</th><th class="left">承诺内容</th><th>兑现情况</th><th class="left">佐证</th></tr></thead><tbody>
      ${rows.map((p, i) => editable ? html`<tr class="pledge"><td>${i + 1}</td>
          <td class="left"><input type="text" class="content" size="40" value="${p.content || ''}" aria-label="承诺内容"></td>
          <td><select class="status">${Object.keys(PLEDGE_STATUS).map(k => html`<option value="${k}" ${k === p.status ? 'selected' : ''}>${PLEDGE_STATUS[k]}</option>`)}</select></td>
          <td class="left"><input type="text" class="evidence" size="30" value="${p.evidence || ''}" aria-label="佐证"></td></tr>`
        : html`<tr><td>${i + 1}</td><td class="left">${p.content}</td><td>${PLEDGE_STATUS[p.status] || p.status}</td><td class="left">${p.evidence || '—'}</td></tr>`)}
      </tbody></table>
      ${editable ? html`<p><button type="button" id="add-pledge">增加一项</button> <button type="button" class="primary" id="save-pledges">保存公开承诺</button>
        <span id="pledge-note"></span></p>` : ''}</div>`;
  }

  function wirePledges(view, y, unit, editable) {
    if (!editable) return;
    view.querySelector('#add-pledge').addEventListener('click', () => {
      const body = view.querySelector('#pledges tbody');
      const row = body.querySelector('tr.pledge').cloneNode(true);
      row.querySelectorAll('input').forEach(i => { i.value = ''; });
      row.querySelector('.status').value = 'IN_PROGRESS';
      row.firstElementChild.textContent = String(body.children.length + 1);
      body.appendChild(row);
    });
    view.querySelector('#save-pledges').addEventListener('click', async () => {
      const pledges = [...view.querySelectorAll('#pledges tr.pledge')]
        .map(r => ({content: r.querySelector('.content').value, status: r.querySelector('.status').value, evidence: r.querySelector('.evidence').value}))
        .filter(p => p.content.trim() !== '' || p.evidence.trim() !== '');
      try {
        await api.reporting('/years/' + y + '/pledges/' + encodeURIComponent(unit), {method: 'PUT', body: {pledges}});
        say(view.querySelector('#pledge-note'), '已保存', 'info');
      } catch (error) {
        setHtml(view.querySelector('#pledge-note'), problemHtml(error));
      }
    });
  }

  WB.pledges = {table: pledgeTable, wire: wirePledges};

  WB.page('/quarters/:quarter?', quarter, p => '季度等次 ' + (p.quarter || ''));
  WB.page('/years/:year?', year, p => '年度结果 ' + (p.year || ''));
  WB.page('/years/:year/pledges/:unit', pledges, p => '公开承诺 ' + (p.unit || ''));
})();
