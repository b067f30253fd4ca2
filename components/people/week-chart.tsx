import type { Usual, WeekCounts, WeekTime } from '@/lib/engine/week-time';
import './people.css';

const METRICS = [
  ['touches', 'Touches'],
  ['meetings', 'Meetings'],
  ['people', 'People reached'],
] as const;

type Metric = (typeof METRICS)[number][0];

/** A count as shown (a usual week's too is whole: lib/engine/week-time.ts rounds it). */
export function countText(x: number): string {
  return x.toLocaleString();
}

/**
 * How this week so far compares with a usual week, in one sentence. The week is not over: it is compared with
 * the share of a usual week that has passed (Wednesday noon of a Monday week: 5/14 of it).
 */
export function paceWords(week: WeekCounts, usual: Usual | null, now: number): string {
  if (!usual) return 'Not enough history yet for a usual week: Tend knows no touches from the weeks before this one.';
  const elapsed = Math.min(1, Math.max(0, (now - week.start) / (week.end - week.start)));
  const expected = usual.touches * elapsed;
  const so = `${countText(week.touches)} touch${week.touches === 1 ? '' : 'es'} so far`;
  if (usual.touches === 0)
    return week.touches > 0 ? `${so}, more than a usual week.` : 'No touches yet, as in a usual week.';
  // A touch either way of the pace is no news (on a Monday morning nothing yet is not behind).
  const diff = week.touches - expected;
  const verdict =
    diff >= 1 && week.touches >= expected * 1.2
      ? 'ahead of'
      : diff <= -1 && week.touches <= expected * 0.8
        ? 'behind'
        : 'on pace with';
  return `${so}: ${verdict} a usual week (${countText(usual.touches)} in a whole week).`;
}

/**
 * This week's relationship time against the usual: touches, meetings and people reached so far, each as a bar
 * with the usual week (median of the weeks before) marked by a line. A table is the chart: the numbers are its
 * cells, the bars are drawn beside them and hidden from screen readers.
 */
export function WeekChart({
  data,
  now,
  since,
  headingId,
}: {
  data: WeekTime;
  now: number;
  /** The week's first day in words ("Mon, Nov 30"). */
  since: string;
  headingId: string;
}) {
  const { thisWeek, usual } = data;
  const W = 160;
  const H = 14;
  return (
    <section className="week-time" aria-labelledby={headingId}>
      <h2 id={headingId}>This week</h2>
      <p className="small">{paceWords(thisWeek, usual, now)}</p>
      <table className="week-table">
        <caption className="visually-hidden">
          {`Relationship time this week (since ${since}) against a usual week`}
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">What</span>
            </th>
            <th scope="col">{`Since ${since}`}</th>
            <th scope="col">Usual week</th>
            <td>
              <span className="week-key" aria-hidden="true">
                <span className="swatch week-bar" /> this week <span className="week-tick-key" /> usual
              </span>
            </td>
          </tr>
        </thead>
        <tbody>
          {METRICS.map(([k, label]) => {
            const v = thisWeek[k as Metric];
            const u = usual?.[k as Metric];
            const max = Math.max(1, v, u ?? 0);
            const x = (n: number) => Math.round((n / max) * (W - 2)) + 1;
            return (
              <tr key={k}>
                <th scope="row">{label}</th>
                <td>{countText(v)}</td>
                <td>{u === undefined ? '—' : countText(u)}</td>
                <td>
                  <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} aria-hidden="true" focusable="false">
                    <rect className="week-track" x={0} y={2} width={W} height={H - 4} rx={3} />
                    {v > 0 ? <rect className="week-bar" x={0} y={2} width={x(v)} height={H - 4} rx={3} /> : null}
                    {u !== undefined ? (
                      <line className="week-tick" x1={x(u)} x2={x(u)} y1={0} y2={H} strokeWidth={2} />
                    ) : null}
                  </svg>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted small">
        {usual
          ? `Usual: the median of the ${usual.weeks} week${usual.weeks === 1 ? '' : 's'} before this one. Mail to many at once is left out.`
          : 'Mail to many at once is left out.'}
      </p>
    </section>
  );
}
