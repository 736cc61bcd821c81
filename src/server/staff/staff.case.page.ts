import type { Session } from '../../core/auth/index.ts';
import {
  actionLabels,
  applicantTypes,
  channels,
  consultationKinds,
  deliveryWays,
  idTypeLabel,
  noticeKinds,
  replyCategories,
  requestStates,
  reviewKinds,
  reviewOutcomes,
  type CaseFile,
  type NoticeKind,
  type RequestAction,
} from '../../modules/disclosure/index.ts';
import { auditActorLabel, type AuditNames } from '../audit.labels.ts';
import { html, type Html } from '../html.ts';
import { csrfField } from './staff.pages.ts';

/** The case page: the request, its applicant, its clock day by day, its notices, and a form for each step allowed now. */

const dateField = (name: string, label: string, value: string) => html`<p class="field"><label for="a-${name}">${label}</label><input id="a-${name}" name="${name}" type="date" value="${value}" required></p>`;
const textField = (name: string, label: string, max = 200) => html`<p class="field"><label for="a-${name}">${label}</label><input id="a-${name}" name="${name}" maxlength="${max}" required></p>`;
const area = (name: string, label: string) => html`<p class="field"><label for="a-${name}">${label}</label><textarea id="a-${name}" name="${name}" rows="3" maxlength="2000" required></textarea></p>`;
const select = (name: string, label: string, options: [string, string][], required = true) => html`<p class="field"><label for="a-${name}">${label}</label>
  <select id="a-${name}" name="${name}"${required ? html` required` : ''}>${required ? '' : html`<option value="">(无)</option>`}${options.map(([value, text]) => html`<option value="${value}">${text}</option>`)}</select></p>`;

function actionFields(action: RequestAction, file: CaseFile, today: string): Html {
  const on = dateField('on', '办理日期', today);
  switch (action) {
    case 'request_correction':
      return html`${on}${dateField('correctBy', '补正期限', '')}${area('what', '需补正的内容(一次性告知)')}`;
    case 'consult':
      return html`${on}${select('kind', '征求对象', Object.entries(consultationKinds))}${textField('party', '征求意见对象名称')}`;
    case 'answer_consultation':
      return html`${on}${select('consultationId', '意见征询', file.consultations.filter((c) => !c.answeredOn).map((c) => [String(c.id), `${c.party}(${c.sentOn} 发出,${c.dueOn} 到期)`]))}
        ${select('answer', '意见', [['consent', '同意公开'], ['objection', '不同意公开'], ['silence', '逾期未提出意见(共同制作机关视为同意)']])}`;
    case 'extend':
      return html`${on}<p class="field"><label for="a-days">延长工作日数(最长 20)</label><input id="a-days" name="days" type="number" min="1" max="20" value="20" required></p>
        ${textField('approver', '批准人(政府信息公开工作机构负责人)', 50)}${area('reason', '延期理由')}`;
    case 'send_fee_notice':
      return html`${on}${select('mode', '计费方式', [['per_item', '按件计收'], ['per_volume', '按量计收']])}
        <p class="field"><label for="a-pages">页数(按量计收时填写)</label><input id="a-pages" name="pages" type="number" min="0"></p>`;
    case 'reply': {
      const reasons = Object.values(replyCategories).flatMap((category) => Object.entries(category.reasons as Record<string, string>).map(([code, label]) => [code, `${category.label}:${label}`] as [string, string]));
      return html`${on}${select('category', '答复类型', Object.entries(replyCategories).map(([code, c]) => [code, c.label]))}${select('reason', '具体理由(不予公开、无法提供、不予处理、其他处理时必选)', reasons, false)}${area('basis', '法律依据')}`;
    }
    case 'deliver':
      return html`${on}${select('way', '送达方式', Object.entries(deliveryWays))}`;
    case 'record_review':
      return html`${on}${select('kind', '类别', Object.entries(reviewKinds))}${select('outcome', '结果', Object.entries(reviewOutcomes))}<p class="field"><label for="a-note">备注</label><input id="a-note" name="note" maxlength="1000"></p>`;
    default:
      return on;
  }
}

