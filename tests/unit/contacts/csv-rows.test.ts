/** The CSV row reader (lib/ingest/csv-rows.ts) against d3-dsv's, the well-kept reader it stands in for. */
import { csvParseRows } from 'd3-dsv';
import fc from 'fast-check';
import { csvRows } from '@/lib/ingest/csv-rows';

describe('csvRows', () => {
  it.each([
    [
      'a,b,c\n1,2,3\n',
      [
        ['a', 'b', 'c'],
        ['1', '2', '3'],
      ],
    ],
    [
      'a,b\r\n"x, y","he said ""hi"""\r\n',
      [
        ['a', 'b'],
        ['x, y', 'he said "hi"'],
      ],
    ],
    ['"multi\nline",z', [['multi\nline', 'z']]],
    ['a,,c', [['a', '', 'c']]],
    ['', []],
    ['Notes:\n"quoted note"\n\nFirst Name,Last Name', [['Notes:'], ['quoted note'], [''], ['First Name', 'Last Name']]],
  ])('%j', (text, rows) => {
    expect(csvRows(text)).toEqual(rows);
  });

  it('reads whatever d3-dsv reads, the same way (random fields with commas, quotes, newlines)', () => {
    let runs = 0;
    let tricky = 0;
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', ' ', 'é'), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        runs++;
        const text = rows
          .map((r) => r.map((f) => (/[",\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(','))
          .join('\r\n');
        if (/[",\n]/.test(text)) tricky++;
        expect(csvRows(text)).toEqual(csvParseRows(text));
      }),
      { numRuns: 500 },
    );
    expect(runs).toBe(500);
    expect(tricky / runs).toBeGreaterThan(0.5);
  });
});
