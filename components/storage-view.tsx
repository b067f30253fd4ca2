import { useEffect, useId, useState } from 'react';
import { megabytes } from '@/lib/store/quota';

export interface StorageFacts {
  usage?: number;
  quota?: number;
  persisted?: boolean;
  counts: Record<string, number>;
}

/** How much Tend stores, table by table, and whether the browser keeps it even when space runs low. */
export function StorageView({ load }: { load: () => Promise<StorageFacts> }) {
  const id = useId();
  const [facts, setFacts] = useState<StorageFacts>();
  const [error, setError] = useState('');
  useEffect(() => {
    load()
      .then(setFacts)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [load]);
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Storage</h2>
      {error ? <p className="error">{`Could not read the storage figures: ${error}`}</p> : null}
      {facts ? (
        <>
          <p>
            {facts.usage !== undefined ? `Tend uses ${megabytes(facts.usage)}` : 'Tend cannot tell how much it uses'}
            {facts.usage !== undefined && facts.quota !== undefined
              ? ` of ${megabytes(facts.quota)} this browser lets it use (${megabytes(Math.max(0, facts.quota - facts.usage))} free).`
              : '.'}
          </p>
          <p>
            {facts.persisted
              ? 'Storage is persistent: the browser will not clear it to make room.'
              : 'Storage is not marked persistent: the browser may clear it when the disk runs low.'}
          </p>
          <dl className="counts">
            {Object.entries(facts.counts).map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v.toLocaleString('en-US')}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : error ? null : (
        <p className="muted">Counting…</p>
      )}
    </section>
  );
}
