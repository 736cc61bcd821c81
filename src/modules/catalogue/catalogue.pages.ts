import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { isAppError } from '../../core/errors.ts';
import { html, queryString, type Html } from '../../server/html.ts';
import { declaredFieldsHtml } from '../../server/portal/declared.fields.ts';
import { pager, sendPage } from '../../server/portal/parts.ts';
import { postedFields, problemsOf, publicActor, submissionRateLimit, trackingRateLimit, withoutBlanks } from '../../server/public.http.ts';
import { dataRequestForm, disputeForm, useReportForm } from './catalogue.actions.ts';
import { packageName } from './catalogue.ckan.ts';
import { sendDataFile } from './catalogue.routes.ts';
import { sizeLabelOf } from '../files/index.ts';
import { qualityOf } from './catalogue.quality.ts';
import { todayInChina } from '../../core/calendar/index.ts';
import type { Facets } from './catalogue.queries.ts';
import { openAttributes, updateFrequencies, type Distribution, type OpenAttribute, type RequestTracking, type ResourceRow, columnTypes } from './catalogue.types.ts';

/** The public catalogue, server-rendered and usable without JavaScript: only open resources (not 非开放). */
const pageSize = 20;

interface Filter {
  q: string;
  agency?: number;
  domain?: string;
  open?: OpenAttribute;
  format?: string;
  page: number;
}

function filterOf(query: Record<string, unknown>): Filter {
  const text = (name: string, max: number) => (typeof query[name] === 'string' ? (query[name] as string).trim().slice(0, max) : '');
  const open = text('open', 20);
  return {
    q: text('q', 50),
    agency: /^\d{1,12}$/.test(text('agency', 12)) ? Number(text('agency', 12)) : undefined,
    domain: text('domain', 50) || undefined,
    open: open === 'unconditional' || open === 'conditional' ? open : undefined,
    format: text('format', 10) || undefined,
    page: /^\d{1,4}$/.test(text('page', 4)) ? Math.max(1, Number(text('page', 4))) : 1,
  };
}
const linkOf = (filter: Filter, change: Partial<Filter>) => {
  const f = { ...filter, page: 1, ...change };
  return `/catalogue${queryString({ q: f.q || undefined, agency: f.agency, domain: f.domain, open: f.open, format: f.format, page: f.page > 1 ? f.page : undefined })}`;
};

/** Posted form fields, each bounded, the blank ones left out. */
const posted = (body: unknown, names: readonly string[]) => withoutBlanks(postedFields(body, names, 3000));

