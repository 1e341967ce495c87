/** FNV-1a, 32-bit: stable across runtimes and releases, which a stored assignment needs. */
export function stableHash(input: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) {
    h ^= input.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export interface SplitVariant {
  name: string;
  weight: number;
}

export type SplitAssignment = { kind: 'variant'; name: string } | { kind: 'holdout' };

/**
 * The same customer always lands in the same arm of the same split. The holdout takes its
 * percentage off the top; the rest is shared by the variants in proportion to their weights.
 */
export function assignSplit(
  seed: { playbookId: string; stepId: string; customerId: string },
  variants: SplitVariant[],
  holdoutPercent: number,
): SplitAssignment {
  const bucket = stableHash(`${seed.playbookId}:${seed.stepId}:${seed.customerId}`) % 10_000;
  if (bucket < holdoutPercent * 100) return { kind: 'holdout' };
  const total = variants.reduce((s, v) => s + v.weight, 0);
  const position = ((bucket - holdoutPercent * 100) / (10_000 - holdoutPercent * 100)) * total;
  let acc = 0;
  for (const v of variants) {
    acc += v.weight;
    if (position < acc) return { kind: 'variant', name: v.name };
  }
  return { kind: 'variant', name: variants.at(-1)!.name };
}
