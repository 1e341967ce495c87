'use client';

import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/**
 * The coupon as a QR code the POS scanner reads: the bare 12-character code (upper-case letters
 * and digits, so QR's compact alphanumeric mode), drawn as SVG in the browser.
 */
export function CouponQr({ code, label }: { code: string; label: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(code.replace(/-/g, ''), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
      .then((s) => live && setSvg(s))
      .catch(() => live && setSvg(null));
    return () => {
      live = false;
    };
  }, [code]);
  if (!svg) return <div className="size-48 animate-pulse rounded bg-slate-100" aria-hidden />;
  // eslint-disable-next-line @next/next/no-img-element -- a generated data: SVG, nothing for next/image to optimise
  return <img src={`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`} alt={label} data-testid="coupon-qr" className="size-48 bg-white" />;
}
