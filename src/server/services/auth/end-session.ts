import type { ServiceContext } from '../../context';
import { revokeSessions } from '../../auth/session';

/** Signing out revokes every session of this user, so a copied cookie stops working too. */
export async function endSession(ctx: ServiceContext): Promise<void> {
  await revokeSessions(ctx.actor.uid);
  ctx.log?.info({ event: 'session.revoked' }, 'signed out');
}
