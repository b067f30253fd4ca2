/** Loads saved Gmail pages as Documents (for happy-dom tests). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { realFixturesDir } from '@/tests/support/real-fixtures';

export const FIXTURES = path.resolve(process.cwd(), 'tests/fixtures/gmail');
export const REAL = realFixturesDir();

export function readFixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

export function readReal(name: string): string {
  return readFileSync(path.join(REAL, name), 'utf8');
}

export function toDocument(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

export function fixtureDoc(name: string): Document {
  return toDocument(readFixture(name));
}

export function realDoc(name: string): Document {
  return toDocument(readReal(name));
}
