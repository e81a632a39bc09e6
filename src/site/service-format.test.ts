import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDuration, formatPrice, modalityLabel } from './service-format.ts';

describe('service formatting', () => {
  it('formats prices in their currency, and zero as Free', () => {
    assert.equal(formatPrice(0, 'USD'), 'Free');
    assert.equal(formatPrice(14000, 'USD'), '$140');
    assert.equal(formatPrice(9550, 'EUR'), '€95.50');
    assert.equal(formatPrice(12000, 'GBP'), '£120');
    assert.equal(formatPrice(1000, 'XYZ1'), '10.00 XYZ1');
  });

  it('formats lengths in words', () => {
    assert.equal(formatDuration(20), '20 minutes');
    assert.equal(formatDuration(60), '1 hour');
    assert.equal(formatDuration(90), '1 hour 30 minutes');
    assert.equal(formatDuration(120), '2 hours');
  });

  it('names each modality', () => {
    assert.equal(modalityLabel('video'), 'By video in your private portal');
    assert.equal(modalityLabel('phone'), 'By phone');
    assert.equal(modalityLabel('choice'), 'By phone or video — you choose');
  });
});
