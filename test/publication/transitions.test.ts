import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAppError } from '../../src/core/errors.ts';
import { allowedPublicationActions, publicationTransition } from '../../src/modules/publication/publication.rules.ts';
import { publicationStates, type PublicationState } from '../../src/modules/publication/publication.types.ts';

const refusal = (state: PublicationState, action: Parameters<typeof publicationTransition>[1]) => {
  try {
    publicationTransition(state, action);
    return null;
  } catch (error) {
    assert.ok(isAppError(error) && error.code === 'invalid_transition');
    return error.message;
  }
};

describe('the publication state machine', () => {
  it('lets drafts be edited and submitted, published texts be corrected and marked, filed ones reviewed', () => {
    assert.deepEqual(allowedPublicationActions('draft'), ['update', 'attach', 'detach', 'submit']);
    assert.deepEqual(allowedPublicationActions('returned'), ['update', 'attach', 'detach', 'submit']);
    assert.deepEqual(allowedPublicationActions('published'), ['correct', 'mark_invalid']);
    assert.deepEqual(allowedPublicationActions('filed'), ['review']);
    assert.deepEqual(publicationTransition('filed', 'review'), ['filed', 'published']);
  });

  it('refuses every other action with its reason in Chinese', () => {
    assert.equal(refusal('published', 'update'), '已公开或已归档的文件不能再修改草稿;如需更正,请发布新版本');
    assert.equal(refusal('filed', 'attach'), '已公开或已归档的文件不能再修改附件');
    assert.equal(refusal('published', 'submit'), '该文件已公开');
    assert.equal(refusal('filed', 'submit'), '该文件已归档');
    assert.equal(refusal('draft', 'correct'), '只有已公开的文件才需要发布更正版本');
    assert.equal(refusal('filed', 'mark_invalid'), '只有已公开的文件可以标注废止或失效');
    assert.equal(refusal('published', 'review'), '只有未主动公开的文件需要复核');
    for (const state of Object.keys(publicationStates) as PublicationState[]) assert.ok(allowedPublicationActions(state).length > 0);
  });
});
