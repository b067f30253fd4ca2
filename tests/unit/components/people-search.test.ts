import { visibleRows } from '@/components/people/people-model';
import { foldText, matchesQuery } from '@/lib/store/contact-search';
import type { PersonRow } from '@/lib/store/people-table';
import { personRow } from '@/tests/support/person-row';

const row = (email: string, name: string, over: Partial<PersonRow> = {}) => personRow(email, { name, ...over });
const rows = [
  row('zoe@z.example', 'Zoe Adams'),
  row('lukasz@pl.example', 'Łukasz Nowak'),
  row('oyvind@no.example', 'Øyvind Berg'),
  row('aesa@is.example', 'Æsa Jónsdóttir'),
  row('ann@a.example', 'ann Lee'),
  row('blank@b.example', '   '),
  row('jose@cafe.example', 'Pepe', { aliases: ['josé@café.example'] }),
];
const o = { filter: 'all' as const, query: '', sort: 'name' as const, desc: false };
const names = (q: string) => visibleRows(rows, { ...o, query: q }).map((r) => r.email);

it('finds people as the popup search does: any address, accents and letters with a mark inside ignored', () => {
  expect(names('jose')).toEqual(['jose@cafe.example']);
  expect(names('CAFÉ')).toEqual(['jose@cafe.example']);
  expect(names('lukasz nowak')).toEqual(['lukasz@pl.example']);
  expect(names('oyvind')).toEqual(['oyvind@no.example']);
  expect(names('aesa')).toEqual(['aesa@is.example']);
  // The People view and the popup's search answer the same for every row and query.
  for (const q of ['jose', 'café', 'lukasz', 'ØYVIND', 'lee', 'example'])
    expect(names(q)).toEqual(
      visibleRows(rows, o)
        .filter((r) => matchesQuery(r, q))
        .map((r) => r.email),
    );
  expect(foldText('Straße Þór Œuvre')).toBe('strasse thor oeuvre');
});

it('sorts names as a reader does: marked letters among their own, case ignored, a blank name by its address', () => {
  const sorted = visibleRows(rows, o).map((r) => r.name.trim() || r.email);
  expect(sorted).toEqual([
    'Æsa Jónsdóttir',
    'ann Lee',
    'blank@b.example',
    'Łukasz Nowak',
    'Øyvind Berg',
    'Pepe',
    'Zoe Adams',
  ]);
  expect(visibleRows(rows, { ...o, desc: true }).at(0)?.name).toBe('Zoe Adams');
});
