import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { LintFinding } from '../seo/index.ts';
import { goesPublic, mayGoPublic, schedulable } from './publish-policy.ts';

const error = { level: 'error', field: 'title', code: 'x', message: 'x' } as LintFinding;
const warning = { level: 'warning', field: 'title', code: 'x', message: 'x' } as LintFinding;

it('nothing goes public while the search-engine check finds an error; drafts save whatever it says', () => {
  assert.equal(goesPublic('publish', 'draft'), true);
  assert.equal(goesPublic('save', 'published'), true, 'saving a live article keeps it public');
  assert.equal(goesPublic('save', 'draft'), false);
  assert.equal(goesPublic('unpublish', 'published'), false);
  assert.equal(mayGoPublic('publish', 'draft', [error]), false);
  assert.equal(mayGoPublic('schedule', 'draft', [warning]), true);
  assert.equal(mayGoPublic('save', 'draft', [error]), true);
});

it('a scheduled time must be given and in the future', () => {
  assert.equal(schedulable(null, 10), false);
  assert.equal(schedulable(10, 10), false);
  assert.equal(schedulable(11, 10), true);
});
