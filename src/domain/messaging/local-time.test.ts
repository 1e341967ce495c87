import { describe, expect, it } from 'vitest';
import { minuteOfDay, nextWindowOpening, zonedInstant } from './local-time';

const W = { start: '08:00', end: '21:00' };

describe('local time', () => {
  it('finds the instant of a wall-clock time on both sides of a DST change', () => {
    expect(zonedInstant('America/Detroit', 2031, 3, 9, 8 * 60).toISOString()).toBe('2031-03-09T12:00:00.000Z'); // EDT, the day clocks spring forward
    expect(zonedInstant('America/Detroit', 2031, 3, 8, 8 * 60).toISOString()).toBe('2031-03-08T13:00:00.000Z'); // EST
    expect(zonedInstant('America/Detroit', 2031, 11, 2, 8 * 60).toISOString()).toBe('2031-11-02T13:00:00.000Z'); // back to EST
    expect(zonedInstant('Asia/Kathmandu', 2031, 1, 1, 8 * 60).toISOString()).toBe('2031-01-01T02:15:00.000Z');
  });

  it('opens the window today before it starts, tomorrow after it ends, and not at all inside it', () => {
    expect(nextWindowOpening('America/Detroit', new Date('2031-05-06T10:30:00Z'), W)).toEqual({ inside: false, opensAt: new Date('2031-05-06T12:00:00Z') }); // 06:30 local
    expect(nextWindowOpening('America/Detroit', new Date('2031-05-07T01:00:00Z'), W)).toEqual({ inside: false, opensAt: new Date('2031-05-07T12:00:00Z') }); // 21:00 local: closed
    expect(nextWindowOpening('America/Detroit', new Date('2031-05-07T00:59:00Z'), W).inside).toBe(true); // 20:59 local
    expect(nextWindowOpening('America/Detroit', new Date('2031-05-06T12:00:00Z'), W).inside).toBe(true); // 08:00 sharp
  });

  it('reads minutes of the local day', () => {
    expect(minuteOfDay('America/Chicago', new Date('2031-05-06T16:45:00Z'))).toBe(11 * 60 + 45);
  });
});
