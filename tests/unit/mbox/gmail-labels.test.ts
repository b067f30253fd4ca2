import {
  GMAIL_LABEL_NAMES,
  type GmailLabelKind,
  gmailLabelKind,
  gmailLabelKinds,
  labelKey,
  namesSentOrInbox,
} from '@/lib/ingest/gmail-labels';
import { parseLabels } from '@/lib/ingest/mbox-header';

const rows = Object.entries(GMAIL_LABEL_NAMES).flatMap(([lang, names]) =>
  (Object.entries(names) as [GmailLabelKind, readonly string[]][]).flatMap(([kind, list]) =>
    list.map((name) => ({ lang, kind, name })),
  ),
);

describe('gmailLabelKind', () => {
  it.each(Object.keys(GMAIL_LABEL_NAMES))('%s: every system label name resolves to its kind', (lang) => {
    const mine = rows.filter((r) => r.lang === lang);
    expect(mine.length).toBeGreaterThan(0);
    for (const { kind, name } of mine) {
      expect(gmailLabelKind(name), `${lang} ${kind} ${name}`).toBe(kind);
      // As Gmail writes it (capitalised), shouted, decomposed (NFD), and as an IMAP folder.
      const capitalised = name.charAt(0).toUpperCase() + name.slice(1);
      expect(gmailLabelKind(capitalised), capitalised).toBe(kind);
      expect(gmailLabelKind(name.toUpperCase()), name.toUpperCase()).toBe(kind);
      expect(gmailLabelKind(name.normalize('NFD')), `${name} (NFD)`).toBe(kind);
      expect(gmailLabelKind(`[Gmail]/${capitalised}`)).toBe(kind);
    }
  });

  it('knows Sent in the languages the review named, and every kind somewhere', () => {
    for (const name of ['Sent', 'Envoyé', 'Messages envoyés', 'Odesláno', 'Gesendet', 'Enviados', 'Posta inviata'])
      expect(gmailLabelKind(name), name).toBe('sent');
    for (const [name, kind] of [
      ['Entwürfe', 'drafts'],
      ['Papierkorb', 'trash'],
      ['Doručené', 'inbox'],
      ['Boîte de réception', 'inbox'],
      ['Tous les chats', 'chat'],
      ['Pourriel', 'spam'],
    ] as const)
      expect(gmailLabelKind(name), name).toBe(kind);
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['inbox', 'sent', 'drafts', 'trash', 'spam', 'chat']));
  });

  it('no name stands for two kinds, in any two languages', () => {
    const seen = new Map<string, string>();
    for (const { lang, kind, name } of rows) {
      const key = labelKey(name);
      const before = seen.get(key);
      if (before) expect(before.split(' ')[1], `${name} (${lang}) and ${before}`).toBe(kind);
      seen.set(key, `${lang} ${kind}`);
    }
  });

  it.each([
    'Clients',
    'Clients/Sent',
    'Sent projects',
    'Important',
    'Opened',
    'Unread',
    'Archived',
    'Starred',
    'Category Personal',
    'Nepřečtené',
    'No leídos',
    '',
  ])('an ordinary or status label (%j) names nothing', (label) => {
    expect(gmailLabelKind(label)).toBeNull();
  });

  it('ignores blanks (NBSP too), zero-width marks and the apostrophe’s shape', () => {
    expect(gmailLabelKind('  Messages\u00a0envoyés ')).toBe('sent');
    expect(gmailLabelKind("Safata d'entrada")).toBe('inbox');
    expect(gmailLabelKind('Safata d’entrada')).toBe('inbox');
    expect(gmailLabelKind('نامه\u200cهای فرستاده شده')).toBe('sent');
    expect(gmailLabelKind('[Google Mail]/Papierkorb')).toBe('trash');
  });
});

describe('gmailLabelKinds', () => {
  it('reads Takeout labels however they were encoded: per label, or the whole header as one word', () => {
    // Each label its own encoded word: X-Gmail-Labels' reader decodes them.
    expect(gmailLabelKinds(parseLabels('=?UTF-8?Q?Archiv=C3=A9s?=,=?UTF-8?Q?Envoy=C3=A9?='))).toEqual(
      new Set(['sent']),
    );
    // The whole value one word, commas inside (rustmailer/bichon #358, GAM-team/got-your-back #227): the reader
    // decodes before it splits.
    expect(parseLabels('=?UTF-8?Q?Archiv=C3=A9s,Envoy=C3=A9?=')).toEqual(['Archivés', 'Envoyé']);
    expect(gmailLabelKinds(parseLabels('=?UTF-8?Q?Archiv=C3=A9s,Envoy=C3=A9?='))).toEqual(new Set(['sent']));
    expect(gmailLabelKinds(parseLabels('=?UTF-8?Q?Odesl=C3=A1no,Nep=C5=99e=C4=8Dten=C3=A9?='))).toEqual(
      new Set(['sent']),
    );
    expect(gmailLabelKinds(parseLabels('=?UTF-8?Q?Doru=C4=8Den=C3=A9,Nep=C5=99e=C4=8Dten=C3=A9?='))).toEqual(
      new Set(['inbox']),
    );
    // Folded over two words, with a quoted label inside and an NBSP (a French Takeout header).
    const folded =
      '=?UTF-8?Q?Bo=C3=AEte_de_r=C3=A9ception,Ouvert,Cat=C3=A9gorie=C2=A0:_E-mails_?=\r =?UTF-8?Q?personnels,"Culture,_associations"?=';
    expect(gmailLabelKinds(parseLabels(folded))).toEqual(new Set(['inbox']));
    expect(gmailLabelKinds(['Inbox', 'Spam', 'Clients'])).toEqual(new Set(['inbox', 'spam']));
    expect(gmailLabelKinds([])).toEqual(new Set());
  });

  it('says whether labels name Sent or Inbox (the mark of labels Tend understood)', () => {
    expect(namesSentOrInbox(['Posteingang', 'Wichtig'])).toBe(true);
    expect(namesSentOrInbox(parseLabels('=?UTF-8?Q?Archiv=C3=A9s,Envoy=C3=A9?='))).toBe(true);
    expect(namesSentOrInbox(['Papierkorb'])).toBe(false);
    expect(namesSentOrInbox(['Ricevitaj', 'Gravaj'])).toBe(false);
  });
});
