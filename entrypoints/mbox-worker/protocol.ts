import type { MboxFile, MboxProgress, MboxResult } from '@/lib/ingest/mbox-import';

/** What Options says to the mailbox import's worker, and what it answers. */
export type MboxWorkerIn = { type: 'start'; file: MboxFile } | { type: 'cancel' };
export type MboxWorkerOut = { type: 'progress'; progress: MboxProgress } | { type: 'done'; result: MboxResult };
