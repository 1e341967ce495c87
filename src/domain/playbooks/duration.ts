import { z } from 'zod';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** Durations as people write them: "30m", "1h", "24h", "3d", "2w". */
export const DurationSchema = z
  .string()
  .trim()
  .regex(/^\d{1,4}\s*[mhdw]$/, 'Use a number and a unit: 30m, 1h, 3d or 2w')
  // The format error is reported by the regex above; only judge the range of well-formed values.
  .refine((s) => !/^\d{1,4}\s*[mhdw]$/.test(s) || (durationMs(s) >= 60_000 && durationMs(s) <= 366 * UNIT_MS.d), 'Between 1 minute and a year');

export function durationMs(s: string): number {
  const m = /^(\d+)\s*([mhdw])$/.exec(s.trim());
  if (!m) throw new Error(`Not a duration: ${s}`);
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}

export function describeDuration(s: string): string {
  const m = /^(\d+)\s*([mhdw])$/.exec(s.trim());
  if (!m) return s;
  const n = Number(m[1]);
  const unit = { m: 'minute', h: 'hour', d: 'day', w: 'week' }[m[2] as 'm' | 'h' | 'd' | 'w'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
