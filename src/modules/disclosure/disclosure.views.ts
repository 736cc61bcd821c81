import type { Agency } from '../agencies/index.ts';
import { html, queryString, type Html } from '../../server/html.ts';
import { idTypes } from './disclosure.identity.rules.ts';
import { reportColumnLabels, type AnnualReport } from './disclosure.report.queries.ts';
import type { Tracking } from './disclosure.service.ts';
import { applicantTypes, deliveryForms, deliveryWays } from './disclosure.types.ts';

/** The public side of disclosure on request: the guide, the form, the tracking page. No account needed. */

export const guideBody = html`<h1>依申请公开</h1>
<p>公民、法人或者其他组织可以向行政机关申请获取政府信息(《中华人民共和国政府信息公开条例》第二十七条)。提交后会得到一个<strong>查询码</strong>,凭查询码即可查看办理进度,无需注册。</p>
<ul>
  <li>行政机关自收到申请之日起 20 个工作日内答复;需要延长的,经政府信息公开工作机构负责人同意并告知申请人,延长期限最长不超过 20 个工作日(第三十三条)。</li>
  <li>申请内容不明确的,行政机关在收到申请之日起 7 个工作日内一次性告知补正;答复期限自收到补正的申请之日起计算(第三十条)。</li>
  <li>征求第三方和其他机关意见所需时间不计算在答复期限内(第三十三条)。</li>
  <li>行政机关依申请提供政府信息,原则上不收费;申请数量、频次明显超过合理范围的,可以收取信息处理费(第四十二条)。</li>
</ul>
<p><a class="button" href="/requests/new">提交申请</a> <a href="/requests/track">查询办理进度</a> <a href="/requests/report">年度报告:依申请公开情况</a></p>`;

export type FormValues = Record<string, string>;

const field = (name: string, label: string, values: FormValues, options: { required?: boolean; type?: string; hint?: string; max?: number } = {}) => html`
  <p class="field"><label for="f-${name}">${label}${options.required ? html` <span aria-hidden="true">*</span>` : ''}</label>
  <input id="f-${name}" name="${name}" type="${options.type ?? 'text'}" value="${values[name] ?? ''}"${options.required ? html` required aria-required="true"` : ''} maxlength="${options.max ?? 100}"${options.hint ? html` aria-describedby="f-${name}-hint"` : ''}>
  ${options.hint ? html`<span id="f-${name}-hint" class="muted">${options.hint}</span>` : ''}</p>`;

const choice = (name: string, label: string, choices: Record<string, string>, values: FormValues) => html`
  <p class="field"><label for="f-${name}">${label} <span aria-hidden="true">*</span></label>
  <select id="f-${name}" name="${name}" required aria-required="true">
    <option value="">请选择</option>
    ${Object.entries(choices).map(([value, text]) => html`<option value="${value}"${values[name] === value ? html` selected` : ''}>${text}</option>`)}
  </select></p>`;

/** The identity document's type: a list, resident identity card first and chosen unless another is. */
const idTypeChoice = (values: FormValues) => html`
  <p class="field"><label for="f-idType">证件类型</label>
  <select id="f-idType" name="idType" aria-describedby="f-idType-hint">
    ${Object.entries(idTypes).map(([value, text]) => html`<option value="${value}"${(values.idType || 'resident_id') === value ? html` selected` : ''}>${text}</option>`)}
  </select>
  <span id="f-idType-hint" class="muted">自然人填写身份证件;号码按所选证件的规则校验(如居民身份证的校验位)</span></p>`;