/** `names`: who the staff in the timeline are (user:2 is shown as 孙经办(经办人员), the code kept in its title). */
export function casePageBody(session: Session, file: CaseFile, notices: { eventId: number; kind: NoticeKind; on: string }[], today: string, problem: string | null, names?: Pick<AuditNames, 'users'>): Html {
  const { request, applicant, clock } = file;
  const state = clock?.state;
  return html`<h1>依申请公开:${request.trackingCode}</h1>
  ${problem ? html`<p role="alert" class="alert">${problem}</p>` : ''}
  <table class="meta">
    <tr><th scope="row">状态</th><td class="state">${requestStates[request.state]}</td></tr>
    <tr><th scope="row">受理机关</th><td>${request.agencyName}</td></tr>
    <tr><th scope="row">申请渠道</th><td>${channels[request.channel]};提交 ${request.submittedOn},收到 ${request.receivedOn}${request.registeredLate ? html` <span class="overdue">(超过 2 个工作日才录入)</span>` : ''}</td></tr>
    <tr><th scope="row">所需信息</th><td>${request.description}</td></tr>
    <tr><th scope="row">答复期限</th><td>${state ? html`${state.due ?? '暂停计时'}${state.estimated ? '(估算:所跨年份的节假日安排尚未载入)' : ''};已用 ${state.used} / ${state.limit} 个工作日${state.overdue ? html` <span class="overdue">已逾期</span>` : ''}` : ''}</td></tr>
    ${request.replyCategory ? html`<tr><th scope="row">答复</th><td>${replyCategories[request.replyCategory as keyof typeof replyCategories]?.label ?? ''}(${request.repliedOn ?? request.closedOn ?? ''});依据:${request.replyBasis ?? ''}</td></tr>` : ''}
  </table>
  <h2>申请人</h2>
  ${applicant
    ? html`<table class="meta">
    <tr><th scope="row">类型</th><td>${applicantTypes[request.applicantType as keyof typeof applicantTypes] ?? request.applicantType}</td></tr>
    <tr><th scope="row">姓名或名称</th><td>${applicant.name}</td></tr>
    <tr><th scope="row">证件</th><td>${[idTypeLabel(applicant.idType), applicant.idNumber, applicant.organisationCode].filter(Boolean).join(' ')}</td></tr>
    <tr><th scope="row">联系方式</th><td>${[applicant.phone, applicant.email, applicant.address].filter(Boolean).join(';')}</td></tr>
  </table>
  ${file.otherRequests.length > 0
    ? html`<p>该申请人的其他申请(${file.otherRequests.length} 件):</p><ul>${file.otherRequests.map((other) => html`<li>${other.receivedOn} ${other.trackingCode} ${other.agencyName} ${requestStates[other.state]}</li>`)}</ul>`
    : html`<p class="muted">该申请人没有其他申请。</p>`}`
    : html`<p class="muted">申请人信息只向受理机关的工作人员显示(类型:${applicantTypes[request.applicantType as keyof typeof applicantTypes] ?? request.applicantType})。</p>`}
  ${file.actions.length > 0
    ? html`<h2>办理</h2><div class="actions">${file.actions.map(
        (action) => html`<details><summary>${actionLabels[action]}</summary>
          <form method="post" action="/staff/requests/${request.id}/${action}">${csrfField(session)}${actionFields(action, file, today)}<p><button type="submit">${actionLabels[action]}</button></p></form></details>`,
      )}</div>`
    : ''}
  <h2>文书</h2>
  <ul>${notices.map((n) => html`<li>${n.on} ${noticeKinds[n.kind]}${applicant ? html`:<a href="/staff/requests/${request.id}/notices/${n.eventId}">查看、打印</a> | <a href="/staff/requests/${request.id}/notices/${n.eventId}.pdf">PDF</a>` : ''}</li>`)}</ul>
  <h2>办理记录</h2>
  <ol class="timeline">${file.events.map((event) => html`<li>${event.onDate} ${actionLabels[event.action as RequestAction] ?? '收到申请'}(<span title="${event.actor}">${auditActorLabel(event.actor, names)}</span>,${event.at})${event.publicNote ? html`:${event.publicNote}` : ''}</li>`)}</ol>
  ${clock
    ? html`<h2>期限计算</h2>
      <ul>${clock.limits.map((limit) => html`<li>${limit.label}(${limit.source})</li>`)}</ul>
      <details><summary>逐日明细</summary><table><thead><tr><th scope="col">日期</th><th scope="col">计入</th><th scope="col">说明</th></tr></thead>
        <tbody>${clock.days.map((day) => html`<tr><td>${day.date}</td><td>${day.count ?? ''}</td><td>${day.note}</td></tr>`)}</tbody></table></details>`
    : ''}`;
}