export function registerCataloguePages(app: FastifyInstance, context: AppContext): void {
  const { catalogue } = context;

  app.get('/catalogue', async (request, reply) => {
    const filter = filterOf(request.query as Record<string, unknown>);
    const found = await catalogue.search({
      words: filter.q.split(/\s+/).filter(Boolean).slice(0, 5),
      agencyIds: filter.agency ? [filter.agency] : undefined,
      domains: filter.domain ? [filter.domain] : undefined,
      open: filter.open ? [filter.open] : undefined,
      formats: filter.format ? [filter.format] : undefined,
      facets: true,
      offset: (filter.page - 1) * pageSize,
      limit: pageSize,
    });
    return sendPage(request, reply, '公共数据开放目录', listBody(found.items, found.total, found.facets, filter));
  });

  const openResource = async (raw: string) => (/^\d{1,12}$/.test(raw) ? catalogue.openResource({ id: Number(raw) }) : null);

  app.get('/catalogue/:id', async (request, reply) => {
    const resource = await openResource((request.params as { id: string }).id);
    if (!resource) {
      reply.status(404);
      return sendPage(request, reply, '没有这项数据', html`<h1>没有这项数据</h1><p><a href="/catalogue">返回公共数据开放目录</a></p>`);
    }
    const distributions = (await catalogue.distributions.ofOpenResources([resource])).get(resource.id) ?? [];
    return sendPage(request, reply, resource.name, resourceBody(resource, distributions), { description: resource.description.slice(0, 150) });
  });

  // Downloads: an unconditionally open resource's files to anyone; a conditionally open one's only through a signed link.
  app.get('/catalogue/:id/distributions/:distributionId/download', async (request, reply) => {
    const params = request.params as { id: string; distributionId: string };
    const ids = /^\d{1,12}$/.test(params.id) && /^\d{1,12}$/.test(params.distributionId) ? [Number(params.id), Number(params.distributionId)] : null;
    const file = ids ? await catalogue.distributions.openFile(ids[0]!, ids[1]!) : null;
    // Revalidated every time: a resource made 非开放 must stop being served at once, by caches too.
    if (file) return sendDataFile(reply, file, 'no-cache');
    const resource = ids ? await catalogue.openResource({ id: ids[0]! }) : null;
    if (resource?.open === 'conditional') {
      reply.status(403);
      return sendPage(request, reply, '申请后下载', html`<h1>申请后下载</h1><p>「${resource.name}」为有条件开放数据,须提交申请、经审核同意后,凭办理情况页面上的下载链接获取。</p>
        <p><a class="button" href="/catalogue/${resource.id}/request">申请使用</a> <a href="/catalogue/${resource.id}">返回数据资源</a></p>`);
    }
    reply.status(404);
    return sendPage(request, reply, '没有这个数据文件', html`<h1>没有这个数据文件</h1><p><a href="/catalogue">返回公共数据开放目录</a></p>`);
  });

  app.get('/catalogue/downloads/:requestId/:distributionId', { config: { rateLimit: trackingRateLimit } }, async (request, reply) => {
    const params = request.params as { requestId: string; distributionId: string };
    const query = request.query as Record<string, unknown>;
    const number = (value: unknown) => (typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : null);
    const grant = { requestId: number(params.requestId), distributionId: number(params.distributionId), expires: number(query.expires) };
    const signature = typeof query.signature === 'string' ? query.signature : '';
    const result = grant.requestId !== null && grant.distributionId !== null && grant.expires !== null
      ? await catalogue.distributions.signedFile({ requestId: grant.requestId, distributionId: grant.distributionId, expires: grant.expires }, signature)
      : ({ refused: 'tampered' } as const);
    reply.header('cache-control', 'no-store');
    if ('file' in result) return sendDataFile(reply, result.file);
    reply.status(403);
    const reasons = {
      expired: '这个下载链接已过期(链接自生成起 7 天内有效)。请凭查询码重新打开申请办理情况页面,使用新的下载链接。',
      tampered: '这个下载链接无效,可能被改动过或不完整。请凭查询码打开申请办理情况页面,使用页面上的下载链接。',
      not_found: '这个下载链接已不能使用:申请已不在审核同意状态,或数据已不再开放。',
    };
    return sendPage(request, reply, '无法下载', html`<h1>无法下载</h1><p role="alert">${reasons[result.refused]}</p><p><a href="/catalogue/requests/track">查询数据申请</a></p>`);
  });

  app.get('/catalogue/:id/request', async (request, reply) => {
    const resource = await openResource((request.params as { id: string }).id);
    if (!resource) {
      reply.status(404);
      return sendPage(request, reply, '没有这项数据', html`<h1>没有这项数据</h1>`);
    }
    return sendPage(request, reply, '申请使用数据', requestFormBody(resource, {}, []));
  });

  app.post('/catalogue/:id/request', { config: { rateLimit: submissionRateLimit } }, async (request, reply) => {
    const resource = await openResource((request.params as { id: string }).id);
    if (!resource) {
      reply.status(404);
      return sendPage(request, reply, '没有这项数据', html`<h1>没有这项数据</h1>`);
    }
    const values = posted(request.body, Object.keys(dataRequestForm));
    try {
      const receipt = await catalogue.requests.submitPublic(resource.id, values, publicActor(request));
      return reply.redirect(`/catalogue/requests/track/${receipt.trackingCode}?submitted=1`, 303);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'validation_failed') throw error;
      reply.status(400);
      return sendPage(request, reply, '申请未提交', requestFormBody(resource, values, problemsOf(error)));
    }
  });

  app.get('/catalogue/requests/track', { config: { rateLimit: trackingRateLimit } }, async (request, reply) => {
    const code = String((request.query as Record<string, unknown>).code ?? '').trim().slice(0, 40);
    if (code) return reply.redirect(`/catalogue/requests/track/${encodeURIComponent(code.toUpperCase())}`, 303);
    return sendPage(request, reply, '查询数据申请', lookupBody('', false));
  });

  app.get('/catalogue/requests/track/:code', { config: { rateLimit: trackingRateLimit } }, async (request, reply) => {
    const code = (request.params as { code: string }).code.slice(0, 40);
    const tracking = await catalogue.requests.track(code);
    reply.header('cache-control', 'no-store');
    if (!tracking) {
      reply.status(404);
      return sendPage(request, reply, '没有找到申请', lookupBody(code, true));
    }
    const query = request.query as Record<string, unknown>;
    return sendPage(request, reply, '数据申请办理情况', trackingBody(tracking, { submitted: query.submitted === '1', disputed: query.disputed === '1', reported: query.reported === '1' }, []));
  });

  /** A form the holder of a tracking code posts from its page: back to the page with a notice, or the page again with the problems. */
  const trackingForm = (path: string, notice: 'disputed' | 'reported', failed: string, fields: string[], act: (code: string, input: unknown, actor: ReturnType<typeof publicActor>) => Promise<void>) =>
    app.post(`/catalogue/requests/track/:code/${path}`, { config: { rateLimit: submissionRateLimit } }, async (request, reply) => {
      const code = (request.params as { code: string }).code.slice(0, 40);
      try {
        await act(code, posted(request.body, fields), publicActor(request));
        return reply.redirect(`/catalogue/requests/track/${encodeURIComponent(code)}?${notice}=1`, 303);
      } catch (error) {
        if (!isAppError(error) || (error.code !== 'validation_failed' && error.code !== 'invalid_transition')) throw error;
        const tracking = await catalogue.requests.track(code);
        if (!tracking) throw error;
        reply.status(400);
        return sendPage(request, reply, failed, trackingBody(tracking, { submitted: false, disputed: false, reported: false }, problemsOf(error), `${failed}:`));
      }
    });
  trackingForm('dispute', 'disputed', '异议未提交', Object.keys(disputeForm), (code, input, actor) => catalogue.requests.dispute(code, input, actor));
  trackingForm('use', 'reported', '使用情况未提交', Object.keys(useReportForm), (code, input, actor) => catalogue.requests.reportUse(code, input, actor));
}

