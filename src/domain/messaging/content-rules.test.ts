import { describe, expect, it } from 'vitest';
import { describeViolations, findContentViolations, rewriteContent } from './content-rules';

describe('content rules', () => {
  it.each([
    'Our tincture cures insomnia.',
    'CBD relieves anxiety fast',
    'Great for your chronic pain',
    'Clinically proven relaxation',
    'The healing properties of nature',
    'Helps with depression and more',
    'FDA-approved quality',
    'Safer than alcohol!',
    'A natural anti-inflammatory',
  ])('flags the health claim in %j', (text) => {
    expect(findContentViolations(text).map((v) => v.rule)).toContain('health_claim');
  });

  it.each(['Back-to-school savings!', 'Fun for the kids', 'Edibles that taste like candy', 'Prom night specials', 'Teens love it', 'Bring the whole family'])(
    'flags content aimed at minors in %j',
    (text) => {
      expect(findContentViolations(text).map((v) => v.rule)).toContain('minors');
    },
  );

  it.each([
    'Treat yourself to 20% off pre-rolls this weekend.',
    'Riverbend Remedies has new arrivals.',
    'Thanks for your order, Jamie! You earned 54 points.',
    'Relax with our new indica blend.',
    'Must be 21+ with valid ID.',
  ])('lets ordinary marketing through: %j', (text) => {
    expect(findContentViolations(text)).toEqual([]);
  });

  it('rewrites by dropping the offending sentences and says what it found', () => {
    const r = rewriteContent('New gummies are in! They cure anxiety. Stop by this weekend.', 'text');
    expect(r.changed).toBe(true);
    expect(r.text).toBe('New gummies are in! Stop by this weekend.');
    expect(findContentViolations(r.text)).toEqual([]);
    expect(describeViolations(r.violations)).toMatch(/health or medical claim \("cure"\)/);
  });

  it('rewrites HTML without breaking its tags', () => {
    const r = rewriteContent('<p>Hi Jamie!</p><p>Perfect for back-to-school. Our <a href="https://x.example">menu</a> is updated.</p>', 'html');
    expect(r.text).toContain('<p>Hi Jamie!</p>');
    expect(r.text).toContain('<a href="https://x.example">menu</a>');
    expect(r.text).not.toMatch(/school/i);
  });

  it('returns an empty text when nothing is usable', () => {
    expect(rewriteContent('This cures cancer.', 'text').text).toBe('');
  });
});
