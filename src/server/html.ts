/**
 * HTML with every interpolation escaped unless it is itself Html: user and
 * document text can never become markup by accident.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new Html(out);
}

export function page(title: string, body: Html): string {
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} - 公开 政府文件库</title>
<style>
  body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0; color: #1f1f1f; line-height: 1.7; }
  header, main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
  header { border-bottom: 3px solid #b50000; }
  header a { color: #b50000; font-size: 1.4rem; font-weight: bold; text-decoration: none; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border-bottom: 1px solid #ddd; padding: .4rem; text-align: left; vertical-align: top; }
  a { color: #0b4ea2; }
  a:focus { outline: 3px solid #f5a623; }
  .meta th { width: 8rem; color: #555; font-weight: normal; }
  .body p { text-indent: 2em; margin: .4rem 0; }
  .body h2, .body h3 { font-size: 1.1rem; }
</style>
</head>
<body>
<header><a href="/">公开 · 政府文件库</a></header>
<main>${body}</main>
</body>
</html>`.value;
}
