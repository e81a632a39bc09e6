import { daysBetween, type Formatter, isLocalDate, type LocalDate } from '../time/index.ts';

// The check-in progress chart, drawn on the server as an accessible SVG with the numbers as a
// table beside it (issue 10). No script. The back office's client page and the portal both draw
// it; web/ names no feature, so the shapes below are structural (clients' Tracker and CheckIn fit).

/** Something scored at each check-in (clients' Tracker fits). */
export interface ChartTracker {
  id: string;
  label: string;
  /** false: no longer asked; its past scores stay in the chart. */
  active?: boolean;
}

/** One check-in (clients' CheckIn fits): the client's own date and a score by tracker id. */
export interface ChartCheckIn {
  localDate: string;
  scores: Readonly<Record<string, number>>;
  note?: string | null;
}

export interface CheckInChartProps {
  trackers: readonly ChartTracker[];
  checkIns: readonly ChartCheckIn[];
  /** The client's time zone: check-in dates are on their calendar, and the caption says so. */
  zone: string;
  /** Dates in the reader's words; ISO dates without it. */
  format?: Pick<Formatter, 'shortDate'>;
  /** How many of the latest check-ins to draw and list (60 by default). */
  limit?: number;
  /** Whether the table has the check-in notes (true by default; the coach and the client may read them). */
  showNotes?: boolean;
  /** An id prefix, for two charts on one page. */
  id?: string;
  /** The heading level of the chart's title (3 by default). */
  headingLevel?: 2 | 3 | 4;
}

export const MIN_CHART_SCORE = 1;
export const MAX_CHART_SCORE = 10;

// Eight trackers at most (clients' MAX_TRACKERS): each has a colour, a marker shape and a dash,
// so no line is told apart by colour alone.
const COLOURS = ['#1f6fb2', '#b5441b', '#2e7d32', '#7b3fa0', '#a06400', '#00798c', '#b0306a', '#505a64'] as const;
const DASHES = [undefined, '6 4', '2 3', '10 3 2 3', undefined, '6 4', '2 3', '10 3 2 3'] as const;
const SHAPES = ['circle', 'square', 'triangle', 'diamond', 'circle', 'square', 'triangle', 'diamond'] as const;
type Shape = (typeof SHAPES)[number];

const W = 640;
const H = 260;
const PAD = { left: 40, right: 20, top: 16, bottom: 44 } as const;

function Marker({ shape, x, y, colour }: { shape: Shape; x: number; y: number; colour: string }) {
  const r = 4.5;
  switch (shape) {
    case 'circle':
      return <circle cx={x} cy={y} r={r} fill={colour} />;
    case 'square':
      return <rect x={x - r} y={y - r} width={2 * r} height={2 * r} fill={colour} />;
    case 'triangle':
      return <polygon points={`${x},${y - r - 1} ${x + r + 1},${y + r} ${x - r - 1},${y + r}`} fill={colour} />;
    case 'diamond':
      return (
        <polygon points={`${x},${y - r - 1} ${x + r + 1},${y} ${x},${y + r + 1} ${x - r - 1},${y}`} fill={colour} />
      );
  }
}

const round = (n: number) => Math.round(n * 10) / 10;

/** "27 Nov 2026" for a calendar date, in the reader's words (a date has no zone to shift it). */
function dateWords(date: string, format: CheckInChartProps['format']): string {
  if (!format || !isLocalDate(date)) return date;
  return format.shortDate(Date.parse(`${date}T12:00:00Z`), 'UTC');
}

/**
 * A client's check-in scores over time: one line per tracker on a 1–10 scale, dates along the
 * bottom, a legend, and the same numbers as a table (newest first) for screen readers and anyone
 * who prefers numbers. A check-in that skipped a tracker leaves that point out, never a zero.
 */
