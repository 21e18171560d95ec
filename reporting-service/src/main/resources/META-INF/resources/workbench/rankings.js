/* 1 月度排名: the month's ranking (published or live), tiers, movement, 未报送, chart with tier bands, versions, publishing, export. */
'use strict';
(() => {
  const {html, setHtml, api, fmt, may, problemHtml, say} = WB;
  const TIER_COLOUR = {ADVANCED: '#4f8a5b', MIDDLE: '#9a9a9a', LAGGING: '#b55a5a'};
  let unitCategories = null; // unit code → category, from assessment-service (county-wide roles)

  async function categories() {
    if (unitCategories || !may.countyWide()) return unitCategories || {};
    try {
      const units = await api.assessment('/units');
      unitCategories = {};
      units.forEach(u => { unitCategories[u.unitCode] = u.category || ''; });
    } catch (e) {
      unitCategories = {};
    }
    return unitCategories;
  }

  function movement(e) {
    if (e.previousRank === null || e.previousRank === undefined) return html`<span class="muted" title="上月无名次">新</span>`;
    if (!e.rankChange) return html`<span class="muted" title="与上月持平">—</span>`;
    return e.rankChange > 0
      ? html`<span class="up" title="上月第 ${e.previousRank} 名">↑${e.rankChange}</span>`
      : html`<span class="down" title="上月第 ${e.previousRank} 名">↓${-e.rankChange}</span>`;
  }

  function unitLink(code, name, period) {
    return may.unit(code) ? html`<a href="#/units/${encodeURIComponent(code)}/${period}">${name || code}</a>` : html`${name || code}`;
  }

  function rows(body, period, cats, category) {
    const keep = code => !category || cats[code] === category;
    const ranked = body.entries.filter(e => keep(e.unitCode)).map(e => html`<tr class="tier-${e.tier}" data-unit="${e.unitCode}">
      <td>${e.rank}</td><td class="left">${unitLink(e.unitCode, e.unitName, period)}</td><td>${cats[e.unitCode] || ''}</td>
      <td class="score">${fmt.number(e.score)}</td><td>${movement(e)}</td><td class="tier">${fmt.TIER[e.tier] || e.tier}</td>
      <td>${fmt.percent(e.completionRate)}</td><td>${fmt.number(e.deductions, 1)}</td><td>${fmt.number(e.bonuses, 1)}</td></tr>`);
    const missing = (body.notSubmitted || []).filter(u => keep(u.unitCode)).map(u => html`<tr class="not-submitted" data-unit="${u.unitCode}">
      <td>—</td><td class="left">${unitLink(u.unitCode, u.unitName, period)}</td><td>${cats[u.unitCode] || ''}</td>
      <td colspan="6"><span class="mark not-submitted">${u.label || '未报送'}</span> 本月未报送考评数据，不排名次、不评等次</td></tr>`);
    return [ranked, missing];
  }

  function drawChart(element, entries) {
    const advanced = entries.filter(e => e.tier === 'ADVANCED');
    const lagging = entries.filter(e => e.tier === 'LAGGING');
    const names = entries.map(e => e.unitName || e.unitCode);
    const bands = [];
    if (advanced.length) bands.push([{name: '先进', xAxis: names[0], itemStyle: {color: 'rgba(79,138,91,0.10)'}}, {xAxis: names[advanced.length - 1]}]);
    if (lagging.length) bands.push([{name: '后进', xAxis: names[entries.length - lagging.length], itemStyle: {color: 'rgba(181,90,90,0.10)'}}, {xAxis: names[entries.length - 1]}]);
    WB.chart(element, {
      animation: entries.length < 200,
      grid: {left: 50, right: 20, top: 30, bottom: entries.length > 40 ? 30 : 80},
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'},
        formatter: items => { const e = entries[items[0].dataIndex]; return WB.esc(e.unitName || e.unitCode) + '<br>第 ' + e.rank + ' 名 · ' + fmt.number(e.score) + ' 分 · ' + fmt.TIER[e.tier]; }},
      xAxis: {type: 'category', data: names, axisLabel: {show: entries.length <= 40, rotate: 45, interval: 0, fontSize: 11}},
      yAxis: {type: 'value', name: '综合得分', min: v => Math.max(0, Math.floor(v.min / 10) * 10 - 10), max: 100},
      // one series per tier, overlaid (barGap -100%), each in one colour: ECharts then draws a tier's bars as one shape
      // (large mode) instead of 1,000 styled elements; a unit's bar is in its tier's series, '-' (nothing) in the others
      series: Object.keys(TIER_COLOUR).map((tier, i) => ({type: 'bar', name: fmt.TIER[tier], barMaxWidth: 28, barGap: '-100%',
        large: true, largeThreshold: 200, itemStyle: {color: TIER_COLOUR[tier]},
        data: entries.map(e => (e.tier === tier ? e.score : '-')),
        markArea: i === 0 ? {silent: true, label: {color: '#555', position: 'insideTop'}, data: bands} : undefined})),
    });
  }

  function versionsTable(history, period, shown) {
    if (!history.length) return html`<p class="muted">本月尚未发布。</p>`;
    return html`<table class="grid"><thead><tr><th>版本</th><th>发布时间</th><th>指标体系</th><th class="left">理由</th><th></th></tr></thead><tbody>
      ${history.slice().reverse().map(v => html`<tr><td>第 ${v.version} 版</td><td>${fmt.dateTime(v.publishedAt)}</td>
        <td>${v.systemYear ? v.systemYear + ' 年第 ' + v.systemVersion + ' 版' : '—'}</td><td class="left">${v.reason || (v.version === 1 ? '首次发布' : '')}</td>
        <td>${shown === v.version ? html`<span class="muted">当前显示</span>` : html`<a href="#/rankings/${period}?version=${v.version}">查看</a>`}</td></tr>`)}
    </tbody></table>`;
  }

  async function render(view, params, query) {
    const period = params.period && fmt.isMonth(params.period) ? params.period : await WB.latestMonth();
    if (params.period !== period) {
      WB.go('/rankings/' + period);
      return;
    }
    const categoriesRead = categories(); // in parallel with the ranking's own reads
    // the version history is the committee's; a secretary reads the published ranking itself (404: not published)
    const history = may.countyWide() ? await api.reporting('/rankings/' + period + '/history').catch(() => []) : [];
    const wantLive = query.get('view') === 'live' && may.countyWide();
    const version = query.get('version');
    let body = null;
    let failure = null;
    try {
      if (!wantLive && (history.length || version || !may.countyWide())) {
        body = await api.reporting('/rankings/' + period + '/published' + (version ? '?version=' + encodeURIComponent(version) : ''));
      } else if (may.countyWide()) {
        body = await api.reporting('/rankings/' + period);
      }
    } catch (error) {
      if (!(error.status === 404 && !may.countyWide())) failure = error;
    }
    const cats = await categoriesRead;
    performance.mark('ranking:data'); // what the page's own work after its reads costs: the benchmark prints these marks
    const category = query.get('category') || '';
    const categoryList = [...new Set(Object.values(cats).filter(Boolean))].sort();
    const status = !body ? null : body.status === 'PUBLISHED'
      ? html`<span class="mark published">已发布 · 第 ${body.version} 版</span> <span class="muted">${fmt.dateTime(body.publishedAt)} 发布${history.length && body.version < history[history.length - 1].version ? '（已有更新版本）' : ''}</span>`
      : html`<span class="mark live">实时 · 未发布</span> <span class="muted">随考评数据变化，发布后固定</span>`;
    const published = history.length > 0 || (body && body.status === 'PUBLISHED');
    const [ranked, missing] = body ? rows(body, period, cats, category) : [[], []];

    setHtml(view, html`
      <h2>${fmt.monthText(period)}党建工作考评排名</h2>
      <div class="toolbar no-print">
        <label>月份 <input type="month" id="month" value="${period}"></label>
        ${may.countyWide() && published ? html`<span>${wantLive
          ? html`<a href="#/rankings/${period}">看已发布版本</a>` : html`<a href="#/rankings/${period}?view=live">看实时排名</a>`}</span>` : ''}
        ${categoryList.length ? html`<label>单位类别 <select id="category"><option value="">全部</option>${categoryList.map(c => html`<option ${c === category ? 'selected' : ''}>${c}</option>`)}</select></label>` : ''}
        <span class="spacer"></span>
        ${body ? html`<button type="button" id="csv">导出 CSV</button> <button type="button" id="xlsx">导出 Excel</button>` : ''}
      </div>
      <div class="panel">
        <div class="toolbar"><span id="status">${status}</span>
          ${body ? html`<span class="muted">指标体系 ${body.systemYear} 年第 ${body.systemVersion} 版（自 ${body.effectiveFrom} 起适用）</span>
            <span class="muted">排名 ${body.entries.length} 个单位${(body.notSubmitted || []).length ? '，未报送 ' + body.notSubmitted.length + ' 个' : ''}</span>` : ''}
        </div>
        <div id="export-message"></div>
        ${failure ? problemHtml(failure) : ''}
        ${!body && !failure ? html`<p class="muted">${fmt.monthText(period)}的排名尚未发布。</p>` : ''}
        ${body && body.note ? html`<p class="muted">${body.note}</p>` : ''}
        ${body && body.entries.length ? html`<div id="chart" class="chart" role="img" aria-label="综合得分柱状图（含等次区间）"></div>` : ''}
      </div>
      ${body ? html`<table class="grid ranking" id="ranking"><colgroup><col class="rank"><col class="unit"><col><col><col><col><col><col><col></colgroup><thead><tr><th>名次</th><th class="left">单位</th><th>类别</th><th>综合得分</th><th>名次变化</th><th>等次</th><th>学习完成率</th><th>扣分</th><th>加分</th></tr></thead>
        <tbody>${ranked}${missing}</tbody></table>` : ''}
      ${may.countyWide() ? html`<h3>发布版本</h3><div class="panel">${versionsTable(history, period, body && body.version)}
        ${may.admin() ? html`<div class="no-print" id="publish-box">
          ${published ? html`<p>重新发布将产生第 ${(history.length ? history[history.length - 1].version : body.version) + 1} 版，并向相关单位发出更正通报。请说明理由：</p>
            <textarea id="reason" maxlength="1000" placeholder="例如：某单位评分更正，经工委会议研究重新发布"></textarea>
            <p><button type="button" class="primary" id="publish">重新发布</button></p>`
          : html`<p>发布后排名固定为第 1 版，并发出月度通报及表扬、批评、约谈等通知。月份须已在考评录入中锁定。</p>
            <p><button type="button" class="primary" id="publish">发布${fmt.monthText(period)}排名</button></p>`}
          <div id="publish-message"></div></div>` : ''}</div>` : ''}
    `);

    performance.mark('ranking:html');
    view.querySelector('#month').addEventListener('change', e => { if (fmt.isMonth(e.target.value)) WB.go('/rankings/' + e.target.value); });
    const select = view.querySelector('#category');
    if (select) select.addEventListener('change', () => {
      const q = new URLSearchParams(query);
      if (select.value) q.set('category', select.value); else q.delete('category');
      WB.go('/rankings/' + period + (q.toString() ? '?' + q : ''));
    });
    if (body) {
      const exportMessage = view.querySelector('#export-message');
      const download = (ext, name) => api.download('reporting', '/rankings/' + period + '/bulletin.' + ext, name)
        .then(() => say(exportMessage, ''))
        .catch(error => setHtml(exportMessage, problemHtml(error)));
      view.querySelector('#csv').addEventListener('click', () => download('csv', '考评排名-' + period + '.csv'));
      view.querySelector('#xlsx').addEventListener('click', () => download('xlsx', '考评排名-' + period + '.xlsx'));
      // the chart after the table is in the page: the table is usable at once, the chart follows
      view.addEventListener('wb:shown', () => {
        const chartElement = view.querySelector('#chart');
        performance.mark('ranking:shown');
        if (chartElement) drawChart(chartElement, body.entries.filter(e => !category || cats[e.unitCode] === category));
        performance.mark('ranking:chart');
      });
    }
    const publish = view.querySelector('#publish');
    if (publish) publish.addEventListener('click', async () => {
      const message = view.querySelector('#publish-message');
      const reasonField = view.querySelector('#reason');
      const reason = reasonField ? reasonField.value.trim() : '';
      if (reasonField && !reason) {
        say(message, '重新发布须说明理由。', 'error');
        return;
      }
      publish.disabled = true;
      say(message, '正在发布…');
      try {
        const result = await api.reporting('/rankings/' + period + '/publish', {method: 'POST', body: reasonField ? {reason} : {}});
        say(message, '已发布第 ' + result.version + ' 版，发出通知 ' + result.noticeRequests + ' 份。', 'info');
        WB.go('/rankings/' + period + '?published=' + result.version);
      } catch (error) {
        publish.disabled = false;
        setHtml(message, problemHtml(error));
      }
    });
  }

  WB.page('/rankings/:period?', render, p => (p.period ? fmt.monthText(p.period) : '') + '月度排名');
})();
