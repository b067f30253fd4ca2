/** What an Options action answers, and how its outcome is shown: one status line, with the reasons listed. */
export type Reply = ({ ok: true } & Record<string, unknown>) | { ok: false; error: string; errors?: string[] };

/** "3 contacts, 120 interactions, 4 events" from a counts object. */
export function countsWords(counts: unknown): string {
  if (!counts || typeof counts !== 'object') return '';
  const parts = Object.entries(counts as Record<string, unknown>)
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => `${(v as number).toLocaleString()} ${k}`);
  return parts.join(', ');
}

export type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; text: string; errors: string[] } | null;

export function OutcomeView({ outcome }: { outcome: Outcome }) {
  return (
    <div role="status" className="outcome">
      {outcome?.kind === 'ok' ? <p className="ok">{outcome.text}</p> : null}
      {outcome?.kind === 'error' ? (
        <>
          <p className="error">{outcome.text}</p>
          {outcome.errors.length ? (
            <ul className="errors">
              {outcome.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

export const failure = (r: Reply, fallback: string): Outcome =>
  r.ok ? null : { kind: 'error', text: r.error || fallback, errors: r.errors ?? [] };
