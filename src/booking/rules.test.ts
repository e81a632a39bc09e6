import assert from 'node:assert/strict';
import { it } from 'node:test';
import { clientMayChangeAt } from './cancellation-policy.ts';
import { phoneToKeep, sessionModality } from './modality.ts';
import { earliestBookable } from './notice.ts';

const H = 3_600_000;

it('the cancellation policy lets a client change a session up to the notice, not inside it', () => {
  const start = 100 * H;
  assert.equal(clientMayChangeAt(start, start - 24 * H, 24 * 60), true, 'exactly at the notice');
  assert.equal(clientMayChangeAt(start, start - 24 * H + 1, 24 * 60), false, 'a moment later');
  assert.equal(clientMayChangeAt(start, start - 1, 0), true, 'no notice: until it starts');
});

it('a session happens the service’s way, or by the client’s choice (video when none), and keeps a phone only for phone', () => {
  assert.equal(sessionModality('phone', 'video'), 'phone');
  assert.equal(sessionModality('video', 'phone'), 'video');
  assert.equal(sessionModality('choice', 'phone'), 'phone');
  assert.equal(sessionModality('choice', null), 'video');
  assert.equal(phoneToKeep('video', '+44 20 7946 0000'), null);
  assert.equal(phoneToKeep('phone', '+44 20 7946 0000'), '+44 20 7946 0000');
  assert.equal(phoneToKeep('phone', ''), null);
});

it('the booking notice puts the earliest start that many minutes ahead', () => {
  assert.equal(earliestBookable(10 * H, 12 * 60), 22 * H);
  assert.equal(earliestBookable(10 * H, 0), 10 * H);
});
