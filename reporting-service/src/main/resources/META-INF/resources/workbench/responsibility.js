/* 责任清单 on the unit card (issue 16.3): the year's items of the unit, the 机关党委 and each branch with their status; the
   unit's secretary (or the committee) checks an open item off with evidence (assessment-service). */
'use strict';
(() => {
  const {html, setHtml, api, may, problemHtml, say} = WB;
  const LEVEL = {UNIT: '单位（党组）', ORGANS_COMMITTEE: '机关党委', BRANCH: '党支部'};

  function mayCheckOff(unit) {
    return may.admin() || (may.secretary() && WB.user().unitCode === unit);
  }

  /** Renders the unit's 责任清单 of {@code year} into {@code element}. */
  async function responsibilityList(element, unit, year) {
    let items;
    try {
      items = await api.assessment('/responsibility-items?unitCode=' + encodeURIComponent(unit) + '&year=' + year);
    } catch (error) {
      setHtml(element, problemHtml(error));
      return;
    }
    if (!items.length) {
      setHtml(element, html`<p class="muted">${year} 年尚未建立责任清单。</p>`);
      return;
    }
    const today = WB.fmt.today();
    const writer = mayCheckOff(unit);
    const done = items.filter(i => i.status === 'DONE').length;
    setHtml(element, html`<p>共 ${items.length} 项，已完成 ${done} 项。</p>
      <table class="grid" id="duty-items"><thead><tr><th class="left">清单</th><th>职责</th><th>责任人</th><th class="left">内容</th><th>时限</th><th>状态</th><th class="left">佐证</th><th></th></tr></thead><tbody>
      ${items.map(i => html`<tr class="${i.status !== 'DONE' && i.dueDate < today ? 'overdue' : ''}"><td class="left">${LEVEL[i.level] || i.level}</td>
        <td>${i.dutyLabel}</td><td>${i.responsibleMemberName || i.responsibleMemberId}</td><td class="left">${i.content}</td><td>${i.dueDate}</td>
        <td>${i.status === 'DONE' ? html`<span class="mark closed">已完成 ${i.doneOn}</span>` : i.dueDate < today ? html`<span class="mark overdue">已到期未完成</span>` : '进行中'}</td>
        <td class="left">${i.evidence || ''}</td>
        <td>${i.status !== 'DONE' && writer ? html`<button type="button" class="check-off" data-item="${i.itemId}">完成</button>` : ''}</td></tr>`)}
      </tbody></table>
      <div id="duty-dialog" class="dialog" hidden>
        <p id="duty-what"></p>
        <label>完成情况及佐证（必填）<textarea id="duty-evidence" maxlength="2000"></textarea></label>
        <label>完成日期 <input type="date" id="duty-date" value="${today}" max="${today}"></label>
        <p><button type="button" class="primary" id="duty-save">确认完成</button> <button type="button" id="duty-cancel">取消</button></p>
        <div id="duty-message"></div>
      </div>`);
    let current = null;
    const dialog = element.querySelector('#duty-dialog');
    element.querySelector('#duty-items').addEventListener('click', e => {
      const button = e.target.closest('button.check-off');
      if (!button) return;
      current = items.find(i => i.itemId === button.dataset.item);
      setHtml(element.querySelector('#duty-what'), html`完成：${current.content}（时限 ${current.dueDate}）`);
      say(element.querySelector('#duty-message'), '');
      dialog.hidden = false;
      element.querySelector('#duty-evidence').focus();
    });
    element.querySelector('#duty-cancel').addEventListener('click', () => { dialog.hidden = true; current = null; });
    element.querySelector('#duty-save').addEventListener('click', async () => {
      const message = element.querySelector('#duty-message');
      const evidence = element.querySelector('#duty-evidence').value.trim();
      if (!evidence) {
        say(message, '须写明完成情况及佐证。', 'error');
        return;
      }
      try {
        await api.assessment('/responsibility-items/' + encodeURIComponent(current.itemId) + '/check-off', {method: 'POST',
          body: {evidence, doneOn: element.querySelector('#duty-date').value || null}});
        await responsibilityList(element, unit, year);
      } catch (error) {
        setHtml(message, problemHtml(error));
      }
    });
  }

  WB.responsibilityList = responsibilityList;
})();
