'use client';
import type { JoinQrCode } from '@/server/services/loyalty/join-qr-code';
import { Button, buttonClass } from '@/ui/primitives/button';

/** The poster (what prints, alone, on one page: see .print-poster in globals.css) and its downloads. */
export function JoinQrPoster({ qr }: { qr: JoinQrCode }) {
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap gap-2">
        <a className={buttonClass('secondary')} href={qr.pngDataUrl} download="join-qr-code.png">
          Download PNG
        </a>
        <a className={buttonClass('secondary')} href={qr.svgDataUrl} download="join-qr-code.svg">
          Download SVG
        </a>
        <Button onClick={() => window.print()}>Print poster</Button>
      </div>
      <section className="print-poster mx-auto max-w-md rounded-lg border border-slate-200 bg-white p-8 text-center" aria-label="Poster">
        <p className="text-sm tracking-wide text-slate-600 uppercase">{qr.name}</p>
        <h2 className="mt-2 text-3xl font-semibold">Join our rewards</h2>
        <p className="mt-2 text-slate-700">Earn points on every purchase. Scan with your phone camera.</p>
        {/* eslint-disable-next-line @next/next/no-img-element -- a generated data URL; next/image adds nothing here */}
        <img src={qr.pngDataUrl} alt={`QR code that opens ${qr.url}`} className="mx-auto mt-6 aspect-square w-full max-w-72" data-testid="join-qr" />
        <p className="mt-4 text-sm break-all text-slate-700">{qr.url}</p>
        <p className="mt-2 text-xs text-slate-500">For adults 21 and over.</p>
      </section>
    </div>
  );
}
