import { findHeaderDocNumber, findNoticeNumber, type DocNumber } from './docnumber.rules.ts';
import { issuerFromTitle } from './fields.rules.ts';
import { foldText } from './fold.rules.ts';
import type { SourceLine } from './gazette.types.ts';
import { datePattern } from './text.rules.ts';

/**
 * A page's text saved on one line (a crawler's page.txt, a copy-pasted page): the
 * document's layout is gone, but its cues survive flattening. Read in order: the
 * portal's breadcrumb and share buttons, then a 发文字号, a title (one sentence
 * ending in a 文种, after 关于), the addressees ending in "：", the text, and a
 * signature (an organ name and a date, or a date alone) before the page's footer.
 */

export interface RunOnHead {
  number: DocNumber | null;
  /** The title as printed in the text, when the text prints one. */
  title: string | null;
  addressees: string | null;
  /** The rest, one line per layout cue (the signature's organ and date each on their own). */
  lines: SourceLine[];
}

// The portal's page furniture around the document: "当前位置：首页… 时间：2015-04-21 09:56 微信 微博 QQ空间".
const breadcrumb = /^\s*当前位置[:：][\s\S]{0,400}?时间[:：]\s*\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?/;
const shareButtons = /^(?:\s*(?:微信|微博|QQ空间|全真版|文字版|文件下载|打印|分享|相关链接[:：]|-->))+/;
const footer = /(?:\s*来源[:：]\s*\S{1,30})?(?:\s*附件下载)?\s*$/;
// A page's labels left empty after the text ("… 2013年12月27日 作者: 信息来源: |").
const emptyLabels = /(?:[\s\u3000]+(?:作者|信息[来來]源|[来來]源|责任编辑|責任編輯|编辑|編輯|审核|審核)[:：])+[\s\u3000|]*$/;

/** The text without the page's empty labels at its end (looked for in its last 80 characters only). */
function withoutEmptyLabels(text: string): string {
  const tail = text.slice(-80);
  const match = emptyLabels.exec(tail);
  return match ? text.slice(0, text.length - tail.length + match.index) : text;
}

const typeEnd = /(?:通知|通告|公告|通报|决定|意见|批复|复函|函|报告|请示|决议)/g;
const organSuffix = '(?:人民政府办公室|人民政府办公厅|人民政府|办公厅|办公室|委员会|管委会|管理局|总局|[局厅委办院部署])';
// A signature: at a boundary, an optional organ name, then a date that stands alone (followed by a space,
// the end, 抄送/分送, an annex, or the "(此件…公开)" note) — not a date inside a sentence.
const signature = new RegExp(
  `(?<=^|[\\s。！!；;）)”])((?:[\\u4e00-\\u9fff]{2,30}?${organSuffix}))?\\s*(${datePattern})(?=\\s|$|[（(]此件|抄送|分送|附件)`,
  'g',
);

function leadingNumber(text: string): { number: DocNumber; end: number } | null {
  const head = text.slice(0, 60);
  const number = findNoticeNumber(head) ?? findHeaderDocNumber(head);
  if (!number) return null;
  const at = head.indexOf(number.printed);
  if (at < 0 || !/^\s*[(（]?\s*$/.test(head.slice(0, at))) return null;
  const close = /^\s*[)）]?/.exec(head.slice(at + number.printed.length))![0];
  return { number, end: at + number.printed.length + close.length };
}

/** The title a run-on text opens with: 关于…+文种, with the issuer before 关于, ending where the addressees or the text begin. */
function leadingTitle(text: string): { title: string; end: number } | null {
  const about = foldText(text).indexOf('关于');
  if (about < 0 || about > 40) return null;
  typeEnd.lastIndex = about + 2;
  for (let match = typeEnd.exec(text); match && match.index - about <= 150; match = typeEnd.exec(text)) {
    const end = match.index + match[0].length;
    const title = text.slice(0, end).trim();
    if (/[。；;：:！!？?]/.test(title)) return null;
    if (about > 0 && !issuerFromTitle(title.replace(/\s+/g, ''))) return null;
    const after = text.slice(end);
    // The title ends where a space, a number, or the addressees (…：) follow — not inside a longer title (…意见的通告).
    if (/^[的之和及、]/.test(after)) continue;
    if (/^\s/.test(after) || after.length === 0 || leadingNumber(after) || /^[^。；;：:]{2,150}?[：:]/.test(after)) return { title, end };
  }
  return null;
}

export function readRunOn(text: string, lineNo: number): RunOnHead {
  let rest = withoutEmptyLabels(text).replace(breadcrumb, '').replace(shareButtons, '').replace(footer, '').trim();
  let number: DocNumber | null = null;
  let title: string | null = null;
  let addressees: string | null = null;
  const numberFirst = leadingNumber(rest);
  if (numberFirst) {
    number = numberFirst.number;
    rest = rest.slice(numberFirst.end).trim();
  }
  const heading = leadingTitle(rest);
  if (heading) {
    title = heading.title;
    rest = rest.slice(heading.end).trim();
    const numberAfter = number ? null : leadingNumber(rest);
    if (numberAfter) {
      number = numberAfter.number;
      rest = rest.slice(numberAfter.end).trim();
    }
  }
  const to = /^([^。；;：:！!？?]{2,150}?)[：:]/.exec(rest);
  if (to && !/(如下|为|是|包括|下列)$/.test(to[1]!)) {
    addressees = to[1]!.trim();
    rest = rest.slice(to[0].length).trim();
  }
  const marked = rest.replace(signature, (_all, organ: string | undefined, date: string) => (organ ? `\n${organ}\n${date}\n` : `\n${date}\n`));
  const lines = marked
    .split('\n')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => ({ no: lineNo, text: part }));
  return { number, title, addressees, lines };
}
