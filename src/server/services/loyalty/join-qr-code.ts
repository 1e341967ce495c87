import QRCode from 'qrcode';
import type { ServiceContext } from '../../context';
import { config } from '../../config';
import { tenantsCollection } from '../../db/tenant-db';
import { tenantSlugOf } from '../tenants/tenant-slug';

export interface JoinQrCode {
  name: string;
  url: string;
  svg: string;
  svgDataUrl: string;
  /** A 1,024-pixel PNG, large enough for a poster. */
  pngDataUrl: string;
}

/** The QR code customers scan in the store to open the join page, as SVG (print, any size) and PNG. */
export async function makeJoinQrCode(ctx: Pick<ServiceContext, 'orgId' | 'clock'>): Promise<JoinQrCode> {
  const [tenant, slug] = await Promise.all([tenantsCollection().getOrThrow(ctx.orgId), tenantSlugOf(ctx.orgId, ctx.clock.now())]);
  const url = `${config().appBaseUrl.replace(/\/$/, '')}/join/${slug}`;
  // Level M survives a scuffed counter sticker; a margin of 4 modules is the quiet zone the standard asks for.
  const options = { errorCorrectionLevel: 'M' as const, margin: 4 };
  const [svg, pngDataUrl] = await Promise.all([QRCode.toString(url, { ...options, type: 'svg' }), QRCode.toDataURL(url, { ...options, width: 1024 })]);
  return { name: tenant.name, url, svg, svgDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`, pngDataUrl };
}