/** The request form; staff registering a letter get the channel and dates too (`staff`), and post elsewhere. */
export function requestFormBody(agencies: Agency[], values: FormValues, problems: string[], staff?: { action: string; hidden: Html; fields: Html }): Html {
  return html`<h1>${staff ? '登记线下收到的申请' : '提交政府信息公开申请'}</h1>
  ${problems.length > 0
    ? html`<div role="alert" class="alert" tabindex="-1" id="problems"><h2>申请未提交,请修改以下内容:</h2><ul>${problems.map((p) => html`<li>${p}</li>`)}</ul></div>`
    : ''}
  <p class="muted">带 * 的为必填项。申请人的身份和联系方式只有受理机关的工作人员能看到。</p>
  <form method="post" action="${staff?.action ?? '/requests'}" class="request-form" novalidate>${staff?.hidden ?? ''}
    ${staff?.fields ?? ''}
    <fieldset><legend>受理机关</legend>
      <p class="field"><label for="f-agencyId">向哪个机关申请 <span aria-hidden="true">*</span></label>
      <select id="f-agencyId" name="agencyId" required aria-required="true"><option value="">请选择</option>
        ${agencies.map((a) => html`<option value="${a.id}"${values.agencyId === String(a.id) ? html` selected` : ''}>${a.name}</option>`)}
      </select></p>
    </fieldset>
    <fieldset><legend>申请人信息</legend>
      ${choice('applicantType', '申请人类型', { natural_person: '自然人', commercial: '法人或其他组织:商业企业', research: '法人或其他组织:科研机构', public_interest: '法人或其他组织:社会公益组织', legal_service: '法人或其他组织:法律服务机构', other_organisation: '法人或其他组织:其他' } satisfies Record<keyof typeof applicantTypes, string>, values)}
      ${field('name', '姓名或名称', values, { required: true })}
      ${idTypeChoice(values)}
      ${field('idNumber', '证件号码', values, { hint: '自然人必填', max: 40 })}
      ${field('organisationCode', '统一社会信用代码', values, { hint: '法人或其他组织必填', max: 30 })}
      ${field('legalRepresentative', '法定代表人', values)}
      ${field('contactPerson', '联系人', values)}
      ${field('phone', '联系电话', values, { type: 'tel', max: 30 })}
      ${field('email', '电子邮箱', values, { type: 'email' })}
      <p class="field checkbox"><input id="f-notifyByEmail" name="notifyByEmail" type="checkbox"${values.notifyByEmail === 'on' ? html` checked` : ''} aria-describedby="f-notifyByEmail-hint">
      <label for="f-notifyByEmail">办理有进展时发邮件通知我</label>
      <span id="f-notifyByEmail-hint" class="muted">须填写电子邮箱;邮件只含办理进展和查询页面链接</span></p>
      ${field('address', '通信地址', values, { max: 200, hint: '电话、电子邮箱、通信地址至少填写一项' })}
    </fieldset>
    <fieldset><legend>所需信息</legend>
      <p class="field"><label for="f-description">所需政府信息的名称、文号或者便于查询的其他特征性描述 <span aria-hidden="true">*</span></label>
      <textarea id="f-description" name="description" rows="6" maxlength="5000" required aria-required="true">${values.description ?? ''}</textarea></p>
      ${choice('deliveryForm', '信息的提供形式', deliveryForms, values)}
      ${choice('deliveryWay', '获取信息的方式', deliveryWays, values)}
    </fieldset>
    <p><button type="submit">提交申请</button></p>
  </form>`;
}

export function trackLookupBody(code: string, notFound: boolean): Html {
  return html`<h1>查询办理进度</h1>
  ${notFound ? html`<p role="alert">没有找到查询码为「${code}」的申请,请核对后重试。</p>` : ''}
  <form method="get" action="/requests/track">
    <p class="field"><label for="f-code">查询码</label>
    <input id="f-code" name="code" value="${code}" maxlength="40" autocomplete="off" placeholder="如 YSQ2K7M9Q4XWH3P8"> <button type="submit">查询</button></p>
  </form>`;
}

