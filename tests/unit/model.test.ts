import { CalendarEvent, Contact, DEFAULT_SETTINGS, Interaction, Settings } from '@/lib/core/model';

const now = Date.UTC(2026, 10, 28, 9);

describe('schemas', () => {
  it('normalises addresses and fills defaults on a contact', () => {
    const c = Contact.parse({ email: 'Ann.Lee@GoogleMail.com', createdAt: now, updatedAt: now });
    expect(c.email).toBe('annlee@gmail.com');
    expect(c.cadence).toEqual({ mode: 'auto' });
    expect(c.tags).toEqual([]);
    expect(c.summary.count).toBe(0);
  });

  it.each([
    [{ email: 'nope', createdAt: now, updatedAt: now }, 'email'],
    [{ email: 'a@example.com', createdAt: -1, updatedAt: now }, 'createdAt'],
    [{ email: 'a@example.com', createdAt: now, updatedAt: now, name: 'x'.repeat(201) }, 'name'],
    [{ email: 'a@example.com', createdAt: now, updatedAt: now, cadence: { mode: 'fixed', days: 0 } }, 'cadence'],
    [{ email: 'a@example.com', createdAt: now, updatedAt: now, tags: [''] }, 'tags'],
  ])('rejects a bad contact (%#: %s)', (input, field) => {
    const r = Contact.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path[0]).toBe(field);
  });

  it('validates interactions', () => {
    const ok = Interaction.safeParse({
      key: 'k',
      contact: 'b@example.com',
      at: now,
      direction: 'sent',
      source: 'gmail',
    });
    expect(ok.success).toBe(true);
    expect(
      Interaction.safeParse({ key: 'k', contact: 'b@example.com', at: now, direction: 'shouted', source: 'gmail' })
        .success,
    ).toBe(false);
    expect(
      Interaction.safeParse({ key: 'k', contact: 'b@example.com', at: 1e16, direction: 'sent', source: 'gmail' })
        .success,
    ).toBe(false);
  });

  it('validates events', () => {
    const e = CalendarEvent.parse({
      id: 'e1',
      start: now,
      end: now + 3_600_000,
      source: 'calendar',
      attendees: ['X@Example.com'],
    });
    expect(e.attendees).toEqual(['x@example.com']);
    expect(e.busy).toBe(true);
  });

  it('has sensible default settings', () => {
    expect(DEFAULT_SETTINGS.replyNeededDays).toBe(3);
    expect(DEFAULT_SETTINGS.awaitingReplyDays).toBe(5);
    expect(DEFAULT_SETTINGS.maxThreadPeople).toBe(20);
    expect(DEFAULT_SETTINGS.robotRules).toContain('noreply@*');
    expect(Settings.safeParse({ notifications: { digestTime: '25:00' } }).success).toBe(false);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('never lets a %s key reach a prototype', (k) => {
    const r = Settings.safeParse(JSON.parse(`{"tagCadences":{"${k}":{"days":1,"toleranceDays":0}}}`));
    if (r.success) expect(Object.hasOwn(r.data.tagCadences, k)).toBe(false);
    expect(({} as Record<string, unknown>).days).toBeUndefined();
    expect(Object.getPrototypeOf(r.data?.tagCadences ?? {})).toBe(Object.prototype);
  });
});
