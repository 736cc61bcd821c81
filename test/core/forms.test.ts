import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { declareForm, formSchema } from '../../src/core/forms/form.fields.ts';
import { isAppError } from '../../src/core/errors.ts';
import { parseInput } from '../../src/core/validation.ts';

const form = declareForm({
  on: { kind: 'date', label: '办理日期' },
  reason: { kind: 'text', label: '理由', max: 20, multiline: true },
  note: { kind: 'text', label: '备注', max: 5, optional: true },
  days: { kind: 'number', label: '天数', min: 1, max: 20 },
  way: { kind: 'choice', label: '方式', options: { mail: '邮寄', email: '电子邮件' } },
  reasonCode: { kind: 'choice', label: '具体理由', options: {}, groups: { refuse: { label: '不予公开', options: { secret: '国家秘密' } } }, optional: true },
  consultationId: { kind: 'reference', label: '意见征询', from: 'openConsultations' },
});
const schema = formSchema(form);
const valid = { on: '2026-11-27', reason: '因故', days: '5', way: 'mail', consultationId: 3 };
const problems = (input: unknown) => {
  try {
    parseInput(schema, input);
    return [];
  } catch (error) {
    assert.ok(isAppError(error));
    return (error.details as { problems: { field: string; message: string }[] }).problems;
  }
};

describe('declared forms', () => {
  it('gives the checked values with numbers from form digits and optional fields left out', () => {
    assert.deepEqual(parseInput(schema, valid), { on: '2026-11-27', reason: '因故', days: 5, way: 'mail', consultationId: 3 });
  });

  it('holds every text field to its declared limit, at the limit and one past it', () => {
    assert.deepEqual(problems({ ...valid, reason: '字'.repeat(20) }), []);
    assert.deepEqual(problems({ ...valid, reason: '字'.repeat(21) }).map((p) => p.message), ['理由不能超过 20 字']);
    assert.deepEqual(problems({ ...valid, note: '字'.repeat(6) }).map((p) => p.message), ['备注不能超过 5 字']);
  });

  it('names each missing or wrong field in Chinese', () => {
    const messages = problems({ reason: ' ', days: 21, way: 'toString', consultationId: '' }).map((p) => p.message);
    assert.deepEqual(messages, ['请填写办理日期', '请填写理由', '天数不能大于 20', '方式不在可选范围内', '请选择意见征询']);
  });

  it('accepts a grouped choice from any group, and blank as absent when optional', () => {
    assert.equal(parseInput(schema, { ...valid, reasonCode: 'secret' }).reasonCode, 'secret');
    assert.equal(parseInput(schema, { ...valid, reasonCode: '' }).reasonCode, undefined);
  });

  it('refuses fields it does not declare', () => {
    assert.match(problems({ ...valid, extra: 1 })[0]!.message, /不接受的字段:extra/);
  });
});
