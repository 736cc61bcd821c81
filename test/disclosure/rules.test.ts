import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allowedActions, perItemFee, perVolumeFee } from '../../src/modules/disclosure/index.ts';
import { nextState, receiptDate } from '../../src/modules/disclosure/disclosure.rules.ts';
import { requestStates, type RequestAction, type RequestState } from '../../src/modules/disclosure/disclosure.types.ts';

describe('disclosure rules', () => {
  it('charges per item at each tier boundary (国办函〔2020〕109号)', () => {
    const cases: [number, number][] = [[1, 0], [10, 0], [11, 100], [30, 100], [31, 200], [40, 200], [41, 300], [50, 300], [51, 400]];
    for (const [nth, fee] of cases) assert.equal(perItemFee(nth), fee, `request ${nth}`);
  });

  it('charges per volume by band, each band on its own pages', () => {
    const cases: [number, number][] = [[0, 0], [30, 0], [31, 10], [100, 700], [101, 720], [200, 2700], [201, 2740], [250, 4700]];
    for (const [pages, fee] of cases) assert.equal(perVolumeFee(pages), fee, `${pages} pages`);
  });

  it('allows each action only in its states, and names what is allowed when refusing', () => {
    const actions: RequestAction[] = ['request_correction', 'receive_correction', 'lapse_correction', 'consult', 'answer_consultation', 'extend', 'send_fee_notice', 'receive_fee', 'lapse_fee', 'reply', 'deliver', 'close', 'record_review'];
    const expected: Record<RequestState, Partial<Record<RequestAction, RequestState>>> = {
      received: { request_correction: 'correction_requested', consult: 'received', answer_consultation: 'received', extend: 'received', send_fee_notice: 'awaiting_fee', reply: 'replied' },
      correction_requested: { receive_correction: 'received', lapse_correction: 'closed' },
      awaiting_fee: { receive_fee: 'received', lapse_fee: 'closed', answer_consultation: 'awaiting_fee' },
      replied: { deliver: 'delivered', record_review: 'replied' },
      delivered: { close: 'closed', record_review: 'delivered' },
      closed: { record_review: 'closed' },
    };
    for (const state of Object.keys(requestStates) as RequestState[]) {
      assert.deepEqual(new Set(allowedActions(state)), new Set(Object.keys(expected[state])), state);
      for (const action of actions) {
        const to = expected[state][action];
        if (to) assert.equal(nextState(state, action), to, `${state} → ${action}`);
        else assert.throws(() => nextState(state, action), { code: 'invalid_transition', message: /不能.*(可以:)/ }, `${state} refuses ${action}`);
      }
    }
  });

  it('dates a request by its channel (《条例》第三十一条)', () => {
    assert.equal(receiptDate('in_person', { submittedOn: '2024-05-06' }), '2024-05-06');
    assert.equal(receiptDate('mail_signed', { submittedOn: '2024-05-06', signedOn: '2024-05-08' }), '2024-05-08');
    assert.equal(receiptDate('fax', { submittedOn: '2024-05-06', confirmedOn: '2024-05-07' }), '2024-05-07');
    assert.throws(() => receiptDate('mail_ordinary', { submittedOn: '2024-05-06' }), { code: 'validation_failed' });
    assert.throws(() => receiptDate('email', { submittedOn: '2024-05-06', confirmedOn: '2024-05-01' }), { code: 'validation_failed' });
  });
});
