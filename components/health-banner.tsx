import { shortDate } from './format';

export interface HealthLike {
  source: 'gmail' | 'calendar';
  failingSince?: number;
  problem?: string;
}

const LABEL = { gmail: 'Gmail', calendar: 'Calendar' } as const;

/** One alert per source Tend has stopped recognising; nothing when all is well. */
export function HealthBanner({ health }: { health: readonly HealthLike[] | undefined }) {
  const failing = (health ?? []).filter((h) => h.failingSince !== undefined);
  if (failing.length === 0) return null;
  return (
    <div className="health" role="alert">
      {failing.map((h) => (
        <p key={h.source}>
          {`${LABEL[h.source]}'s layout was not recognised since ${shortDate(h.failingSince as number)} — Tend is not learning from it`}
          {h.problem ? <span className="muted">{` (${h.problem})`}</span> : null}
        </p>
      ))}
    </div>
  );
}
