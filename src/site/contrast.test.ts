import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSiteSettings } from '../settings/index.ts';
import { accentWarnings, contrastRatio, textOn } from './contrast.ts';

describe('contrast', () => {
  it('computes the WCAG ratio', () => {
    assert.equal(contrastRatio('#000000', '#ffffff'), 21);
    assert.equal(contrastRatio('#777777', '#777777'), 1);
    assert.ok(Math.abs(contrastRatio('#767676', '#ffffff') - 4.54) < 0.01);
  });

  it('picks black or white text the way the theme stylesheet does', () => {
    assert.equal(textOn('#2f5d50'), '#ffffff');
    assert.equal(textOn('#8cc7b4'), '#111111');
  });

  it('has no warnings for the default colours', () => {
    assert.deepEqual(accentWarnings(defaultSiteSettings.colours), []);
  });

  it('warns about a pale light-mode accent and a dim dark-mode accent', () => {
    const w = accentWarnings({ accent: '#a8d5c6', accentDark: '#2a3b35' });
    assert.equal(w.length, 2);
    assert.match(w[0]!, /#a8d5c6.*light pages/);
    assert.match(w[1]!, /#2a3b35.*dark pages/);
  });
});
