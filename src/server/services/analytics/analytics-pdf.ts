import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { money, roiText } from '@/domain/analytics/report-export';
import type { Figures, Row } from '@/domain/analytics/report';
import { formatCents } from '@/domain/money';
import type { AnalyticsReport } from './analytics-report';

const PAGE = { width: 792, height: 612 } as const; // US Letter, landscape: the tables need the width
const MARGIN = 40;
const LINE = 14;

/** The standard fonts encode WinAnsi only: typographic quotes and dashes become plain ones, anything else outside Latin-1 a "?". */
export function pdfSafe(text: string): string {
  return text
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
}

const COLUMNS: Array<{ header: string; width: number; value: (r: Row) => string }> = [
  { header: 'Name', width: 190, value: (r) => r.name },
  { header: 'Runs', width: 45, value: (r) => r.runs.toLocaleString('en-US') },
  { header: 'Sends', width: 50, value: (r) => r.sends.toLocaleString('en-US') },
  { header: 'Clicks', width: 45, value: (r) => r.clicks.toLocaleString('en-US') },
  { header: 'Conv.', width: 40, value: (r) => r.conversions.toLocaleString('en-US') },
  { header: 'Attributed', width: 80, value: (r) => money(r.attributedRevenueCents) },
  { header: 'Incremental', width: 80, value: (r) => (r.incremental.cents === null ? '-' : money(r.incremental.cents)) },
  { header: 'Cost', width: 70, value: (r) => money(r.cost.totalCents) },
  { header: 'ROI', width: 50, value: (r) => (r.roi === null ? '-' : roiText(r.roi)) },
];

class Writer {
  page!: PDFPage;
  y = 0;
  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.newPage();
  }
  newPage() {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - MARGIN;
  }
  need(lines: number) {
    if (this.y - lines * LINE < MARGIN) this.newPage();
  }
  text(s: string, x: number, opts: { size?: number; bold?: boolean; width?: number } = {}) {
    const size = opts.size ?? 9;
    const font = opts.bold ? this.bold : this.font;
    let t = pdfSafe(s);
    if (opts.width) while (t.length > 1 && font.widthOfTextAtSize(t, size) > opts.width - 4) t = `${t.slice(0, -2)}.`;
    this.page.drawText(t, { x, y: this.y, size, font, color: rgb(0.1, 0.12, 0.16) });
  }
  line(s: string, opts: { size?: number; bold?: boolean } = {}) {
    this.need(1);
    this.text(s, MARGIN, opts);
    this.y -= (opts.size ?? 9) + 5;
  }
  table(title: string, rows: Row[]) {
    this.need(3);
    this.y -= 6;
    this.line(title, { size: 12, bold: true });
    if (!rows.length) return this.line('Nothing in this period.');
    const header = () => {
      let x = MARGIN;
      for (const c of COLUMNS) {
        this.text(c.header, x, { bold: true, width: c.width });
        x += c.width;
      }
      this.y -= LINE;
    };
    header();
    for (const r of rows) {
      if (this.y - LINE < MARGIN) {
        this.newPage();
        header();
      }
      let x = MARGIN;
      for (const c of COLUMNS) {
        this.text(c.value(r), x, { width: c.width });
        x += c.width;
      }
      this.y -= LINE;
    }
  }
}

const change = (now: number, before: number) =>
  before === 0 ? '' : ` (${now >= before ? '+' : '-'}${Math.abs(Math.round(((now - before) / Math.abs(before)) * 100))}% vs previous)`;

function headline(t: Figures, p: Figures): string[] {
  return [
    `Attributed revenue: ${formatCents(t.attributedRevenueCents)}${change(t.attributedRevenueCents, p.attributedRevenueCents)}`,
    `Incremental revenue: ${t.incremental.cents === null ? `not measured (${t.incremental.note})` : formatCents(t.incremental.cents)}`,
    `Conversions: ${t.conversions.toLocaleString('en-US')}${change(t.conversions, p.conversions)}`,
    `Cost: ${formatCents(t.cost.totalCents)} (email ${formatCents(t.cost.emailCents)}, texts ${formatCents(t.cost.smsCents)}, AI ${formatCents(t.cost.aiCents)}, loyalty rewards ${formatCents(t.cost.loyaltyCents)})`,
    `ROI: ${t.roi === null ? 'nothing spent' : roiText(t.roi)}`,
    `Runs ${t.runs.toLocaleString('en-US')}, sends ${t.sends.toLocaleString('en-US')}, delivered ${t.deliveries.toLocaleString('en-US')}, opens ${t.opens.toLocaleString('en-US')}, clicks ${t.clicks.toLocaleString('en-US')}`,
  ];
}

/** The Analytics page as a PDF: headline figures and the three tables, in the standard Helvetica (nothing read from disk). */
export async function analyticsPdf(r: AnalyticsReport, now: Date): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(pdfSafe(`${r.dispensary.name}: analytics ${r.range.from} to ${r.range.to}`));
  doc.setCreator('BakedBot');
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  const w = new Writer(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));
  w.line(`${r.dispensary.name}: analytics`, { size: 16, bold: true });
  w.line(`${r.range.from} to ${r.range.to} (${r.range.days} days, ${r.timeZone}), compared with ${r.range.previous.from} to ${r.range.previous.to}`);
  w.y -= 4;
  for (const l of headline(r.totals, r.previousTotals)) w.line(l);
  w.table('Playbooks', r.playbooks);
  w.table('Campaigns', r.campaigns);
  w.table('Agents', r.agents);
  return doc.save();
}
