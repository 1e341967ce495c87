import { describe, expect, it } from 'vitest';
import { STATUS_VOCABULARY, statusLook } from './status';

describe('the status vocabulary', () => {
  it('says the same state in the same words and tone wherever it appears', () => {
    expect(statusLook('run', 'failed')).toEqual(statusLook('step', 'failed'));
    expect(statusLook('send', 'failed')).toEqual({ label: 'Failed', tone: 'danger' });
    expect(statusLook('task', 'done')).toEqual(statusLook('step', 'done'));
  });

  it('uses plain words: capitalised, no underscores or codes', () => {
    for (const [kind, entries] of Object.entries(STATUS_VOCABULARY)) {
      for (const [status, { label }] of Object.entries(entries)) expect(label, `${kind}.${status}`).toMatch(/^[A-Z][a-z ,]+$/);
    }
  });

  it('shows a status it does not know as itself, neutral, rather than failing', () => {
    expect(statusLook('delivery', 'on_hold')).toEqual({ label: 'on hold', tone: 'neutral' });
  });
});