export function CheckInChart(p: CheckInChartProps) {
  const id = p.id ?? 'check-in-chart';
  const Heading = `h${p.headingLevel ?? 3}` as 'h3';
  const limit = Math.max(1, p.limit ?? 60);
  const ordered = [...p.checkIns]
    .filter((c) => isLocalDate(c.localDate))
    .sort((a, b) => (a.localDate < b.localDate ? -1 : a.localDate > b.localDate ? 1 : 0))
    .slice(-limit);
  // Trackers with a score in what is shown, and active ones (so the table names what is asked).
  const scored = new Set(ordered.flatMap((c) => Object.keys(c.scores)));
  const trackers = p.trackers.filter((t) => t.active !== false || scored.has(t.id)).slice(0, COLOURS.length);

  if (ordered.length === 0)
    return (
      <section class="check-in-chart" aria-labelledby={`${id}-title`}>
        <Heading id={`${id}-title`}>Check-in scores</Heading>
        <p>No check-ins yet.</p>
      </section>
    );

  const first = ordered[0]!.localDate;
  const last = ordered.at(-1)!.localDate;
  const span = Math.max(daysBetween(first as LocalDate, last as LocalDate), 0);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const xOf = (date: string) =>
    round(PAD.left + (span === 0 ? plotW / 2 : (daysBetween(first as LocalDate, date as LocalDate) / span) * plotW));
  const yOf = (score: number) =>
    round(PAD.top + plotH - ((score - MIN_CHART_SCORE) / (MAX_CHART_SCORE - MIN_CHART_SCORE)) * plotH);

  const series = trackers.map((t, i) => ({
    tracker: t,
    colour: COLOURS[i]!,
    dash: DASHES[i],
    shape: SHAPES[i]!,
    points: ordered.flatMap((c) => {
      const s = c.scores[t.id];
      return s === undefined || !Number.isFinite(s) ? [] : [{ date: c.localDate, score: s }];
    }),
  }));

  const summary = series
    .map((s) => {
      const a = s.points[0];
      const b = s.points.at(-1);
      if (!a || !b) return `${s.tracker.label}: no scores yet.`;
      return s.points.length === 1
        ? `${s.tracker.label}: ${a.score} on ${dateWords(a.date, p.format)}.`
        : `${s.tracker.label}: ${s.points.length} scores, from ${a.score} on ${dateWords(a.date, p.format)} to ${b.score} on ${dateWords(b.date, p.format)}.`;
    })
    .join(' ');

  // Date labels: the first, the last and up to three between, spaced by time.
  const ticks = [...new Set([0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(f * (ordered.length - 1))))].map(
    (i) => ordered[i]!.localDate,
  );
  const dates = ticks.length > 3 && span < 4 ? [first, last] : ticks;
  const showNotes = (p.showNotes ?? true) && ordered.some((c) => c.note);
  const newestFirst = [...ordered].reverse();

  return (
    <section class="check-in-chart" aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`}>Check-in scores</Heading>
      <figure>
        <svg
          viewBox={`0 0 ${W} ${H}`}
          width="100%"
          role="img"
          aria-labelledby={`${id}-svg-title ${id}-svg-desc`}
          class="chart"
          preserveAspectRatio="xMidYMid meet"
        >
          <title id={`${id}-svg-title`}>
            {`Check-in scores from 1 to 10, ${dateWords(first, p.format)} to ${dateWords(last, p.format)}`}
          </title>
          <desc id={`${id}-svg-desc`}>{summary}</desc>
          <g>
            {Array.from({ length: MAX_CHART_SCORE - MIN_CHART_SCORE + 1 }, (_, k) => MIN_CHART_SCORE + k).map((s) => (
              <line
                x1={PAD.left}
                x2={W - PAD.right}
                y1={yOf(s)}
                y2={yOf(s)}
                stroke="currentColor"
                stroke-opacity={s === 1 || s === 5 || s === 10 ? 0.35 : 0.12}
                stroke-width={1}
              />
            ))}
            {[1, 5, 10].map((s) => (
              <text x={PAD.left - 8} y={yOf(s) + 4} text-anchor="end" font-size="12" fill="currentColor">
                {s}
              </text>
            ))}
            {dates.map((d) => (
              <text x={xOf(d)} y={H - PAD.bottom + 20} text-anchor="middle" font-size="12" fill="currentColor">
                {dateWords(d, p.format)}
              </text>
            ))}
            {series.map((s) => (
              <g>
                {s.points.length > 1 ? (
                  <polyline
                    points={s.points.map((pt) => `${xOf(pt.date)},${yOf(pt.score)}`).join(' ')}
                    fill="none"
                    stroke={s.colour}
                    stroke-width={2.5}
                    stroke-dasharray={s.dash}
                    stroke-linejoin="round"
                  />
                ) : null}
                {s.points.map((pt) => (
                  <Marker shape={s.shape} x={xOf(pt.date)} y={yOf(pt.score)} colour={s.colour} />
                ))}
              </g>
            ))}
          </g>
        </svg>
        <figcaption>
          <ul class="chart-legend">
            {series.map((s) => (
              <li>
                <svg viewBox="0 0 36 12" width="36" height="12" aria-hidden="true" focusable="false">
                  <line x1={2} x2={34} y1={6} y2={6} stroke={s.colour} stroke-width={2.5} stroke-dasharray={s.dash} />
                  <Marker shape={s.shape} x={18} y={6} colour={s.colour} />
                </svg>{' '}
                {s.tracker.label}
                {s.tracker.active === false ? ' (no longer asked)' : ''}
              </li>
            ))}
          </ul>
          <p class="hint">
            Scores from 1 (low) to 10 (high), on the client’s calendar ({p.zone}). The table below has every number.
          </p>
        </figcaption>
      </figure>
      <table class="data" id={`${id}-table`}>
        <caption>Check-in scores by date, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            {series.map((s) => (
              <th scope="col">{s.tracker.label}</th>
            ))}
            {showNotes ? <th scope="col">Note</th> : null}
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((c) => (
            <tr>
              <th scope="row">{dateWords(c.localDate, p.format)}</th>
              {series.map((s) => {
                const v = c.scores[s.tracker.id];
                return (
                  <td>
                    {v === undefined ? (
                      <>
                        <span aria-hidden="true">–</span>
                        <span class="visually-hidden">not scored</span>
                      </>
                    ) : (
                      v
                    )}
                  </td>
                );
              })}
              {showNotes ? <td>{c.note ?? ''}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
