import { Html, html } from '../html.ts';
import { modules } from '../../modules/modules.ts';

/**
 * The portal's page shell: Simplified Chinese, a skip link and landmarks for
 * keyboard and screen-reader users, the search box on every page, a larger
 * text mode for older readers (适老化) that works without JavaScript, and a
 * print stylesheet.
 */
export interface PageOptions {
  title: string;
  body: Html;
  path: string;
  largeText: boolean;
  query?: string;
  description?: string;
}

const styles = `
  :root { --ink: #1a1a1a; --muted: #4a4a4a; --line: #d6d6d6; --accent: #a30000; --link: #0b4ea2; --paper: #ffffff; --soft: #f4f6f9; }
  * { box-sizing: border-box; }
  html { font-size: 100%; }
  html.large-text { font-size: 125%; }
  body { margin: 0; color: var(--ink); background: var(--paper); font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; line-height: 1.75; }
  a { color: var(--link); }
  a:hover { text-decoration-thickness: 2px; }
  a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .skip { position: absolute; left: -999px; top: 0; background: #000; color: #fff; padding: .5rem 1rem; z-index: 10; }
  .skip:focus { left: 0; }
  header.site { border-bottom: 4px solid var(--accent); background: var(--paper); }
  .bar { max-width: 72rem; margin: 0 auto; padding: .75rem 1rem; display: flex; flex-wrap: wrap; gap: .75rem 1.5rem; align-items: center; }
  .brand { color: var(--accent); font-size: 1.4rem; font-weight: 700; text-decoration: none; }
  nav.main ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; }
  nav.main a { text-decoration: none; font-weight: 600; }
  nav.main a[aria-current="page"] { text-decoration: underline; text-underline-offset: .3em; }
  form.search { display: flex; gap: .5rem; flex: 1 1 18rem; }
  form.search input[type="search"] { flex: 1; font-size: 1rem; padding: .45rem .6rem; border: 2px solid #6b6b6b; border-radius: 4px; min-width: 10rem; }
  button, .button { font-size: 1rem; padding: .45rem 1rem; border: 0; border-radius: 4px; background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
  main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
  h1 { font-size: 1.6rem; line-height: 1.4; margin: .5rem 0 1rem; }
  h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; }
  h3 { font-size: 1.1rem; margin: 1rem 0 .25rem; }
  .muted { color: var(--muted); }
  .columns { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1.5rem; }
  @media (min-width: 60rem) { .columns { grid-template-columns: 16rem minmax(0, 1fr); } .columns.wide-right { grid-template-columns: minmax(0, 1fr) 18rem; } }
  ul.plain { list-style: none; padding: 0; margin: 0; }
  ul.plain li { padding: .45rem 0; border-bottom: 1px solid var(--line); }
  .meta-line { color: var(--muted); font-size: .95rem; }
  .badge { display: inline-block; font-size: .85rem; padding: 0 .45rem; border-radius: 3px; border: 1px solid currentColor; margin-left: .25rem; white-space: nowrap; }
  .badge.现行有效 { color: #14632b; } .badge.已失效, .badge.已废止 { color: #8a1c1c; } .badge.尚未生效 { color: #5b3b00; } .badge.已修改 { color: #3d3d8f; }
  mark { background: #ffe27a; color: inherit; padding: 0 .1em; }
  table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
  th, td { border: 1px solid var(--line); padding: .4rem .5rem; text-align: left; vertical-align: top; }
  table.meta th { width: 6.5rem; background: var(--soft); font-weight: 600; white-space: nowrap; }
  @media (max-width: 40rem) {
    table.meta tr { display: grid; grid-template-columns: max-content minmax(0, 1fr); }
    table.meta th { width: auto; }
    table.meta td { overflow-wrap: anywhere; }
  }
  form.filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 13rem), 1fr)); gap: .75rem 1rem; align-items: end; margin-bottom: .5rem; }
  form.filters .field.wide { grid-column: 1 / -1; }
  form.filters label { display: block; font-weight: 600; }
  form.filters input, form.filters select { font: inherit; width: 100%; min-height: 2.75rem; padding: .4rem .6rem; border: 2px solid #6b6b6b; border-radius: 4px; background: var(--paper); color: var(--ink); }
  form.filters button { min-height: 2.75rem; width: 100%; }
  form.filters .hint { grid-column: 1 / -1; margin: 0; }
  .suggestions { border: 1px solid var(--line); border-radius: 4px; padding: .25rem 1rem .75rem; background: var(--soft); }
  .facets section { margin-bottom: 1.25rem; }
  .facets h2 { font-size: 1rem; margin: 0 0 .25rem; }
  .facets a[aria-current="true"] { font-weight: 700; }
  .pager { display: flex; flex-wrap: wrap; gap: .5rem; margin: 1.5rem 0; list-style: none; padding: 0; }
  .pager a, .pager span { padding: .25rem .6rem; border: 1px solid var(--line); border-radius: 3px; }
  .body p { text-indent: 2em; margin: .35rem 0; }
  .body .article-label { font-weight: 700; }
  .body h2, .body h3 { text-indent: 0; }
  .timeline { list-style: none; padding-left: 0; border-left: 3px solid var(--line); }
  .timeline li { padding: .2rem 0 .2rem .75rem; }
  .doc-nav { font-size: .95rem; }
  fieldset { border: 1px solid var(--line); border-radius: 4px; margin: 0 0 1rem; padding: .5rem 1rem 1rem; }
  legend { font-weight: 700; padding: 0 .25rem; }
  .field label { display: block; font-weight: 600; }
  .field input, .field select, .field textarea { font: inherit; width: 100%; max-width: 36rem; padding: .4rem .5rem; border: 2px solid #6b6b6b; border-radius: 4px; }
  .field .muted { display: block; font-size: .9rem; }
  .field.checkbox label { display: inline; font-weight: 600; }
  .field.checkbox input { width: 1.25rem; height: 1.25rem; vertical-align: middle; margin-right: .4rem; }
  .alert { border: 2px solid var(--accent); border-radius: 4px; padding: .5rem 1rem; margin-bottom: 1rem; }
  .alert h2 { font-size: 1.05rem; margin: .25rem 0; color: var(--accent); }
  .notice { border: 2px solid #14632b; border-radius: 4px; padding: .25rem 1rem; margin-bottom: 1rem; }
  .code { font-family: ui-monospace, monospace; font-size: 1.2rem; letter-spacing: .05em; }
  .table-scroll { overflow-x: auto; }
  table.report td { text-align: right; font-variant-numeric: tabular-nums; }
  table.report tr.level-0 th { font-weight: 700; }
  table.report tr.level-1 th { padding-left: 1.5rem; font-weight: 600; }
  table.report tr.level-2 th { padding-left: 3rem; font-weight: 400; }
  .actions details { border: 1px solid var(--line); border-radius: 4px; margin: .5rem 0; padding: .25rem .75rem; }
  .actions summary { cursor: pointer; font-weight: 600; }
  .state { font-weight: 700; }
  .overdue { color: var(--accent); font-weight: 700; }
  footer.site { border-top: 1px solid var(--line); margin-top: 2rem; }
  footer.site .bar { font-size: .95rem; }
  @media print {
    header.site form, nav.main, footer.site, .facets, .pager, .no-print, .skip { display: none !important; }
    body { font-size: 12pt; color: #000; }
    a { color: #000; text-decoration: none; }
    main { max-width: none; padding: 0; }
    .columns { display: block; }
    table.meta th { background: none; }
  }
`;

