import PostalMime from 'postal-mime';
import { PartBlob } from '@/lib/ingest/part-blob';

describe('PartBlob (the mailbox worker’s in-memory Blob)', () => {
  it('joins bytes, buffers, views and strings as the platform Blob does', async () => {
    const parts = [
      new Uint8Array([104, 105]),
      '\n',
      new Uint8Array([0, 120, 121, 0]).subarray(1, 3).buffer.slice(1, 3),
    ];
    const view = new DataView(new Uint8Array([33, 33, 63]).buffer, 1, 2);
    const mine = new PartBlob([...parts, view, 'é'], { type: 'Text/Plain' });
    const real = new Blob([...parts, view, 'é'], { type: 'Text/Plain' });
    expect(mine.size).toBe(real.size);
    expect(mine.type).toBe(real.type);
    expect(new Uint8Array(await mine.arrayBuffer())).toEqual(new Uint8Array(await real.arrayBuffer()));
    expect(await mine.text()).toBe(await real.text());
    expect(await mine.slice(1, 4).text()).toBe(await real.slice(1, 4).text());
    expect(Object.prototype.toString.call(mine)).toBe('[object Blob]');
  });

  it('hands out copies: reading twice gives the same bytes', async () => {
    const b = new PartBlob([new Uint8Array([1, 2, 3])]);
    const first = new Uint8Array(await b.arrayBuffer());
    first[0] = 9;
    expect([...new Uint8Array(await b.arrayBuffer())]).toEqual([1, 2, 3]);
  });

  it('refuses a part it cannot read rather than reading it wrongly', () => {
    expect(() => new PartBlob([new Blob(['x']) as unknown as string])).toThrow(/bytes and strings/);
  });

  it('gives postal-mime the same text, HTML and attachments as the platform Blob', async () => {
    const mail = [
      'From: Ann <ann@example.com>',
      'To: bo@example.net',
      'Subject: =?UTF-8?B?w4ljaGFuZ2U=?=',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: multipart/alternative; boundary="b2"',
      '',
      '--b2',
      'Content-Type: text/plain; charset=ISO-8859-1',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      "I'll send the d=E9ck by Friday.=",
      ' Thanks.',
      '--b2',
      'Content-Type: text/html; charset=UTF-8',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('<p>I’ll send the déck by Friday.</p>').toString('base64'),
      '--b2--',
      '--b1',
      'Content-Type: application/pdf; name="plan.pdf"',
      'Content-Disposition: attachment; filename="plan.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('%PDF-1.4 not really').toString('base64'),
      '--b1--',
      '',
    ].join('\r\n');
    const parse = async () => {
      const e = await PostalMime.parse(mail, { attachmentEncoding: 'arraybuffer' });
      return {
        text: e.text,
        html: e.html,
        subject: e.subject,
        attachments: e.attachments.map((a) => [a.filename, a.mimeType, [...new Uint8Array(a.content as ArrayBuffer)]]),
      };
    };
    const withPlatform = await parse();
    const g = globalThis as { Blob: unknown };
    const platform = g.Blob;
    g.Blob = PartBlob;
    try {
      expect(await parse()).toEqual(withPlatform);
    } finally {
      g.Blob = platform;
    }
    expect(withPlatform.text).toContain("I'll send the déck by Friday. Thanks.");
    expect(withPlatform.attachments).toHaveLength(1);
  });
});
