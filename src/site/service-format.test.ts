import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { modalityLabel } from './service-format.ts';

describe('service formatting', () => {
  it('names each modality', () => {
    assert.equal(modalityLabel('video'), 'By video in your private portal');
    assert.equal(modalityLabel('phone'), 'By phone');
    assert.equal(modalityLabel('choice'), 'By phone or video — you choose');
  });
});
