import { describe, expect, it } from 'vitest';
import { findContentViolations } from './content-rules';
import { DEFAULT_TEMPLATES } from './default-templates';
import { CreateTemplateInputSchema } from './template';
import { validateTemplateSource } from './template-engine';

describe('the default templates', () => {
  it.each(DEFAULT_TEMPLATES.map((t) => [t.key, t] as const))('%s is valid, uses only documented variables and breaks no content rule', (_key, t) => {
    expect(CreateTemplateInputSchema.safeParse(t).success).toBe(true);
    expect(validateTemplateSource(t)).toEqual([]);
    expect(findContentViolations(`${t.subject ?? ''} ${t.body}`)).toEqual([]);
  });

  it('has unique keys and covers what the playbook gallery needs', () => {
    const keys = DEFAULT_TEMPLATES.map((t) => t.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of [
      'welcome',
      'thank_you',
      'abandoned_cart_1h',
      'abandoned_cart_24h',
      'abandoned_cart_72h',
      'win_back',
      'birthday',
      'review_request',
      'restock_notice',
      'vip_welcome',
      'points_expiring',
      'points_expiring_sms',
      'tier_up',
    ])
      expect(keys).toContain(k);
  });
});
