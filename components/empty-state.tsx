export const NEW_USER_TEXT = 'Open Gmail and browse your inbox; Tend learns as you read.';

/** What a new user sees, or a calm "all clear" once Tend knows people. */
export function EmptyState({ knowsPeople }: { knowsPeople: boolean }) {
  return (
    <div className="empty">
      {knowsPeople ? (
        <p>Nobody is waiting on you today.</p>
      ) : (
        <>
          <p className="empty-title">Nothing here yet</p>
          <p>{NEW_USER_TEXT}</p>
        </>
      )}
    </div>
  );
}
