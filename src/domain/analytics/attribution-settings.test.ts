import { describe, expect, it } from 'vitest';
import { AttributionSettingsSchema, defaultAttributionSettings } from './attribution-settings';

describe('attribution settings', () => {
  it('defaults to a 7-day click window and 3-day email / 1-day SMS view windows', () => {
    expect(defaultAttributionSettings()).toEqual({ clickWindowDays: 7, viewWindowDays: { email: 3, sms: 1 } });
    expect(AttributionSettingsSchema.parse({})).toEqual(defaultAttributionSettings());
    expect(AttributionSettingsSchema.parse({ viewWindowDays: { sms: 2 } })).toEqual({ clickWindowDays: 7, viewWindowDays: { email: 3, sms: 2 } });
  });

  it('hands out a fresh object each time', () => {
    const a = defaultAttributionSettings();
    a.viewWindowDays.sms = 9;
    expect(defaultAttributionSettings().viewWindowDays.sms).toBe(1);
  });

  it.each([
    [{ clickWindowDays: 0 }, 'The click window is at least 1 day'],
    [{ clickWindowDays: 31 }, 'The click window is at most 30 days'],
    [{ clickWindowDays: 2.5 }, 'Give the click window in whole days'],
    [{ clickWindowDays: 'soon' }, 'Give the click window as a number of days'],
    [{ viewWindowDays: { email: 45 } }, 'The email view window is at most 30 days'],
    [{ viewWindowDays: { sms: 0 } }, 'The text message view window is at least 1 day'],
  ])('refuses %j in plain words', (input, message) => {
    const r = AttributionSettingsSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toEqual([message]);
  });

  it('accepts the bounds and numbers typed into a form', () => {
    expect(AttributionSettingsSchema.parse({ clickWindowDays: '30', viewWindowDays: { email: 1, sms: 30 } })).toEqual({
      clickWindowDays: 30,
      viewWindowDays: { email: 1, sms: 30 },
    });
  });
});
