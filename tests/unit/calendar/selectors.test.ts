// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as S from '../../../lib/capture/calendar-selectors';

const dir = join(__dirname, '../../fixtures/calendar');
const load = (name: string) => new DOMParser().parseFromString(readFileSync(join(dir, name), 'utf8'), 'text/html');

/** Every selector and the fixtures it must match. */
const EXPECTED: Record<keyof typeof S, string[]> = {
  MAIN: ['week.html', 'day.html', 'month.html', 'schedule.html', 'week-switching.html', 'dialog.html'],
  GRID: ['week.html', 'day.html', 'month.html', 'week-switching.html'],
  EVENT_CHIP: ['week.html', 'day.html', 'month.html', 'schedule.html', 'week-switching.html', 'dialog.html'],
  DAY_COLUMN: ['week.html', 'day.html', 'week-switching.html'],
  DATE_KEY: ['week.html', 'month.html', 'schedule.html'],
  GRID_CELL: ['week.html', 'month.html'],
  VIEW_KEY: ['schedule.html'],
  HIDDEN: ['week-switching.html'],
  EVENT_DIALOG: ['dialog.html'],
  DIALOG_TITLE: ['dialog.html'],
  GUEST: ['dialog.html'],
  ACCOUNT: ['week.html'],
};

describe('calendar selectors', () => {
  it('lists an expectation for every selector', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(S).sort());
  });
  it.each(Object.entries(EXPECTED).flatMap(([name, files]) => files.map((f) => [name, f] as const)))(
    '%s matches %s',
    (name, file) => {
      const selector = S[name as keyof typeof S];
      expect(load(file).querySelectorAll(selector).length).toBeGreaterThan(0);
    },
  );
});
