import type { PublicMenu } from '@/server/services/loyalty/get-public-menu';
import type { PublicProduct } from '@/domain/loyalty/public-menu';
import { formatMoney } from '@/ui/primitives/format';

function potency(p: PublicProduct): string {
  const parts = [
    p.thcPercent !== null ? `THC ${p.thcPercent}%` : p.thcMg !== null ? `THC ${p.thcMg} mg` : null,
    p.cbdPercent ? `CBD ${p.cbdPercent}%` : p.cbdMg ? `CBD ${p.cbdMg} mg` : null,
  ];
  return parts.filter(Boolean).join(' · ');
}

export function PublicMenuView({ menu }: { menu: PublicMenu }) {
  const bar = menu.loyalty;
  return (
    <main className="mx-auto max-w-3xl px-4 py-6">
      <h1 className="text-2xl font-semibold">{menu.name}</h1>
      {bar ? (
        <section aria-label="Loyalty" data-testid="loyalty-bar" className="mt-4 rounded-lg bg-brand-50 p-4 text-brand-900">
          <p className="font-medium">{bar.tagline}</p>
          <p className="mt-1 text-sm">
            <a className="underline" href={`/join/${menu.slug}`}>
              Join our loyalty programme
            </a>{' '}
            ·{' '}
            <a className="underline" href={`/my/${menu.slug}`}>
              See your points
            </a>
          </p>
          {bar.programmes.length ? (
            <ul className="mt-2 flex flex-wrap gap-2 text-sm" aria-label="Discounts">
              {bar.programmes.map((p) => (
                <li key={p.key} className="rounded-full bg-white px-3 py-1">
                  {p.label}: {p.percent}% off
                </li>
              ))}
            </ul>
          ) : null}
          {bar.delivery || bar.driveThru ? (
            <p className="mt-2 text-sm">
              {bar.delivery
                ? `Delivery within ${bar.delivery.radiusMiles} miles, ${formatMoney(bar.delivery.minimumCents)} minimum, ${bar.delivery.feeCents ? `${formatMoney(bar.delivery.feeCents)} fee` : 'no fee'}.`
                : null}{' '}
              {bar.driveThru ? 'Drive-thru available.' : null}
            </p>
          ) : null}
        </section>
      ) : null}
      {menu.sections.length ? (
        menu.sections.map((s) => (
          <section key={s.category} aria-labelledby={`cat-${s.category}`} className="mt-8">
            <h2 id={`cat-${s.category}`} className="text-lg font-semibold">
              {s.label}
            </h2>
            <ul className="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
              {s.products.map((p) => (
                // The anchor Smokey's emailed product cards link to (/menu/{slug}#product-{id}).
                <li key={p.id} id={`product-${p.id}`} className="flex scroll-mt-4 items-start justify-between gap-4 px-4 py-3">
                  <div>
                    <p className="font-medium">{p.name}</p>
                    <p className="text-sm text-slate-600">
                      {p.brand}
                      {p.size ? ` · ${p.size}` : ''}
                      {potency(p) ? ` · ${potency(p)}` : ''}
                    </p>
                  </div>
                  <p className="font-medium tabular-nums whitespace-nowrap">{formatMoney(p.priceCents)}</p>
                </li>
              ))}
            </ul>
          </section>
        ))
      ) : (
        <p className="mt-8 text-slate-600">Nothing is in stock right now. Check back soon.</p>
      )}
      <p className="mt-10 text-xs text-slate-500">For adults 21 and over. Prices before tax.</p>
    </main>
  );
}
