import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkStarted, MIN_FILL_MS, signStarted } from './form-timing.ts';

describe('form timing', () => {
  const secret = 'a-cookie-secret-of-reasonable-length-123';
  const shown = Date.UTC(2026, 10, 27, 9, 0, 0);
  const value = signStarted(secret, shown);

  it('accepts a post made at least three seconds after the form was shown', () => {
    assert.equal(checkStarted(secret, value, shown + MIN_FILL_MS), 'ok');
    assert.equal(checkStarted(secret, value, shown + 3600_000), 'ok');
  });

  it('calls a quicker post too fast', () => {
    assert.equal(checkStarted(secret, value, shown), 'too_fast');
    assert.equal(checkStarted(secret, value, shown + MIN_FILL_MS - 1), 'too_fast');
  });

  it('refuses a missing, altered or foreign value', () => {
    const later = shown + 60_000;
    assert.equal(checkStarted(secret, undefined, later), 'invalid');
    assert.equal(checkStarted(secret, '', later), 'invalid');
    assert.equal(
      checkStarted(secret, value.replace(String(shown), String(shown - 60_000)), later),
      'invalid',
      'an earlier time under the same signature',
    );
    assert.equal(checkStarted(secret, signStarted('another-secret-entirely-another-secret', shown), later), 'invalid');
    assert.equal(checkStarted(secret, `${shown}`, later), 'invalid');
  });
});
