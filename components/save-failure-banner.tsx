import { useEffect, useState } from 'react';
import { type SaveFailures, saveFailureText } from '@/lib/store/quota';
import { watchSaveFailures } from './save-failures';

/** "Tend could not save: the disk is full", with what was not saved; nothing when everything was saved. */
export function SaveFailureBanner({ failures }: { failures: SaveFailures | undefined }) {
  const text = saveFailureText(failures);
  if (!text) return null;
  return (
    <div className="health" role="alert">
      <p>
        <strong>{text.title}</strong>
      </p>
      {text.details.map((d) => (
        <p key={d} className="muted">
          {d}
        </p>
      ))}
      <p className="muted">
        What was saved before is intact. Free some disk space; Tend saves the rest once there is room.
      </p>
    </div>
  );
}

/** The banner, live. */
export function LiveSaveFailureBanner() {
  const [failures, setFailures] = useState<SaveFailures>();
  useEffect(() => watchSaveFailures(setFailures), []);
  return <SaveFailureBanner failures={failures} />;
}
