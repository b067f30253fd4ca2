import { decodeStamp, encodeStamp, newNodeId, observe, startClock, tick } from '@/lib/sync/hlc';

describe('hybrid logical clock', () => {
  it('stamps follow the wall clock and sort as strings', () => {
    let c = startClock('aaaa');
    const stamps: string[] = [];
    for (const now of [1000, 1000, 1000, 2000, 1500, 2000]) {
      const t = tick(c, now);
      c = t.clock;
      stamps.push(t.stamp);
    }
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
    // The wall clock went back (2000 -> 1500): the stamp still moves forward, within the same millisecond.
    expect(decodeStamp(stamps[4] as string)).toEqual({ wall: 2000, count: 1, node: 'aaaa' });
  });

  it('after seeing a stamp from a clock ahead, every local stamp sorts after it', () => {
    const ahead = encodeStamp(10_000_000, 5, 'bbbb');
    const c = observe(startClock('aaaa'), ahead);
    const t = tick(c, 1_000);
    expect(t.stamp > ahead).toBe(true);
  });

  it('rejects what is not a stamp and makes valid node ids', () => {
    expect(decodeStamp('hello')).toBeNull();
    expect(() => startClock('A!')).toThrow(/node id/);
    expect(newNodeId()).toMatch(/^[a-z0-9]{8}$/);
  });
});
