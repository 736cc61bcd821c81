import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  creditCodeAlphabet,
  creditCodeCheckCharacter,
  creditCodeProblem,
  idNumberProblem,
  idTypes,
  normaliseIdNumber,
  residentCheckDigit,
} from '../../src/modules/disclosure/disclosure.identity.rules.ts';
import { parseInput } from '../../src/core/validation.ts';
import { submissionSchema } from '../../src/modules/disclosure/disclosure.input.ts';

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const birthDate = fc.date({ min: new Date('1920-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10).replaceAll('-', ''));
/** A real-format resident identity number: region, birth date, sequence, and its computed check digit. */
const residentNumber = fc.tuple(digits(6), birthDate, digits(3)).map(([region, born, sequence]) => {
  const first17 = `${region}${born}${sequence}`;
  return first17 + residentCheckDigit(first17);
});
const creditCharacter = fc.integer({ min: 0, max: 30 }).map((i) => creditCodeAlphabet[i]!);
const creditCode = fc.tuple(fc.constantFrom('1', '5', '9', 'Y'), fc.constantFrom('1', '2', '3', '9'), digits(6), fc.array(creditCharacter, { minLength: 9, maxLength: 9 })).map(([a, b, region, rest]) => {
  const first17 = `${a}${b}${region}${rest.join('')}`;
  return first17 + creditCodeCheckCharacter(first17);
});
const otherThan = (right: string, alphabet: string) => fc.constantFrom(...[...alphabet].filter((c) => c !== right));

describe('the resident identity number (GB 11643, ISO 7064 MOD 11-2)', () => {
  it('accepts the published examples and computes their check digits', () => {
    assert.equal(residentCheckDigit('11010519491231002'), 'X');
    assert.equal(idNumberProblem('resident_id', '11010519491231002X'), null);
    assert.equal(idNumberProblem('resident_id', normaliseIdNumber('110105 19491231 002x')), null);
  });
  it('accepts every number whose check digit is computed, refuses every other check digit', () => {
    fc.assert(
      fc.property(residentNumber, (number) => {
        assert.equal(idNumberProblem('resident_id', number), null);
        return true;
      }),
    );
    fc.assert(
      fc.property(residentNumber.chain((n) => fc.tuple(fc.constant(n), otherThan(n[17]!, '0123456789X'))), ([number, wrong]) => {
        assert.equal(idNumberProblem('resident_id', number.slice(0, 17) + wrong), '证件号码校验位不正确');
      }),
    );
  });
  it('refuses an impossible birth date and a wrong length', () => {
    const first17 = '11010519490230002';
    assert.equal(idNumberProblem('resident_id', first17 + residentCheckDigit(first17)), '证件号码中的出生日期不正确');
    assert.match(idNumberProblem('resident_id', '1101051949123100')!, /应为18位/);
  });
});

describe('the unified social credit code (GB 32100-2015)', () => {
  it('accepts a published example and every computed code, refuses every other check character', () => {
    assert.equal(creditCodeProblem('91350100M000100Y43'), null);
    fc.assert(fc.property(creditCode, (code) => creditCodeProblem(code) === null && idNumberProblem('credit_code', code) === null));
    fc.assert(
      fc.property(creditCode.chain((c) => fc.tuple(fc.constant(c), otherThan(c[17]!, creditCodeAlphabet))), ([code, wrong]) => {
        assert.equal(creditCodeProblem(code.slice(0, 17) + wrong), '统一社会信用代码校验位不正确');
      }),
    );
  });
  it('refuses the letters the alphabet leaves out', () => {
    for (const letter of 'IOSVZ') assert.match(creditCodeProblem(`91350100M000100${letter}43`)!, /应为18位/);
  });
});

describe('the other documents', () => {
  it('checks each number by its own rule', () => {
    assert.equal(idNumberProblem('hk_macao_permit', 'H12345678'), null);
    assert.equal(idNumberProblem('hk_macao_permit', 'M1234567890'), null);
    assert.match(idNumberProblem('hk_macao_permit', 'C12345678')!, /港澳/);
    assert.match(idNumberProblem('hk_macao_permit', 'H123456789')!, /港澳/);
    assert.equal(idNumberProblem('taiwan_permit', '12345678'), null);
    assert.equal(idNumberProblem('taiwan_permit', '1234567890'), null);
    assert.match(idNumberProblem('taiwan_permit', '123456789')!, /台湾/);
    assert.equal(idNumberProblem('passport', 'E12345678'), null);
    assert.equal(idNumberProblem('passport', 'GB1234567'), null);
    assert.match(idNumberProblem('passport', 'E12')!, /护照/);
    assert.match(idNumberProblem('passport', 'E1234-5678')!, /护照/);
    assert.equal(idNumberProblem('foreign_permanent_residence', 'USA110079120'.padEnd(15, '0')), null);
    const first17 = '93310019900101123';
    assert.equal(idNumberProblem('foreign_permanent_residence', first17 + residentCheckDigit(first17)), null);
    assert.equal(idNumberProblem('other', '军官证 123'), null);
  });
});

describe('the request form', () => {
  const base = { agencyId: 1, description: '某项目批复', deliveryForm: 'paper', deliveryWay: 'mail' };
  const person = (applicant: Record<string, unknown>) => ({ ...base, applicant: { type: 'natural_person', name: '张三', phone: '13800000000', ...applicant } });
  it('refuses a wrong number naming the field and the document type', () => {
    assert.throws(() => parseInput(submissionSchema, person({ idType: 'resident_id', idNumber: '110105194912310021' })), { message: /证件号码校验位不正确\(居民身份证\)/ });
    assert.throws(() => parseInput(submissionSchema, person({ idType: 'hk_macao_permit', idNumber: '12345678' })), { message: /证件号码格式不正确.*港澳/ });
    const org = { ...base, applicant: { type: 'commercial', name: '某公司', phone: '13800000000', organisationCode: '91350100M000100Y44' } };
    assert.throws(() => parseInput(submissionSchema, org), { message: /统一社会信用代码校验位不正确/ });
  });
  it('stores the type as a key of the list: a label is read as its key, no type is a resident number, anything else is refused', () => {
    assert.equal(parseInput(submissionSchema, person({ idType: 'resident_id', idNumber: '11010519491231002x' })).applicant.idNumber, '11010519491231002X');
    assert.equal(parseInput(submissionSchema, person({ idType: '护照', idNumber: 'E12345678' })).applicant.idType, 'passport');
    assert.equal(parseInput(submissionSchema, person({ idNumber: '11010519491231002X' })).applicant.idType, 'resident_id');
    for (const idType of ['constructor', '__proto__', 'toString', '身份证明']) {
      assert.throws(() => parseInput(submissionSchema, person({ idType, idNumber: '11010519491231002X' })), { message: /证件类型不在可选范围内/ });
    }
    assert.equal(Object.keys(idTypes).length, 7);
  });
});
