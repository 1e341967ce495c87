import { config } from '../../config';

/** What the browser needs to open live listeners: the public web config, plus the emulator host locally. */
export function liveNotificationsConfig() {
  const c = config();
  return { ...c.web, firestoreEmulatorHost: c.firestoreEmulatorHost ?? null };
}
