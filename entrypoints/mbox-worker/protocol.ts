import type { MboxFile, MboxProgress, MboxResult } from '@/lib/ingest/mbox-import';

/** What Options says to the mailbox import's worker, and what it answers. */
/** `port`: where the file's slices are read (entrypoints/mbox-reader); without it the worker reads `file` itself. */
export type MboxWorkerIn = { type: 'start'; file: MboxFile; port?: MessagePort } | { type: 'cancel' };
export type MboxWorkerOut = { type: 'progress'; progress: MboxProgress } | { type: 'done'; result: MboxResult };
