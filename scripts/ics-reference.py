#!/usr/bin/env python3
"""
The independent reading of the real-world .ics corpus (tests/fixtures/real-world/ics/), written to
expected.json for tests/unit/ics-real-world.test.ts to compare Tend's importer with.

It uses python's recurring-ical-events (Debian: apt-get install python3-recurring-ical-events; 2.0.1 with
icalendar 4.0.3), a separate implementation of RFC 5545 expansion, time zones included (VTIMEZONE, IANA and
Windows names through its own tables). For each file: a window as long as Tend's Options import window (455
days: a year back and 90 days ahead), starting on the first of the month of the file's earliest DTSTART, and
every occurrence in it that is not cancelled: zoned times as UTC instants, floating times and dates as wall
clock (the test reads them in the runtime's zone, as Tend does).

Run: python3 scripts/ics-reference.py   (rewrites expected.json; review the diff)
"""
import datetime as dt
import json
import pathlib
import sys

import icalendar
import recurring_ical_events

ROOT = pathlib.Path(__file__).resolve().parent.parent / 'tests' / 'fixtures' / 'real-world' / 'ics'
WINDOW_DAYS = 455


def earliest_start(cal):
    best = None
    for ev in cal.walk('VEVENT'):
        if ev.get('DTSTART') is None:
            continue
        v = ev.decoded('DTSTART')
        if isinstance(v, list):  # a DTSTART written twice
            v = v[0]
        d = v.date() if isinstance(v, dt.datetime) else v
        if best is None or d < best:
            best = d
    return best


def reading(v):
    if isinstance(v, dt.datetime):
        if v.tzinfo is None:
            return 'local:' + v.strftime('%Y-%m-%dT%H:%M:%S')
        return v.astimezone(dt.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')
    return 'date:' + v.strftime('%Y-%m-%d')


def main():
    out = {}
    for path in sorted(ROOT.glob('*.ics')):
        text = path.read_bytes()
        try:
            cals = icalendar.Calendar.from_ical(text, multiple=True)
        except Exception as e:  # the reference cannot read it: no expectation
            out[path.name] = {'error': str(e)[:200]}
            continue
        starts = [s for s in (earliest_start(c) for c in cals) if s]
        if not starts:
            out[path.name] = {'error': 'no VEVENT with DTSTART'}
            continue
        first = min(starts).replace(day=1)
        last = first + dt.timedelta(days=WINDOW_DAYS)
        occurrences = []
        try:
            for cal in cals:
                for ev in recurring_ical_events.of(cal).between(first, last):
                    if str(ev.get('STATUS', '')).upper() == 'CANCELLED':
                        continue
                    occurrences.append({'uid': str(ev.get('UID', '')), 'start': reading(ev.decoded('DTSTART'))})
        except Exception as e:
            out[path.name] = {'error': str(e)[:200]}
            continue
        occurrences.sort(key=lambda o: (o['start'], o['uid']))
        out[path.name] = {'from': first.isoformat(), 'to': last.isoformat(), 'occurrences': occurrences}
    (ROOT / 'expected.json').write_text(json.dumps(out, indent=1, sort_keys=True) + '\n')
    print(f'{len(out)} files', file=sys.stderr)


if __name__ == '__main__':
    main()