export function trackingBody(tracking: Tracking, submitted: boolean): Html {
  const letterPath = `/requests/track/${encodeURIComponent(tracking.trackingCode)}`;
  return html`<h1>申请办理进度</h1>
  ${submitted
    ? html`<div role="status" class="notice"><p><strong>申请已提交。</strong>请记下查询码 <strong class="code">${tracking.trackingCode}</strong>,凭它随时查看办理进度。</p></div>`
    : ''}
  <table class="meta">
    <tr><th scope="row">查询码</th><td>${tracking.trackingCode}</td></tr>
    <tr><th scope="row">受理机关</th><td>${tracking.agencyName}</td></tr>
    <tr><th scope="row">收到申请日期</th><td>${tracking.receivedOn}</td></tr>
    <tr><th scope="row">办理状态</th><td>${tracking.state}</td></tr>
    ${tracking.dueOn
      ? html`<tr><th scope="row">答复期限</th><td>${tracking.dueOn} 前(按法定工作日计算)${tracking.dueEstimated ? html`<br><span class="muted">该期限跨入尚未公布节假日安排的年份,暂按周末估算,以受理机关告知为准。</span>` : ''}</td></tr>`
      : ''}
    ${tracking.reply ? html`<tr><th scope="row">答复结果</th><td>${tracking.reply}</td></tr>` : ''}
    ${tracking.letter
      ? html`<tr><th scope="row">答复书</th><td>${tracking.letter.documentNumber ?? ''} <a href="${letterPath}/letter">查看、打印</a> | <a href="${letterPath}/letter.pdf">PDF</a></td></tr>`
      : ''}
    ${tracking.given ? html`<tr><th scope="row">提供方式</th><td>${tracking.given.delivery}</td></tr>` : ''}
  </table>
  ${tracking.given?.online && (tracking.given.content || tracking.given.file)
    ? html`<section class="given"><h2>公开的信息</h2>
      ${tracking.given.content ? html`<div class="given-content">${tracking.given.content.split(/\r?\n/).filter((line) => line.trim()).map((line) => html`<p>${line}</p>`)}</div>` : ''}
      ${tracking.given.file ? html`<p>附件:<a href="${letterPath}/file" download>${tracking.given.file.name}</a>(${Math.max(1, Math.round(tracking.given.file.size / 1024))} KB)</p>` : ''}
      </section>`
    : ''}
  <h2>办理记录</h2>
  <ol class="timeline">${tracking.steps.map((step) => html`<li><time datetime="${step.on}">${step.on}</time> ${step.note}</li>`)}</ol>
  <p class="muted no-print">为保护申请人,本页不显示申请人信息和申请内容;答复书和公开的信息只向持有查询码的人提供,请勿将查询码告诉他人。</p>`;
}

export function reportBody(report: AnnualReport, agencies: Agency[], agencyId: number | undefined): Html {
  const query = (extra: Record<string, string | number | undefined>) => queryString({ year: report.year, agency: agencyId, ...extra });
  return html`<h1>${report.year} 年政府信息公开工作年度报告:依申请公开情况</h1>
  <form method="get" action="/requests/report" class="no-print">
    <p class="field"><label for="r-year">年份</label><input id="r-year" name="year" type="number" min="2008" max="2100" value="${report.year}"></p>
    <p class="field"><label for="r-agency">机关</label><select id="r-agency" name="agency"><option value="">全部机关</option>
      ${agencies.map((a) => html`<option value="${a.id}"${agencyId === a.id ? html` selected` : ''}>${a.name}</option>`)}</select></p>
    <p><button type="submit">查看</button> <a href="/requests/report.csv${query({})}" download>下载 CSV</a></p>
  </form>
  <h2>收到和处理政府信息公开申请情况(${report.scope})</h2>
  <div class="table-scroll"><table class="report">
    <caption class="visually-hidden">${report.scope} ${report.year} 年收到和处理政府信息公开申请情况,按申请人类型</caption>
    <thead><tr><th scope="col">项目</th>${reportColumnLabels.map((label) => html`<th scope="col">${label}</th>`)}</tr></thead>
    <tbody>${report.requests.map((row) => html`<tr class="level-${row.level}"><th scope="row">${row.label}</th>${row.cells.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody>
  </table></div>
  <h2>政府信息公开行政复议、行政诉讼情况</h2>
  <table class="report">
    <thead><tr><th scope="col">类别</th>${report.reviews.columns.map((label) => html`<th scope="col">${label}</th>`)}</tr></thead>
    <tbody>${report.reviews.rows.map((row) => html`<tr><th scope="row">${row.label}</th>${row.cells.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody>
  </table>
  <p class="muted">本年度办理结果按答复(或因申请人逾期不补正、不缴费而终止)的日期计入;新收申请数 + 上年结转数 = 办理结果总计 + 结转下年度数。</p>`;
}
