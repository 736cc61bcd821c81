/**
 * The identity documents an applicant may give (申请人的身份证明, 《条例》
 * 第二十九条) and the rule each number follows. Pure: no I/O, easy to test.
 */

/** The types of identity document, stored by key; the label is what people see. */
export const idTypes = {
  resident_id: '居民身份证',
  passport: '护照',
  hk_macao_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
  foreign_permanent_residence: '外国人永久居留身份证',
  credit_code: '统一社会信用代码',
  other: '其他',
} as const;
export type IdType = keyof typeof idTypes;

/** The label of a stored type (own keys only); an unknown value is shown as it is. */
export const idTypeLabel = (type: string | null | undefined): string | null =>
  type === null || type === undefined ? null : Object.hasOwn(idTypes, type) ? idTypes[type as IdType] : type;

/** The type an applicant's number is read as when none is given (the form's default). */
export const defaultIdType: IdType = 'resident_id';

/** Numbers are compared without spaces and in capitals (a lower-case x check digit is the same number). */
export const normaliseIdNumber = (value: string) => value.replace(/[\s\u3000-]+/g, '').toUpperCase();

const residentWeights = Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11);

/** ISO 7064 MOD 11-2 check character of the first 17 digits of an 18-digit identity number. */
export function residentCheckDigit(first17: string): string {
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * residentWeights[i]!, 0);
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

/** GB 32100-2015's alphabet: digits and capitals without I, O, S, V, Z. */
export const creditCodeAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const creditWeights = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);

/** GB 32100-2015 check character of the first 17 characters of a unified social credit code. */
export function creditCodeCheckCharacter(first17: string): string {
  const sum = [...first17].reduce((total, character, i) => total + creditCodeAlphabet.indexOf(character) * creditWeights[i]!, 0);
  return creditCodeAlphabet[(31 - (sum % 31)) % 31]!;
}

const isRealDate = (yyyymmdd: string) => {
  const [year, month, day] = [Number(yyyymmdd.slice(0, 4)), Number(yyyymmdd.slice(4, 6)), Number(yyyymmdd.slice(6, 8))];
  if (year < 1900 || year > 2100) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

function residentProblem(number: string, label: string): string | null {
  if (!/^\d{17}[\dX]$/.test(number)) return `${label}应为18位(前17位为数字,最后一位为数字或X)`;
  if (!isRealDate(number.slice(6, 14))) return `${label}中的出生日期不正确`;
  if (residentCheckDigit(number.slice(0, 17)) !== number[17]) return `${label}校验位不正确`;
  return null;
}

/** The unified social credit code's shape and check character, or what is wrong with it. */
export function creditCodeProblem(code: string, label = '统一社会信用代码'): string | null {
  const alphabet = '[0-9A-HJ-NPQRTUWXY]';
  if (!new RegExp(`^${alphabet}{2}\\d{6}${alphabet}{10}$`).test(code)) return `${label}应为18位数字或大写字母(不含I、O、S、V、Z)`;
  if (creditCodeCheckCharacter(code.slice(0, 17)) !== code[17]) return `${label}校验位不正确`;
  return null;
}

/**
 * What is wrong with an identity number of a type, in Chinese and naming the
 * field, or null when it is right. The number should be normalised first.
 */
export function idNumberProblem(type: IdType, number: string, label = '证件号码'): string | null {
  switch (type) {
    case 'resident_id':
      return residentProblem(number, label);
    case 'credit_code':
      return creditCodeProblem(number, label);
    case 'hk_macao_permit':
      return /^[HM]\d{8}(\d{2})?$/.test(number) ? null : `${label}格式不正确:港澳居民来往内地通行证号码为H或M加8位或10位数字`;
    case 'taiwan_permit':
      return /^\d{8}(\d{2})?$/.test(number) ? null : `${label}格式不正确:台湾居民来往大陆通行证号码为8位或10位数字`;
    case 'passport':
      return /^[A-Z0-9]{5,17}$/.test(number) && /\d/.test(number) ? null : `${label}格式不正确:护照号码为5至17位字母和数字`;
    case 'foreign_permanent_residence':
      if (/^[A-Z]{3}\d{12}$/.test(number)) return null;
      if (/^9\d{16}[\dX]$/.test(number)) return residentProblem(number, label);
      return `${label}格式不正确:外国人永久居留身份证号码为3位字母加12位数字,或以9开头的18位号码`;
    case 'other':
      return number.length > 0 ? null : `请填写${label}`;
  }
}