const problemsHtml = (problems: string[], heading: string) =>
  problems.length > 0 ? html`<div role="alert" class="alert" tabindex="-1" id="problems"><h2>${heading}</h2><ul>${problems.map((p) => html`<li>${p}</li>`)}</ul></div>` : '';

function facetList(title: string, items: { label: string; count: number; href: string; current: boolean }[]): Html {
  if (items.length === 0) return html``;
  return html`<section class="facet" aria-label="${title}"><h2>${title}</h2><ul>${items.map(
    (item) => html`<li>${item.current ? html`<strong aria-current="true">${item.label}</strong>` : html`<a href="${item.href}">${item.label}</a>`} <span class="muted">(${item.count})</span></li>`,
  )}</ul></section>`;
}

function listBody(items: ResourceRow[], total: number, facets: Facets, filter: Filter): Html {
  return html`<h1>公共数据开放目录</h1>
  <p>各单位的无条件开放、有条件开放数据资源(《长宁区公共数据管理办法》)。有条件开放的数据经申请、审核同意后使用。
    机器可读:<a href="/api/3/action/package_search">CKAN API</a>、<a href="/catalog.jsonld">DCAT(JSON-LD)</a>。 <a href="/catalogue/requests/track">查询数据申请</a></p>
  <p>目录中没有您需要的数据?<a href="/catalogue/wishes/new">提出数据需求</a>(<a href="/catalogue/wishes">已答复的需求</a>)</p>
  <form method="get" action="/catalogue" class="filters" role="search">
    <p class="field"><label for="c-q">关键词</label><input id="c-q" name="q" value="${filter.q}" maxlength="50"></p>
    ${filter.agency ? html`<input type="hidden" name="agency" value="${filter.agency}">` : ''}
    ${filter.domain ? html`<input type="hidden" name="domain" value="${filter.domain}">` : ''}
    ${filter.format ? html`<input type="hidden" name="format" value="${filter.format}">` : ''}
    <p class="field"><label for="c-open">开放属性</label><select id="c-open" name="open"><option value="">全部</option>
      ${(['unconditional', 'conditional'] as const).map((key) => html`<option value="${key}"${filter.open === key ? html` selected` : ''}>${openAttributes[key]}</option>`)}</select></p>
    <p><button type="submit">检索</button> ${filter.q || filter.agency || filter.domain || filter.open || filter.format ? html`<a href="/catalogue">清除条件</a>` : ''}</p>
  </form>
  <div class="catalogue-facets">
    ${facetList('提供单位', facets.agency.map((a) => ({ label: a.name, count: a.count, href: linkOf(filter, { agency: a.id }), current: filter.agency === a.id })))}
    ${facetList('所属领域', facets.domain.map((d) => ({ label: d.name, count: d.count, href: linkOf(filter, { domain: d.name }), current: filter.domain === d.name })))}
    ${facetList('开放属性', facets.open.map((o) => ({ label: openAttributes[o.name], count: o.count, href: linkOf(filter, { open: o.name }), current: filter.open === o.name })))}
    ${facetList('数据格式', facets.format.map((f) => ({ label: f.name, count: f.count, href: linkOf(filter, { format: f.name }), current: filter.format === f.name })))}
  </div>
  <p>共 ${total} 项数据资源。</p>
  ${items.length === 0 ? html`<p>没有符合条件的数据资源。</p>` : ''}
  <ul class="results">${items.map(
    (item) => html`<li><article>
      <h2><a href="/catalogue/${item.id}">${item.name}</a> <span class="badge">${openAttributes[item.open]}</span></h2>
      <p>${item.description.slice(0, 200)}</p>
      <dl class="meta-line"><dt>提供单位</dt><dd>${item.agencyName}</dd><dt>所属领域</dt><dd>${item.domain}</dd><dt>数据格式</dt><dd>${item.formats.join('、')}</dd><dt>更新频率</dt><dd>${updateFrequencies[item.updateFrequency]}</dd></dl>
    </article></li>`,
  )}</ul>
  ${pager(filter.page, Math.ceil(total / pageSize), (n) => linkOf(filter, { page: n }))}`;
}

