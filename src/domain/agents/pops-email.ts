import { escapeHtml } from '../messaging/compose-message';
import { formatCents } from '../money';
import { changeWords, type CohortRow, type DayRange, type FunnelStep, type ProductSales, type SegmentMovement } from './pops';

/** What the weekly email needs: the figures of the report (src/server/services/agents/pops-report.ts). */
export interface WeeklyFigures {
  dispensary: string;
  lastWeek: {
    range: DayRange;
    sales: { orders: number; netSalesCents: number; grossSalesCents: number; refundedCents: number; newCustomers: number; returningOrders: number };
    topProducts: Array<ProductSales & { name: string }>;
    movement: SegmentMovement;
  };
  weekBefore: { sales: { orders: number; netSalesCents: number; newCustomers: number }; movement: SegmentMovement };
  cohorts: CohortRow[];
  funnel: FunnelStep[];
}

const day = (key: string) => new Date(`${key}T12:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
const pct = (x: number) => `${Math.round(x * 100)}%`;
const monthName = (m: string) => new Date(`${m}-15T12:00:00Z`).toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Pops's weekly email to the owner: plain words first, then the tables; money formatted. */
export function renderWeeklyEmail(f: WeeklyFigures): { subject: string; html: string; text: string } {
  const L = f.lastWeek;
  const B = f.weekBefore;
  const period = `${day(L.range.from)} – ${day(L.range.to)}`;
  const subject = `Pops’s weekly report for ${f.dispensary}: ${formatCents(L.sales.netSalesCents)} net sales, ${period}`;
  const lines: string[] = [
    `Last week (${period}) you made ${formatCents(L.sales.netSalesCents)} in net sales from ${count(L.sales.orders, 'order')}, ${changeWords(L.sales.netSalesCents, B.sales.netSalesCents)} on the week before (${formatCents(B.sales.netSalesCents)} from ${count(B.sales.orders, 'order')}).`,
    `${count(L.sales.newCustomers, 'new customer')} (the week before: ${B.sales.newCustomers.toLocaleString('en-US')}) and ${count(L.sales.returningOrders, 'returning order')}. Refunds: ${formatCents(L.sales.refundedCents)}.`,
    `Customers won back: ${L.movement.wonBack} (before: ${B.movement.wonBack}). Slipping into At Risk: ${L.movement.slipping} (before: ${B.movement.slipping}). Churned: ${L.movement.churned} (before: ${B.movement.churned}).`,
  ];
  const top = L.topProducts.slice(0, 5);
  const topLine = top.length
    ? `Top sellers: ${top.map((p, i) => `${i + 1}. ${p.name} (${count(p.units, 'unit')}, ${formatCents(p.revenueCents)})`).join('; ')}.`
    : 'No products sold last week.';
  const second = f.funnel.find((s) => s.minOrders === 2);
  const funnelLine = second ? `Of customers with an order, ${pct(second.ofPrevious)} came back for a second (${count(second.customers, 'customer')}).` : '';
  const withCustomers = f.cohorts.filter((c) => c.customers > 0);
  const text = [...lines, topLine, funnelLine, 'See every card on BakedBot: Analytics → Pops’s reports.'].filter(Boolean).join('\n\n');

  const cell = 'padding:4px 8px;border-bottom:1px solid #e2e8f0;text-align:left';
  const num = `${cell};text-align:right`;
  const table = (head: string[], rows: string[][]) =>
    `<table style="border-collapse:collapse;margin:8px 0 16px">` +
    `<tr>${head.map((h, i) => `<th style="${i ? num : cell}">${escapeHtml(h)}</th>`).join('')}</tr>` +
    rows.map((r) => `<tr>${r.map((c, i) => `<td style="${i ? num : cell}">${escapeHtml(c)}</td>`).join('')}</tr>`).join('') +
    `</table>`;
  const html = [
    `<h1 style="font-size:20px">Pops’s weekly report: ${escapeHtml(period)}</h1>`,
    ...lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    `<h2 style="font-size:16px">Last week against the week before</h2>`,
    table(
      ['', 'Last week', 'Week before', 'Change'],
      [
        ['Net sales', formatCents(L.sales.netSalesCents), formatCents(B.sales.netSalesCents), changeWords(L.sales.netSalesCents, B.sales.netSalesCents)],
        ['Orders', String(L.sales.orders), String(B.sales.orders), changeWords(L.sales.orders, B.sales.orders)],
        ['New customers', String(L.sales.newCustomers), String(B.sales.newCustomers), changeWords(L.sales.newCustomers, B.sales.newCustomers)],
        ['Won back', String(L.movement.wonBack), String(B.movement.wonBack), changeWords(L.movement.wonBack, B.movement.wonBack)],
        ['Slipping', String(L.movement.slipping), String(B.movement.slipping), changeWords(L.movement.slipping, B.movement.slipping)],
        ['Churned', String(L.movement.churned), String(B.movement.churned), changeWords(L.movement.churned, B.movement.churned)],
      ],
    ),
    `<h2 style="font-size:16px">Top sellers</h2>`,
    top.length
      ? table(
          ['Product', 'Units', 'Sales'],
          top.map((p) => [p.name, String(p.units), formatCents(p.revenueCents)]),
        )
      : '<p>No products sold last week.</p>',
    `<h2 style="font-size:16px">Repeat purchases</h2>`,
    table(
      ['Customers with', 'Customers', 'Of the step before'],
      f.funnel.map((s, i) => [`${s.minOrders}+ ${s.minOrders === 1 ? 'order' : 'orders'}`, s.customers.toLocaleString('en-US'), i ? pct(s.ofPrevious) : '']),
    ),
    `<h2 style="font-size:16px">Lifetime value by first-order month</h2>`,
    withCustomers.length
      ? table(
          ['Cohort', 'Customers', 'Lifetime value', 'Per customer'],
          withCustomers.map((c) => [monthName(c.month), c.customers.toLocaleString('en-US'), formatCents(c.lifetimeValueCents), formatCents(c.averageCents)]),
        )
      : '<p>No first orders in the last six months.</p>',
    `<p style="color:#475569">Pops, your analyst at BakedBot. Every card is on Analytics → Pops’s reports.</p>`,
  ].join('\n');
  return { subject: subject.slice(0, 200), html, text };
}
