import { followPerson } from '@/lib/core/person-page-follow';

describe('followPerson', () => {
  it.each([
    [
      'one of their other addresses: the page goes on with the person',
      'ann@home.example',
      'ann@work.example',
      true,
      {
        email: 'ann@work.example',
        path: '/person.html?email=ann%40work.example',
      },
    ],
    ['their own address: the page stays', 'ann@work.example', 'ann@work.example', true, null],
    [
      'an address whose person has no record: the page stays as opened',
      'ann@home.example',
      'ann@work.example',
      false,
      null,
    ],
    ['nobody at all: the page stays as opened', 'nobody@example.org', 'nobody@example.org', false, null],
  ])('%s', (_, address, person, found, expected) => {
    expect(followPerson(address, person, found)).toEqual(expected);
  });
});