function resourceBody(resource: ResourceRow, distributions: Distribution[]): Html {
  return html`<p><a href="/catalogue">公共数据开放目录</a> › ${resource.agencyName}</p>
  <h1>${resource.name}</h1>
  <p>${resource.description}</p>
  <table class="meta">
    <tr><th scope="row">提供单位</th><td><a href="/catalogue?agency=${resource.agencyId}">${resource.agencyName}</a></td></tr>
    <tr><th scope="row">所属领域</th><td>${resource.domain}</td></tr>
    ${resource.classificationCode ? html`<tr><th scope="row">资源分类代码</th><td>${resource.classificationCode}</td></tr>` : ''}
    <tr><th scope="row">开放属性</th><td>${openAttributes[resource.open]}${resource.openReason ? html`(${resource.openReason})` : ''}</td></tr>
    <tr><th scope="row">更新频率</th><td>${updateFrequencies[resource.updateFrequency]}</td></tr>
    ${resource.timeCoverage ? html`<tr><th scope="row">时间范围</th><td>${resource.timeCoverage}</td></tr>` : ''}
    <tr><th scope="row">数据格式</th><td>${resource.formats.join('、')}</td></tr>
    ${resource.keywords.length > 0 ? html`<tr><th scope="row">关键字</th><td>${resource.keywords.join('、')}</td></tr>` : ''}
    ${resource.contact ? html`<tr><th scope="row">联系方式</th><td>${resource.contact}</td></tr>` : ''}
    ${qualityRow(resource)}
    <tr><th scope="row">目录版本</th><td>第 ${resource.version} 版,更新于 <time datetime="${resource.updatedAt.slice(0, 10)}">${resource.updatedAt.slice(0, 10)}</time></td></tr>
  </table>
  <h2>数据项(数据字典)</h2>
  ${resource.fields.length === 0
    ? html`<p>提供单位尚未登记数据项。</p>`
    : html`<table class="dictionary"><caption class="visually-hidden">${resource.name}的数据项</caption>
      <thead><tr><th scope="col">序号</th><th scope="col">名称</th><th scope="col">类型</th><th scope="col">说明</th></tr></thead>
      <tbody>${resource.fields.map((field, index) => html`<tr><td>${index + 1}</td><td>${field.name}</td><td>${field.type}</td><td>${field.description}</td></tr>`)}</tbody></table>`}
  <h2>数据文件和接口</h2>
  ${distributionsHtml(resource, distributions)}
  <h2>获取数据</h2>
  ${resource.open === 'unconditional'
    ? html`<p>本数据为无条件开放${distributions.length > 0 ? ',可直接下载上面的数据文件、调用数据接口;也可以登记用途' : ',登记用途后即可获取'}。</p><p><a class="button" href="/catalogue/${resource.id}/request">登记用途</a></p>`
    : html`<p>本数据为有条件开放:提交申请,说明用途和应用场景,由区大数据中心会同提供单位审核同意后使用。</p><p><a class="button" href="/catalogue/${resource.id}/request">申请使用</a></p>`}
  <h2>接口</h2>
  <ul><li><a href="/api/3/action/package_show?id=${packageName(resource)}">CKAN package_show</a></li><li><a href="/catalog.jsonld">DCAT 目录(JSON-LD)</a></li></ul>`;
}

