/**
 * The words for what the Gmail content script saw and could not read. It sends short codes ("rows-none:7",
 * lib/capture/gmail-extract.ts) to stay small inside Gmail; the health banner shows these sentences.
 */
const WORDS: Record<string, (n: number) => string> = {
  'rows-unread': (n) => `${n} thread-list row(s) had no people or no date`,
  'rows-none': (n) => `${n} thread-list row(s) found but none had people and a date`,
  'rows-shape': () => 'a thread list shows mail, but its rows have an unknown shape',
  'list-none': () => 'the main region shows rows of mail, but no known thread list',
  'message-shape': () => 'the page shows a message, but not in a known shape',
  'messages-none': (n) => `${n} message(s) in the opened thread, none with a sender and a date`,
  'thread-shape': () => 'an opened thread with no messages in a known shape',
  'messages-unread': (n) => `${n} message(s) had no sender or no date`,
};

/** A capture's problem codes ("a; b") in words; anything not a known code is kept as it came. */
export function gmailProblemWords(problem: string): string {
  return problem
    .split('; ')
    .map((part) => {
      const m = /^([a-z-]+)(?::(\d{1,6}))?$/.exec(part);
      const words = m ? WORDS[m[1] as string] : undefined;
      return words ? words(Number(m?.[2] ?? 0)) : part;
    })
    .join('; ');
}