/** Short enough to show whole in the header's box at 320 px; the search page explains the rest. */
export const searchPlaceholder = '标题、文号或关键词';

const nav = [
  { href: '/', label: '首页' },
  { href: '/search', label: '文件检索' },
  { href: '/gazettes', label: '政府公报' },
  { href: '/issuers', label: '发文机关' },
  { href: '/subjects', label: '主题分类' },
  { href: '/years', label: '按年份' },
  { href: '/requests', label: '依申请公开' },
];

export function renderPage(options: PageOptions): string {
  const items = [...nav, ...modules.flatMap((module) => module.portalNav ?? [])];
  const current = (href: string) => (href === '/' ? options.path.split('?')[0] === href : options.path.startsWith(href));
  const back = encodeURIComponent(options.path);
  return html`<!doctype html>
<html lang="zh-CN"${options.largeText ? html` class="large-text"` : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} - 政府文件库</title>
${options.description ? html`<meta name="description" content="${options.description}">` : ''}
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="icon" href="/favicon.ico" sizes="32x32">
<link rel="alternate" type="application/atom+xml" title="最新文件" href="/feed.xml">
<style>${new Html(styles)}</style>
</head>
<body>
<a class="skip" href="#main">跳到主要内容</a>
<header class="site">
  <div class="bar">
    <a class="brand" href="/">公开 · 政府文件库</a>
    <nav class="main" aria-label="主导航"><ul>${items.map(
      (item) => html`<li><a href="${item.href}"${current(item.href) ? html` aria-current="page"` : ''}>${item.label}</a></li>`,
    )}</ul></nav>
    <form class="search" role="search" action="/search" method="get">
      <label for="site-q" class="visually-hidden">检索文件</label>
      <input id="site-q" type="search" name="q" value="${options.query ?? ''}" placeholder="${searchPlaceholder}" maxlength="200">
      <button type="submit">检索</button>
    </form>
    <a class="no-print" href="/preferences/text?size=${options.largeText ? 'normal' : 'large'}&amp;back=${back}">${options.largeText ? '标准字号' : '大字版'}</a>
  </div>
</header>
<main id="main" tabindex="-1">
${options.body}
</main>
<footer class="site">
  <div class="bar">
    <span>公开(Gongkai)政府文件库</span>
    <a href="/feed.xml">订阅最新文件(Atom)</a>
    <a href="/api/docs">数据接口</a>
    <a href="/sitemap.xml">网站地图</a>
  </div>
</footer>
</body>
</html>`.value;
}
