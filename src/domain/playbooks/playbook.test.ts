import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignSplit } from './ab-split';
import { compileFlow } from './flow';
import { assignStepIds, PlaybookDefinitionSchema, stepTreeProblems } from './playbook';
import type { Step } from './steps';

describe('playbook definitions', () => {
  it("accepts the seed system's example exactly as written", () => {
    const parsed = PlaybookDefinitionSchema.safeParse({
      name: 'Order Thank You',
      triggers: [{ type: 'event', eventName: 'order.created' }],
      steps: [{ action: 'send_email', to: '{{customer.email}}', template: 'thank_you' }],
    });
    expect(parsed.success).toBe(true);
    expect(parsed.data!.entry.reentry).toBe('never');
  });

  it('explains what is wrong, with paths', () => {
    const parsed = PlaybookDefinitionSchema.safeParse({
      name: '',
      triggers: [],
      steps: [
        { action: 'send_email' },
        { action: 'teleport' },
        { action: 'wait', duration: '3 fortnights' },
        { action: 'condition', if: 'x', then: [{ action: 'send_sms' }] },
      ],
    });
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^name: Give the playbook a name/),
        expect.stringMatching(/^triggers: Add a trigger/),
        expect.stringMatching(/^steps\.0\.template: Choose a template/),
        expect.stringMatching(/^steps\.1\.action: Unknown step "teleport"/),
        expect.stringMatching(/^steps\.2\.duration: Use a number and a unit/),
        expect.stringMatching(/^steps\.3\.then\.0\.template: Choose a template/),
      ]),
    );
  });

  it('assigns unique ids to every step, keeping ids that exist', () => {
    const parsed = PlaybookDefinitionSchema.parse({
      name: 'x',
      triggers: [{ type: 'manual' }],
      steps: [
        { action: 'add_tag', id: 'keep-me', tag: 'a' },
        { action: 'condition', if: 'true', then: [{ action: 'add_tag', tag: 'b' }], else: [{ action: 'add_tag', tag: 'c' }] },
        {
          action: 'ab_split',
          variants: [
            { name: 'A', weight: 1, steps: [{ action: 'add_tag', tag: 'd' }] },
            { name: 'B', weight: 1 },
          ],
        },
      ],
    });
    const steps = assignStepIds(parsed.steps);
    expect(steps[0]!.id).toBe('keep-me');
    const flow = compileFlow(steps);
    expect(flow.nodes.size).toBe(6);
    expect(stepTreeProblems(steps)).toEqual([]);
  });

  it('reports duplicate step ids', () => {
    const steps = [
      { action: 'add_tag', id: 'x', tag: 'a' },
      { action: 'add_tag', id: 'x', tag: 'b' },
    ] as Step[];
    expect(stepTreeProblems(steps)).toEqual([{ path: 'steps', message: 'Step id "x" is used 2 times' }]);
  });
});

describe('compiled flow', () => {
  it('continues after a branch step when a branch ends, and skips empty branches', () => {
    const steps = [
      { action: 'add_tag', id: 'a', tag: 't' },
      {
        action: 'condition',
        id: 'c',
        if: 'true',
        then: [
          { action: 'add_tag', id: 't1', tag: 't' },
          { action: 'add_tag', id: 't2', tag: 't' },
        ],
        else: [],
      },
      { action: 'add_tag', id: 'z', tag: 't' },
    ] as Step[];
    const flow = compileFlow(steps);
    expect(flow.entry).toBe('a');
    expect(flow.nodes.get('a')!.next).toBe('c');
    expect(flow.nodes.get('c')!.branches).toEqual({ then: 't1', else: 'z' });
    expect(flow.nodes.get('t1')!.next).toBe('t2');
    expect(flow.nodes.get('t2')!.next).toBe('z');
    expect(flow.nodes.get('t2')!.parent).toBe('c');
    expect(flow.nodes.get('z')!.next).toBeNull();
  });
});

describe('A/B assignment', () => {
  it('is deterministic per customer and step', () => {
    fc.assert(
      fc.property(fc.string(), (customerId) => {
        const seed = { playbookId: 'p', stepId: 's', customerId };
        expect(
          assignSplit(
            seed,
            [
              { name: 'A', weight: 1 },
              { name: 'B', weight: 1 },
            ],
            10,
          ),
        ).toEqual(
          assignSplit(
            seed,
            [
              { name: 'A', weight: 1 },
              { name: 'B', weight: 1 },
            ],
            10,
          ),
        );
      }),
    );
  });

  it('follows the weights and the holdout share over many customers', () => {
    const counts = { A: 0, B: 0, holdout: 0 };
    for (let i = 0; i < 20_000; i++) {
      const r = assignSplit(
        { playbookId: 'p1', stepId: 's1', customerId: `cus_${i}` },
        [
          { name: 'A', weight: 3 },
          { name: 'B', weight: 1 },
        ],
        20,
      );
      counts[r.kind === 'holdout' ? 'holdout' : (r.name as 'A' | 'B')]++;
    }
    expect(counts.holdout / 20_000).toBeCloseTo(0.2, 1);
    expect(counts.A / (counts.A + counts.B)).toBeCloseTo(0.75, 1);
  });
});
