import type { Interaction } from '@/lib/core/model';
import { resolveTimeZone, wallTime, zonedInstant } from '@/lib/time/zoned-time';
import './person.css';

export interface MonthCount {
  /** Midnight that starts the month, in the zone the months were counted in. */
  start: number;
  label: string;
  sent: number;
  received: number;
  meeting: number;
  manual: number;
}

const SERIES = [
  ['sent', 'sent'],
  ['received', 'received'],
  ['meeting', 'meetings'],
  ['manual', 'logged by hand'],
] as const;

/**
 * Touches per month over the 12 months up to `now` (this month last), by kind, as months of `timeZone` (the zone
 * Tend counts days in; the browser's when left out): a touch late on the 31st there is in that month, as the
 * timeline beside the strip says. Pure.
 */
export function monthlyTouches(
  items: readonly Pick<Interaction, 'at' | 'direction' | 'source'>[],
  now: number,
  timeZone?: string,
): MonthCount[] {
  const tz = resolveTimeZone(timeZone);
  const { year, month } = wallTime(now, tz);
  const label = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: tz });
  const months: MonthCount[] = [];
  for (let i = 11; i >= 0; i--) {
    // (A month before January rolls back into the year before.)
    const start = zonedInstant({ year, month: month - i, day: 1 }, tz);
    months.push({ start, label: label.format(start), sent: 0, received: 0, meeting: 0, manual: 0 });
  }
  const first = months[0]?.start ?? now;
  for (const it of items) {
    if (it.at < first || it.at > now) continue;
    let k = months.length - 1;
    while (k > 0 && (months[k] as MonthCount).start > it.at) k--;
    const m = months[k] as MonthCount;
    if (it.source === 'manual') m.manual++;
    else m[it.direction]++;
  }
  return months;
}

/**
 * Twelve months of touches as stacked bars (sent, received, meetings, logged by hand), drawn in SVG with the
 * theme's colours. The picture is `aria-hidden`: a table with the same numbers is its text alternative.
 */
export function TouchStrip({ months, name }: { months: readonly MonthCount[]; name: string }) {
  const W = 24;
  const H = 48;
  const max = Math.max(1, ...months.map((m) => m.sent + m.received + m.meeting + m.manual));
  const total = months.reduce((s, m) => s + m.sent + m.received + m.meeting + m.manual, 0);
  return (
    <figure className="strip">
      <svg
        viewBox={`0 0 ${months.length * W} ${H + 14}`}
        width={months.length * W}
        height={H + 14}
        aria-hidden="true"
        focusable="false"
      >
        {months.map((m, i) => {
          let y = H;
          return (
            <g key={m.start} transform={`translate(${i * W + 3},0)`}>
              <rect className="strip-track" x={0} y={0} width={W - 6} height={H} rx={3} />
              {SERIES.map(([k]) => {
                const h = (m[k] / max) * H;
                y -= h;
                return h > 0 ? <rect key={k} className={`strip-${k}`} x={0} y={y} width={W - 6} height={h} /> : null;
              })}
              <text className="strip-label" x={(W - 6) / 2} y={H + 11} textAnchor="middle">
                {m.label.slice(0, 1)}
              </text>
            </g>
          );
        })}
      </svg>
      <p className="strip-legend small" aria-hidden="true">
        {SERIES.map(([k, label]) => (
          <span key={k} className="legend">
            <span className={`swatch strip-${k}`} /> {label}
          </span>
        ))}
      </p>
      <figcaption className="small muted">{`${total} touch${total === 1 ? '' : 'es'} with ${name} in 12 months.`}</figcaption>
      <details className="strip-table">
        <summary>Touches by month, as a table</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Month</th>
              {SERIES.map(([k, label]) => (
                <th key={k} scope="col">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.start}>
                <th scope="row">{m.label}</th>
                {SERIES.map(([k]) => (
                  <td key={k}>{m[k]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
