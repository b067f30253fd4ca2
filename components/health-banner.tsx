import { shortDate } from './format';

export interface HealthLike {
  source: 'gmail' | 'calendar';
  failingSince?: number;
  problem?: string;
  /** The language Gmail's dates were written in, while they keep failing. */
  lang?: string;
}

const LABEL = { gmail: 'Gmail', calendar: 'Calendar' } as const;

/** "Japanese (ja)"; the bare code where the browser cannot name it. */
function languageName(code: string): string {
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

/** One alert per source Tend has stopped recognising, with the day in `timeZone`; nothing when all is well. */
export function HealthBanner({ health, timeZone }: { health: readonly HealthLike[] | undefined; timeZone?: string }) {
  const failing = (health ?? []).filter((h) => h.failingSince !== undefined);
  if (failing.length === 0) return null;
  return (
    <div className="health" role="alert">
      {failing.map((h) => (
        <p key={h.source}>
          {`${LABEL[h.source]}'s layout was not recognised since ${shortDate(h.failingSince as number, undefined, undefined, timeZone)} — Tend is not learning from it`}
          {h.problem ? <span className="muted">{` (${h.problem})`}</span> : null}
          {h.lang ? <span className="muted">{` The dates are written in ${languageName(h.lang)}.`}</span> : null}
        </p>
      ))}
    </div>
  );
}
