/**
 * Pinyin annotations. Some policy sites print traditional characters followed by
 * their pinyin in brackets: 關(guān)于, 印發(fā), 通報(bào). Inside a number they are kept
 * as printed (docnumber.rules.ts); everywhere else they break the cues a 公文
 * is read by (关于, 印发, the 文种 at the end of a title). The text is read with
 * them removed, and the fields read from it take back their printed form.
 */

const pinyin = 'a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê';
const toned = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ';
/** One annotation: a syllable in brackets (one to six letters). */
export const annotation = new RegExp(`\\([${pinyin}]{1,6}\\)`);
// Removed only right after a Chinese character and only when the syllable carries a tone mark,
// so a bracketed Latin letter ("附件(a)") is never taken for one.
const removable = new RegExp(`(?<=[\\u3400-\\u9fff])\\((?=[${pinyin}]{0,5}[${toned}])[${pinyin}]{1,6}\\)`, 'g');

/** The text without its pinyin annotations; the same text when it has none. */
export function withoutAnnotations(text: string): string {
  return text.replace(removable, '');
}

/**
 * A field read from the text without annotations, as printed in `original`: each of its characters may be
 * followed there by an annotation, and a field joined from wrapped lines may be broken by line ends there.
 * The field itself when it is not found as printed.
 */
export function asPrinted(field: string, original: string): string {
  if (field === '') return field;
  const spaced = /\s/.test(field);
  const optional = `(?:${annotation.source})?`;
  const chars = [...field].map((char) => `${char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${optional}`);
  const found = new RegExp(chars.join(spaced ? '' : '\\s*')).exec(original)?.[0];
  if (found === undefined) return field;
  return spaced ? found : found.replace(/\s+/g, '');
}