/** Each distribution with what it is, and the preview read at upload; open files have a download link, conditional ones are got after approval. */
function distributionsHtml(resource: ResourceRow, distributions: Distribution[]): Html {
  if (distributions.length === 0) return html`<p>提供单位尚未上传数据文件或登记数据接口。</p>`;
  const open = resource.open === 'unconditional';
  return html`${distributions.map((d) => {
    if (d.kind === 'api') {
      return html`<section class="distribution" aria-labelledby="dist-${d.id}"><h3 id="dist-${d.id}">${d.title} <span class="badge">接口</span></h3>
        ${d.description ? html`<p>${d.description}</p>` : ''}
        ${open ? html`<p>接口地址:<a href="${d.url ?? ''}" rel="nofollow noopener">${d.url ?? ''}</a></p>` : html`<p>接口地址在申请经审核同意后提供。</p>`}</section>`;
    }
    const latest = d.latest!;
    return html`<section class="distribution" aria-labelledby="dist-${d.id}"><h3 id="dist-${d.id}">${d.title} <span class="badge">${d.format}</span></h3>
      <table class="meta">
        <tr><th scope="row">格式</th><td>${d.format}</td></tr>
        <tr><th scope="row">大小</th><td>${sizeLabelOf(latest.size)}</td></tr>
        <tr><th scope="row">行数</th><td>${latest.rowCount === null ? '—' : `${latest.rowCount} 行`}</td></tr>
        <tr><th scope="row">SHA-256 校验值</th><td><code class="checksum">${latest.sha256}</code></td></tr>
        <tr><th scope="row">更新时间</th><td><time datetime="${latest.uploadedAt.slice(0, 10)}">${latest.uploadedAt.slice(0, 16)}</time>(第 ${latest.version} 版)</td></tr>
        ${latest.conversion ? html`<tr><th scope="row">说明</th><td>${latest.conversion}</td></tr>` : ''}
      </table>
      ${open
        ? html`<p><a class="button" href="/catalogue/${resource.id}/distributions/${d.id}/download" download>下载 ${d.format}(${sizeLabelOf(latest.size)})</a></p>`
        : html`<p><strong>申请后下载</strong>:有条件开放数据经审核同意后,凭申请办理情况页面上的下载链接获取。</p>`}
      ${latest.columns.length === 0
        ? ''
        : html`<div class="table-scroll" role="region" aria-label="${d.title}的数据预览" tabindex="0"><table class="preview">
          <caption>数据预览:前 ${latest.preview.length} 行${latest.rowCount !== null ? html`(共 ${latest.rowCount} 行)` : ''},列名下为推测的类型</caption>
          <thead><tr>${latest.columns.map((column) => html`<th scope="col">${column.name}<br><span class="muted">${columnTypes[column.type]}</span></th>`)}</tr></thead>
          <tbody>${latest.preview.map((row) => html`<tr>${row.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody></table></div>`}
    </section>`;
  })}`;
}

function qualityRow(resource: ResourceRow): Html {
  const quality = qualityOf(resource, todayInChina());
  return html`<tr><th scope="row">数据质量</th><td>${quality.score} 分(元数据完整度、数据字典、按更新频率更新)${quality.overdue ? html`;<strong>未按更新频率更新(应在 ${quality.dueOn} 前更新)</strong>` : ''}</td></tr>`;
}

function requestFormBody(resource: ResourceRow, values: Record<string, string>, problems: string[]): Html {
  return html`<h1>申请使用数据</h1>
  ${problemsHtml(problems, '申请未提交,请修改以下内容:')}
  <p>申请使用「${resource.name}」(${resource.agencyName},${openAttributes[resource.open]})。无需注册;提交后会得到一个<strong>查询码</strong>,凭它查看审核结果。</p>
  <p class="muted">带 * 的为必填项。</p>
  <form method="post" action="/catalogue/${resource.id}/request" class="request-form" novalidate>
    ${declaredFieldsHtml(dataRequestForm, values)}
    <p><button type="submit">提交申请</button></p>
  </form>`;
}

function lookupBody(code: string, notFound: boolean): Html {
  return html`<h1>查询数据申请</h1>
  ${notFound ? html`<p role="alert">没有找到查询码为「${code}」的申请,请核对后重试。</p>` : ''}
  <form method="get" action="/catalogue/requests/track">
    <p class="field"><label for="f-code">查询码</label><input id="f-code" name="code" value="${code}" maxlength="40" required></p>
    <p><button type="submit">查询</button></p>
  </form>`;
}

function trackingBody(tracking: RequestTracking, shown: { submitted: boolean; disputed: boolean; reported: boolean }, problems: string[], problemsHeading = ''): Html {
  return html`<h1>数据申请办理情况</h1>
  ${shown.submitted ? html`<div role="status" class="notice"><p><strong>申请已提交。</strong>请记下查询码 <strong class="code">${tracking.trackingCode}</strong>,凭它查看审核结果。</p></div>` : ''}
  ${shown.disputed ? html`<div role="status" class="notice"><p>异议已提交,由区府办会同相关部门研究并作出结论。</p></div>` : ''}
  ${shown.reported ? html`<div role="status" class="notice"><p>数据使用情况已报告,谢谢。</p></div>` : ''}
  ${problemsHtml(problems, problemsHeading)}
  <table class="meta">
    <tr><th scope="row">查询码</th><td>${tracking.trackingCode}</td></tr>
    <tr><th scope="row">数据资源</th><td>${tracking.resourceName}</td></tr>
    <tr><th scope="row">提供单位</th><td>${tracking.agencyName}</td></tr>
    <tr><th scope="row">申请日期</th><td>${tracking.receivedOn}</td></tr>
    <tr><th scope="row">办理状态</th><td>${tracking.state}</td></tr>
    ${tracking.decidedOn ? html`<tr><th scope="row">决定日期</th><td>${tracking.decidedOn}</td></tr>` : ''}
    ${tracking.conditions ? html`<tr><th scope="row">使用条件</th><td>${tracking.conditions}</td></tr>` : ''}
    ${tracking.refusalReason ? html`<tr><th scope="row">不予同意的原因</th><td>${tracking.refusalReason}</td></tr>` : ''}
    ${tracking.disputeConclusion ? html`<tr><th scope="row">协调结论</th><td>${tracking.disputeConclusion}</td></tr>` : ''}
  </table>
  ${tracking.downloads.length > 0
    ? html`<h2>下载数据</h2><p>以下链接只供本申请使用,有效期至 ${tracking.downloads[0]!.expiresOn}(到期后重新打开本页可得到新的链接)。请按使用条件使用数据。</p>
      <ul>${tracking.downloads.map((link) => html`<li><a href="${link.href}" download>${link.title}(${link.format},${sizeLabelOf(link.size)})</a></li>`)}</ul>`
    : ''}
  ${tracking.canDispute
    ? html`<h2>提出异议</h2><p>对不予同意的意见有异议的,可以申请协调处理,由区府办会同相关部门研究并作出结论(第十七条)。</p>
      <form method="post" action="/catalogue/requests/track/${tracking.trackingCode}/dispute" class="request-form" novalidate>${declaredFieldsHtml(disputeForm, {})}<p><button type="submit">提交异议</button></p></form>`
    : ''}
  ${tracking.canReportUse
    ? html`<h2>报告数据使用情况</h2><p>使用数据后,请报告使用的场景和成效,以及遵守使用条件的情况。</p>
      <form method="post" action="/catalogue/requests/track/${tracking.trackingCode}/use" class="request-form" novalidate>${declaredFieldsHtml(useReportForm, {})}<p><button type="submit">提交使用情况</button></p></form>`
    : ''}
  <h2>办理记录</h2>
  <ol class="timeline">${tracking.steps.map((step) => html`<li><time datetime="${step.on}">${step.on}</time> ${step.note}</li>`)}</ol>`;
}
