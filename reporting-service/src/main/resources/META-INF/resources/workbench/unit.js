/* 2 单位考评卡: radar against the county mean, 12-month trend, indicators with basis and the records behind each number. */
'use strict';
(() => {
  const {html, setHtml, api, fmt, may, problemHtml} = WB;
  const KIND = {MANUAL: '评分', STUDY_RATE: '学习完成率', EXAM_PASS_RATE: '考试合格率', PLATFORM_POINTS: '学习强国积分', RESPONSIBILITY_LIST: '责任清单完成率'};

  function evidenceList(items) {
    if (!items || !items.length) return html`<p class="muted">没有记录。</p>`;
    return html`<table class="grid"><thead><tr><th class="left">内容</th><th>业务日期</th><th>记录时间</th><th>录入人</th><th>来源系统</th></tr></thead><tbody>
      ${items.map(e => html`<tr><td class="left">${e.what || e.eventId}${e.late ? html`<br><span class="mark not-submitted">${e.late}</span>` : ''}</td>
        <td>${e.on || '—'}</td><td>${fmt.dateTime(e.recordedAt)}</td><td>${e.by || '—'}</td><td>${e.source || '—'}</td></tr>`)}
    </tbody></table>`;
  }

  function indicatorRows(card) {
    const out = [];
    card.dimensions.forEach(d => d.indicators.forEach((i, n) => {
      const id = 'ev-' + d.code + '-' + i.code;
      out.push(html`<tr>
        ${n === 0 ? html`<td rowspan="${d.indicators.length}" class="left">${d.name}</td><td rowspan="${d.indicators.length}">${fmt.number(d.weight, 0)}</td>
          <td rowspan="${d.indicators.length}">${fmt.number(d.score)}</td>` : ''}
        <td class="left">${i.name}</td><td>${KIND[i.kind] || i.kind}</td><td>${fmt.number(i.maxPoints, 0)}</td><td>${fmt.number(i.score)}</td>
        <td class="left">${i.basis || ''}</td>
        <td>${(i.evidence || []).length ? html`<button type="button" class="drill" data-target="${id}">明细 ${i.evidence.length}</button>` : html`<span class="muted">无</span>`}</td></tr>
        <tr class="evidence" id="${id}" hidden><td colspan="9">${evidenceList(i.evidence)}</td></tr>`);
    }));
    return out;
  }

  function adjustments(title, items) {
    if (!items || !items.length) return '';
    return html`<h3>${title}</h3><table class="grid"><thead><tr><th>分值</th><th>来源</th><th class="left">内容</th><th>业务日期</th><th>记录时间</th><th>录入人</th></tr></thead><tbody>
      ${items.map(a => html`<tr><td>${fmt.number(a.points, 1)}</td><td>${a.source || (a.evidence && a.evidence.source) || '—'}</td>
        <td class="left">${(a.evidence && a.evidence.what) || a.id}</td><td>${(a.evidence && a.evidence.on) || '—'}</td>
        <td>${fmt.dateTime(a.evidence && a.evidence.recordedAt)}</td><td>${(a.evidence && a.evidence.by) || '—'}</td></tr>`)}</tbody></table>`;
  }

  function drawRadar(element, card, means) {
    const meanByCode = {};
    (means ? means.dimensions : []).forEach(d => { meanByCode[d.code] = d.mean; });
    const series = [{value: card.dimensions.map(d => Number(d.score.toFixed(2))), name: card.unitName || card.unitCode,
      areaStyle: {color: 'rgba(183,28,28,0.12)'}, lineStyle: {color: '#b71c1c'}, itemStyle: {color: '#b71c1c'}}];
    if (means && means.units) {
      series.push({value: card.dimensions.map(d => meanByCode[d.code] ?? 0), name: '全县平均（' + means.units + ' 个单位）',
        lineStyle: {color: '#5b6b7a', type: 'dashed'}, itemStyle: {color: '#5b6b7a'}});
    }
    WB.chart(element, {
      legend: {bottom: 0},
      tooltip: {},
      radar: {indicator: card.dimensions.map(d => ({name: d.name + '（' + fmt.number(d.weight, 0) + '%）', max: 100})), radius: '62%'},
      series: [{type: 'radar', data: series}],
    });
  }

  /** Twelve months up to the card's month on the axis; a month without data (no system yet, unit not registered) is a gap. */
  function drawTrend(element, known, period) {
    const months = [];
    for (let i = 11; i >= 0; i--) months.push(fmt.addMonths(period, -i));
    const byMonth = {};
    known.forEach(p => { byMonth[p.period] = p; });
    const points = months.map(m => byMonth[m] || {period: m, score: null, rank: null, tier: null, published: false, missing: true});
    WB.chart(element, {
      legend: {bottom: 0},
      tooltip: {trigger: 'axis', formatter: items => {
        const p = points[items[0].dataIndex];
        if (p.missing) return WB.esc(fmt.monthText(p.period)) + '<br>无考评数据';
        return WB.esc(fmt.monthText(p.period)) + (p.published ? '（已发布）' : '（实时）') + '<br>' + (p.score === null ? '未报送'
          : '得分 ' + fmt.number(p.score) + ' · 第 ' + p.rank + ' 名 · ' + (fmt.TIER[p.tier] || ''));
      }},
      grid: {left: 50, right: 50, top: 30, bottom: 50},
      xAxis: {type: 'category', data: months},
      yAxis: [{type: 'value', name: '得分', max: 100, min: v => Math.max(0, Math.floor(v.min / 10) * 10 - 10)},
        {type: 'value', name: '名次', inverse: true, minInterval: 1, min: 1}],
      series: [
        {type: 'line', name: '综合得分', data: points.map(p => p.score), connectNulls: false, itemStyle: {color: '#b71c1c'}},
        {type: 'line', name: '名次', yAxisIndex: 1, data: points.map(p => p.rank), connectNulls: false, itemStyle: {color: '#5b6b7a'}, lineStyle: {type: 'dashed'}},
      ],
    });
  }

  const ACTIVITY = {WEEKLY_STUDY: '周学', MONTHLY_DISCUSSION: '月谈', QUARTERLY_LECTURE: '季讲', EXAM: '期考', ANNUAL_REVIEW: '年评',
    BRANCH_ASSEMBLY: '支部党员大会', BRANCH_COMMITTEE: '支部委员会', GROUP_MEETING: '党小组会', PARTY_LECTURE: '党课', THEME_DAY: '主题党日',
    ORGANISATION_LIFE_MEETING: '组织生活会', HEART_TO_HEART_TALK: '谈心谈话', MEMBER_DEMOCRATIC_REVIEW: '民主评议党员', CENTRAL_GROUP_STUDY: '理论中心组学习'};

  function flatten(nodes, depth = 0, out = []) {
    (nodes || []).forEach(n => { out.push({...n, depth}); flatten(n.children, depth + 1, out); });
    return out;
  }

  /** The month's study records of the unit by party organisation, and the members behind them (from assessment-service). */
  async function studyByBranch(element, unit, period) {
    const enc = encodeURIComponent(unit);
    try {
      const [tree, members, completions] = await Promise.all([
        api.assessment('/units/' + enc + '/organizations'),
        api.assessment('/members?unitCode=' + enc + '&active=true'),
        api.assessment('/study/completions?unitCode=' + enc + '&period=' + period),
      ]);
      const byMember = {};
      completions.forEach(c => {
        const m = byMember[c.memberId] || (byMember[c.memberId] = {});
        m[c.activityType] = (m[c.activityType] || 0) + 1;
      });
      const types = [...new Set(completions.map(c => c.activityType))].sort();
      const branches = flatten(tree).map(o => ({org: o, members: members.filter(m => m.organizationId === o.organizationId)}))
        .filter(b => b.members.length);
      const unplaced = members.filter(m => !branches.some(b => b.org.organizationId === m.organizationId));
      if (unplaced.length) branches.push({org: {name: '未编入组织', depth: 0}, members: unplaced});
      const count = (m, t) => (byMember[m.memberId] || {})[t] || 0;
      setHtml(element, branches.length ? branches.map(b => {
        const studied = b.members.filter(m => byMember[m.memberId]).length;
        return html`<details class="branch"><summary>${'　'.repeat(b.org.depth)}${b.org.name}：党员 ${b.members.length} 名，本月有学习记录 ${studied} 名
          （${fmt.percent(studied / b.members.length)}）${types.map(t => html`，${ACTIVITY[t] || t} ${b.members.reduce((s, m) => s + count(m, t), 0)} 次`)}</summary>
          <table class="grid"><thead><tr><th class="left">党员</th>${types.map(t => html`<th>${ACTIVITY[t] || t}</th>`)}</tr></thead><tbody>
          ${b.members.map(m => html`<tr class="${byMember[m.memberId] ? '' : 'not-submitted'}"><td class="left">${m.name}（${m.memberId}）</td>
            ${types.map(t => html`<td>${count(m, t) || ''}</td>`)}</tr>`)}</tbody></table></details>`;
      }) : html`<p class="muted">没有党员名册。</p>`);
    } catch (error) {
      setHtml(element, problemHtml(error));
    }
  }

  /** Issue 16.2: the unit's party branches in the quarter's branch ranking (published, else live): three figures and tier. */
  async function branchesOfUnit(element, unit, period) {
    const quarter = period.slice(0, 4) + '-Q' + (Math.floor((Number(period.slice(5, 7)) - 1) / 3) + 1);
    try {
      const ranking = await api.reporting('/units/' + encodeURIComponent(unit) + '/branches/' + quarter);
      setHtml(element, ranking.entries.length ? html`<p class="muted">${quarter} 支部考评（${ranking.status === 'PUBLISHED' ? '已发布第 ' + ranking.version + ' 版' : '实时'}，
          全县参评支部 ${ranking.branchesRanked} 个）</p>
        <table class="grid" id="branches"><thead><tr><th class="left">党支部</th><th>名次</th><th>组织生活开展率</th><th>学习完成率</th>
          <th>测试合格率</th><th>得分</th><th>等次</th></tr></thead><tbody>
        ${ranking.entries.map(b => html`<tr class="${b.tier ? 'tier-' + b.tier : 'not-submitted'}"><td class="left">${b.branchName || b.branchId}</td>
          <td>${b.rank || '—'}</td><td>${b.meetingRegularity == null ? '—' : fmt.percent(b.meetingRegularity)}（${b.meetings}）</td>
          <td>${b.studyCompletion == null ? '—' : fmt.percent(b.studyCompletion)}（${b.study}）</td>
          <td>${b.examPassRate == null ? '—' : fmt.percent(b.examPassRate)}（${b.exams}）</td>
          <td>${b.score == null ? '—' : fmt.number(b.score)}</td><td class="tier">${b.tierLabel}</td></tr>`)}</tbody></table>`
        : html`<p class="muted">本单位没有党支部。</p>`);
    } catch (error) {
      setHtml(element, problemHtml(error));
    }
  }

  async function render(view, params) {
    const unit = params.unit;
    if (!may.unit(unit)) {
      // a secretary asks only for its own unit; another unit's card is answered as one that does not exist
      setHtml(view, html`<h2>单位考评卡</h2><p>没有找到该单位的考评卡。</p>`);
      return;
    }
    const period = params.period && fmt.isMonth(params.period) ? params.period : await WB.latestMonth();
    if (params.period !== period) {
      WB.go('/units/' + encodeURIComponent(unit) + '/' + period);
      return;
    }
    const enc = encodeURIComponent(unit);
    const year = period.slice(0, 4);
    const [card, means, trend, items, pledges] = await Promise.all([
      api.reporting('/units/' + enc + '/scorecard/' + period),
      api.reporting('/rankings/' + period + '/dimension-means').catch(() => null),
      api.reporting('/units/' + enc + '/trend?from=' + fmt.addMonths(period, -11) + '&to=' + period).catch(error => error),
      api.assessment('/rectification-items?unitCode=' + enc).catch(error => error),
      api.reporting('/years/' + year + '/pledges/' + enc).catch(error => error),
    ]);
    const editPledges = may.admin() || (may.secretary() && WB.user().unitCode === unit);
    const point = Array.isArray(trend) ? trend.find(p => p.period === period) : null;
    const openItems = Array.isArray(items) ? items.filter(i => i.status !== 'CLOSED') : null;
    setHtml(view, html`
      <h2>${card.unitName || card.unitCode} · ${fmt.monthText(period)}考评卡</h2>
      <div class="toolbar no-print"><label>月份 <input type="month" id="month" value="${period}"></label>
        ${may.countyWide() ? html`<a href="#/rankings/${period}">返回月度排名</a>` : ''}</div>
      <div class="panel figures">
        <div>综合得分<b>${card.submitted ? fmt.number(card.composite) : html`<span class="mark not-submitted">${card.label || '未报送'}</span>`}</b></div>
        <div>名次<b>${point && point.rank ? point.rank : '—'}</b><span class="muted">${point ? (point.published ? '已发布' : '实时') : ''}</span></div>
        <div>等次<b>${point && point.tier ? fmt.TIER[point.tier] : '—'}</b></div>
        <div>学习完成率<b>${fmt.percent(card.completionRate)}</b></div>
        <div>加分 / 扣分<b>${fmt.number(card.bonuses, 1)} / ${fmt.number(card.deductions, 1)}</b></div>
        <div class="muted">指标体系 ${card.systemYear} 年第 ${card.systemVersion} 版</div>
      </div>
      <div class="columns">
        <div class="panel"><h3>各项指标得分与全县平均</h3><div id="radar" class="chart" role="img" aria-label="雷达图"></div></div>
        <div class="panel"><h3>近 12 个月得分与名次</h3>${Array.isArray(trend)
          ? html`<div id="trend" class="chart" role="img" aria-label="趋势图"></div>` : problemHtml(trend)}</div>
      </div>
      <h3>指标明细</h3>
      <table class="grid" id="indicators"><thead><tr><th class="left">一级指标</th><th>权重</th><th>得分</th><th class="left">二级指标</th><th>类型</th><th>分值</th><th>得分</th><th class="left">计分依据</th><th>记录</th></tr></thead>
        <tbody>${indicatorRows(card)}</tbody></table>
      ${adjustments('加分', card.bonusItems)}
      ${adjustments('扣分', card.deductionItems)}
      ${card.lateRecords && card.lateRecords.count ? html`<h3>迟报记录（${card.lateRecords.count} 条，未计入 ${card.lateRecords.notCounted} 条）</h3>${evidenceList(card.lateRecords.items)}` : ''}
      <h3>${year} 年度公开承诺及兑现情况</h3>
      ${pledges && Array.isArray(pledges.pledges) ? WB.pledges.table(pledges, editPledges) : problemHtml(pledges)}
      <h3>党支部季度考评</h3>
      <div id="branches-of-unit" class="panel"><span class="muted">正在加载…</span></div>
      <h3>本月学习记录（按党组织）</h3>
      <div id="study" class="panel"><span class="muted">正在加载…</span></div>
      <h3>${period.slice(0, 4)} 年责任清单</h3>
      <div id="duties" class="panel"><span class="muted">正在加载…</span></div>
      <h3>未销号整改事项</h3>
      ${openItems === null ? problemHtml(items) : !openItems.length ? html`<p class="muted">没有未销号的整改事项。</p>`
        : html`<table class="grid"><thead><tr><th class="left">问题</th><th>整改期限</th><th>状态</th></tr></thead><tbody>
          ${openItems.map(i => html`<tr class="${i.status === 'OVERDUE' ? 'overdue' : ''}"><td class="left">${i.description}</td><td>${i.deadline}</td>
            <td>${i.status === 'OVERDUE' ? html`<span class="mark overdue">已逾期</span>` : i.status === 'SUBMITTED' ? html`<span class="mark submitted">待确认</span>` : '整改中'}${i.returnReason ? html`<br><span class="muted">退回：${i.returnReason}</span>` : ''}</td></tr>`)}</tbody></table>
          <p><a href="#/rectification">到整改台账销号</a></p>`}
    `);
    if (pledges && Array.isArray(pledges.pledges)) WB.pledges.wire(view, year, unit, editPledges);
    view.querySelector('#month').addEventListener('change', e => { if (fmt.isMonth(e.target.value)) WB.go('/units/' + enc + '/' + e.target.value); });
    view.querySelector('#indicators').addEventListener('click', e => {
      const button = e.target.closest('button.drill');
      if (!button) return;
      const row = view.querySelector('#' + CSS.escape(button.dataset.target));
      row.hidden = !row.hidden;
    });
    studyByBranch(view.querySelector('#study'), unit, period);
    WB.responsibilityList(view.querySelector('#duties'), unit, period.slice(0, 4));
    branchesOfUnit(view.querySelector('#branches-of-unit'), unit, period);
    view.addEventListener('wb:shown', () => {
      drawRadar(view.querySelector('#radar'), card, means);
      if (Array.isArray(trend)) drawTrend(view.querySelector('#trend'), trend, period);
    });
  }

  WB.page('/units/:unit/:period?', render, p => '单位考评卡 ' + p.unit);
})();
