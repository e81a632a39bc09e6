import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { formatterFor } from '../time/index.ts';
import { CheckInChart } from './check-in-chart.tsx';

const trackers = [
  { id: 't1', label: 'Energy', active: true },
  { id: 't2', label: 'Calm in <hard> talks', active: false },
];
const checkIns: { localDate: string; scores: Record<string, number>; note: string | null }[] = [
  { localDate: '2026-11-20', scores: { t1: 4, t2: 6 }, note: 'Tired <b>week</b>' },
  { localDate: '2026-11-27', scores: { t1: 7 }, note: null },
  { localDate: '2026-11-13', scores: { t1: 3, t2: 5 }, note: null },
];

describe('CheckInChart', () => {
  it('draws an SVG named and described in words, a legend, and every number in a table', () => {
    const html = renderToString(
      <CheckInChart
        trackers={trackers}
        checkIns={checkIns}
        zone="Europe/Berlin"
        format={formatterFor({ locale: 'en-GB', hourCycle: 'h23' })}
      />,
    );
    assert.match(html, /<svg[^>]*role="img"[^>]*aria-labelledby="check-in-chart-svg-title check-in-chart-svg-desc"/);
    assert.match(html, /Energy: 3 scores, from 3 on 13 Nov 2026 to 7 on 27 Nov 2026\./);
    assert.match(html, /Calm in &lt;hard> talks: 2 scores/);
    assert.match(html, /\(no longer asked\)/);
    assert.match(html, /Europe\/Berlin/);
    assert.doesNotMatch(html, /<b>week/, 'notes are escaped');
    // Newest first in the table; a skipped tracker is a dash with words, not a zero.
    const rows = [...html.matchAll(/<th scope="row">([^<]+)<\/th>/g)].map((m) => m[1]);
    assert.deepEqual(rows, ['27 Nov 2026', '20 Nov 2026', '13 Nov 2026']);
    assert.match(html, /not scored/);
    assert.equal((html.match(/<polyline/g) ?? []).length, 2);
  });

  it('says there are no check-ins yet, and draws one point without a line', () => {
    assert.match(renderToString(<CheckInChart trackers={trackers} checkIns={[]} zone="UTC" />), /No check-ins yet/);
    const one = renderToString(
      <CheckInChart trackers={trackers} checkIns={[{ localDate: '2026-11-27', scores: { t1: 10 } }]} zone="UTC" />,
    );
    assert.doesNotMatch(one, /<polyline/);
    assert.match(one, /Energy: 10 on 2026-11-27\./);
    assert.doesNotMatch(one, /Calm in/, 'a retired tracker with nothing shown is left out');
    assert.doesNotMatch(one, />Note</, 'no note column when there are no notes');
  });

  it('keeps only the latest check-ins it is asked to draw', () => {
    const many = Array.from({ length: 100 }, (_, i) => ({
      localDate: `2026-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      scores: { t1: 1 + (i % 10) },
    }));
    const html = renderToString(<CheckInChart trackers={trackers} checkIns={many} zone="UTC" limit={10} id="c2" />);
    assert.equal((html.match(/<th scope="row">/g) ?? []).length, 10);
    assert.match(html, /id="c2-title"/);
  });
});
