import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { allowedItemActions, allowedTaskActions, dueDateOfText, nextItemState, nextTaskState, taskSignalOf } from '../../src/modules/supervision/supervision.rules.ts';
import { auditItemActionLabels, auditItemStates, taskActionLabels, taskStates, type AuditItemAction, type AuditItemState, type TaskAction, type TaskState } from '../../src/modules/supervision/supervision.types.ts';

describe('supervision rules', () => {
  it('reads the due date a task tag gives, and none where it names no day', () => {
    assert.equal(dueDateOfText('2021年6月底前'), '2021-06-30');
    assert.equal(dueDateOfText('2020年2月'), '2020-02-29');
    assert.equal(dueDateOfText('2021年10月15日前完成'), '2021-10-15');
    assert.equal(dueDateOfText('2016年底前'), '2016-12-31');
    assert.equal(dueDateOfText('2016年年底'), '2016-12-31');
    assert.equal(dueDateOfText('2021年2月30日'), null);
    assert.equal(dueDateOfText('长期坚持'), null);
    assert.equal(dueDateOfText(null), null);
  });

  it('colours a task red after its due date and yellow inside the warning window', () => {
    assert.equal(taskSignalOf('2026-11-27', '2026-11-28', '2026-12-03'), 'overdue');
    assert.equal(taskSignalOf('2026-11-28', '2026-11-28', '2026-12-03'), 'due_soon');
    assert.equal(taskSignalOf('2026-12-03', '2026-11-28', '2026-12-03'), 'due_soon');
    assert.equal(taskSignalOf('2026-12-04', '2026-11-28', '2026-12-03'), 'normal');
  });

  it('moves a task only along its table, accepting late work as completed late, and names what is allowed when refusing', () => {
    assert.equal(nextTaskState('awaiting_acceptance', 'accept'), 'completed');
    assert.equal(nextTaskState('awaiting_acceptance', 'accept', true), 'completed_late');
    assert.equal(nextTaskState('awaiting_acceptance', 'send_back'), 'in_progress');
    assert.throws(() => nextTaskState('in_progress', 'accept'), (error: { code: string; message: string }) => error.code === 'invalid_transition' && error.message.includes('可以:报送进展'));
    fc.assert(
      fc.property(fc.constantFrom(...(Object.keys(taskStates) as TaskState[])), fc.constantFrom(...(Object.keys(taskActionLabels) as TaskAction[])), (state, action) => {
        if (allowedTaskActions(state).includes(action)) assert.ok(Object.hasOwn(taskStates, nextTaskState(state, action)));
        else assert.throws(() => nextTaskState(state, action), { code: 'invalid_transition' });
      }),
    );
    for (const closed of ['completed', 'completed_late', 'not_completed', 'cancelled'] as const) assert.deepEqual(allowedTaskActions(closed), []);
  });

  it('closes an audit item only after the unit reports its result, and never reopens a closed one', () => {
    assert.throws(() => nextItemState('open', 'close'), { code: 'invalid_transition' });
    assert.equal(nextItemState('reported', 'close'), 'closed');
    assert.equal(nextItemState('planned', 'report_result'), 'reported');
    assert.deepEqual(allowedItemActions('closed'), []);
    fc.assert(
      fc.property(fc.constantFrom(...(Object.keys(auditItemStates) as AuditItemState[])), fc.constantFrom(...(Object.keys(auditItemActionLabels) as AuditItemAction[])), (state, action) => {
        if (allowedItemActions(state).includes(action)) assert.ok(Object.hasOwn(auditItemStates, nextItemState(state, action)));
        else assert.throws(() => nextItemState(state, action), { code: 'invalid_transition' });
      }),
    );
  });
});
