/**
 * A same-length "folded" view of text for matching only: traditional forms of
 * the characters that structure official documents map to simplified ones, so
 * 關於印發《…辦法》的通知 is recognised like 关于印发《…办法》的通知 while the
 * stored text stays exactly as printed.
 */
const pairs =
  '關关於于號号發发辦办規规報报決决實实廳厅條条節节並并廢废佈布頒颁執执區区縣县會会議议屆届務务員员機机構构權权責责門门單单' +
  '書书記记諮咨詢询導导領领劃划範范類类當当應应對对據据簡简處处財财稅税營营業业資资訊讯網网頁页產产經经濟济環环衛卫醫医療疗' +
  '設设計计達达轉转頒颁畫画務务參参與与認认證证標标準准屬属維维護护傳传統统質质監监檢检驗验覽览歲岁齡龄這这個个們们為为' +
  '從从開开關关間间問问題题長长東东總总習习慣惯團团體体廣广線线協协調调應应職职權权級级區区鎮镇鄉乡街街辦办組组織织' +
  '職职稱称試试審审計计財财務务細细則则進进步步動动運运輸输險险災灾緊紧急急報报告告決决定定規规劃划綱纲要要點点' +
  '單单位位負负責责牽牵頭头聯联絡络會会議议紀纪錄录徵征收收費费稅税據据確确認认變变更更廳厅處处課课專专項项' +
  '歸归檔档備备案案銷销號号廢废止止聲声明明權权益益訴诉訟讼復复議议舉举證证補补正正諮咨詢询見见繼继續续延延長长' +
  '與与於于並并衛卫醫医藥药價价農农勞劳動动僱雇傭佣勵励獎奖懲惩' +
  '國国廠厂轄辖園园黨党幹干邊边歷历縣县點点愛爱現现'+
  // Province and city abbreviations that open document numbers (滬府發 → 沪府发).
  '滬沪蘇苏粵粤閩闽贛赣遼辽魯鲁瓊琼貴贵雲云陝陕寧宁晉晋灣湾臺台測测試试';

// Every character involved is in the Basic Multilingual Plane: one table by UTF-16 code unit.
const table = new Uint16Array(0x10000);
for (let i = 0; i + 1 < pairs.length; i += 2) {
  if (pairs[i] !== pairs[i + 1]) table[pairs.charCodeAt(i)] = pairs.charCodeAt(i + 1);
}

export function foldText(text: string): string {
  for (let i = 0; i < text.length; i++) {
    if (table[text.charCodeAt(i)] !== 0) return foldFrom(text, i);
  }
  return text; // most text has no traditional character at all
}

function foldFrom(text: string, start: number): string {
  const codes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    codes[i] = i >= start && table[code] !== 0 ? table[code]! : code;
  }
  return new TextDecoder('utf-16le').decode(codes);
}
