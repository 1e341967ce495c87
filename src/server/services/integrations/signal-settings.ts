import { z } from 'zod';
import { DEFAULT_ABANDON_DELAY_MINUTES, UpdateSignalSettingsInputSchema, type SignalSettings } from '@/domain/signals/records';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';

/** The tenant's signal settings, with defaults when none were saved. */
export async function getSignalSettings(ctx: Pick<ServiceContext, 'orgId'>): Promise<SignalSettings> {
  return signalSettingsOrDefault(await tenantDb(ctx.orgId).signalSettings.get('current'));
}

/** The saved settings (the document `current`), or the defaults when none were saved. */
export function signalSettingsOrDefault(saved: SignalSettings | null | undefined): SignalSettings {
  return saved ?? { id: 'current', abandonedCheckoutDelayMinutes: DEFAULT_ABANDON_DELAY_MINUTES, updatedAt: new Date(0), updatedBy: 'default' };
}

export async function updateSignalSettings(ctx: ServiceContext, input: z.input<typeof UpdateSignalSettingsInputSchema>): Promise<SignalSettings> {
  const data = UpdateSignalSettingsInputSchema.parse(input);
  const settings: SignalSettings = { id: 'current', ...data, updatedAt: ctx.clock.now(), updatedBy: ctx.actor.uid };
  await tenantDb(ctx.orgId).signalSettings.set(settings);
  ctx.log?.info({ event: 'signal_settings.updated', ...data }, 'signal settings updated');
  return settings;
}
