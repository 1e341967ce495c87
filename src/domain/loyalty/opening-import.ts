import { CsvSyntaxError, parseCsv } from '../csv';
import { normalizeEmail, normalizePhone } from '../phone';
import type { Tier } from './settings';

/**
 * Opening balances brought over from another loyalty provider: the CSV's columns, the checks on
 * each row, and the words a row's outcome is reported in. Pure; the service matches customers
 * and posts the lines (src/server/services/loyalty/import-opening-balances.ts).
 */

/** 2 MiB of CSV is about 50,000 rows of phone,points,tier: comfortably above MAX_IMPORT_ROWS. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;
/** A balance larger than this is a typo (or a column of money, or of ids), not points. */
export const MAX_OPENING_POINTS = 10_000_000;

export type ImportColumn = 'phone' | 'email' | 'points' | 'tier';

/** Header spellings from common exports, compared without case, spaces, dashes or underscores. */
const HEADER_ALIASES: Record<ImportColumn, readonly string[]> = {
  phone: ['phone', 'phonenumber', 'mobile', 'mobilenumber', 'mobilephone', 'cell', 'cellphone', 'telephone', 'tel'],
  email: ['email', 'emailaddress', 'e-mail', 'mail'],
  points: ['points', 'balance', 'pointsbalance', 'pointbalance', 'currentpoints', 'availablepoints', 'loyaltypoints'],
  tier: ['tier', 'tiername', 'level', 'loyaltytier', 'status'],
};

const squash = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.]+/g, '');

export function columnFor(header: string): ImportColumn | null {
  const h = squash(header);
  for (const [col, aliases] of Object.entries(HEADER_ALIASES) as Array<[ImportColumn, readonly string[]]>) if (aliases.some((a) => squash(a) === h)) return col;
  return null;
}

export const IMPORT_SAMPLE_CSV = 'phone,email,points,tier\n(313) 555-0142,,1250,Gold\n,jamie@example.com,300,\n+1 248 555 0199,sam@example.com,0,Bronze\n';

export type ParsedRow =
  | { line: number; status: 'ok'; phone: string | null; email: string | null; points: number; tierId: string | null; raw: string }
  | { line: number; status: 'invalid' | 'duplicate'; message: string; raw: string };

export interface ParsedImport {
  columns: Partial<Record<ImportColumn, number>>;
  rows: ParsedRow[];
}

/** A file the import refuses as a whole (no header, no identity column, too many rows): 422 with this message. */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}

const POINTS_RE = /^\d{1,3}(,\d{3})+$|^\d+$/;

/** Whole points: "1250", "1,250", "1250.0"; never negative, fractional or a money amount. */
export function parsePoints(raw: string): { points: number } | { message: string } {
  const s = raw.trim();
  if (!s) return { message: 'The points are missing.' };
  if (/^-/.test(s)) return { message: `The points (${s}) are negative; a balance cannot be below zero.` };
  if (/^\$/.test(s)) return { message: `The points (${s}) look like money; give the points balance.` };
  const whole = s.replace(/\.0+$/, '');
  if (!POINTS_RE.test(whole)) return { message: `The points (${s}) are not a whole number.` };
  const points = Number(whole.replace(/,/g, ''));
  if (!Number.isSafeInteger(points) || points > MAX_OPENING_POINTS)
    return { message: `The points (${s}) are more than ${MAX_OPENING_POINTS.toLocaleString('en-US')}; check the column.` };
  return { points };
}

/** The programme's tier a cell names, by id or by name, without case: null for blank, undefined for none. */
export function tierFor(raw: string, tiers: readonly Pick<Tier, 'id' | 'name'>[]): string | null | undefined {
  const s = raw.trim().toLowerCase();
  if (!s) return null;
  return tiers.find((t) => t.id.toLowerCase() === s || t.name.trim().toLowerCase() === s)?.id;
}

/**
 * Reads the file and checks every row: a phone (normalised to E.164 as everywhere else) or an
 * email, whole non-negative points, a tier of the programme or blank. A row naming the same phone
 * or email as an earlier row is a duplicate: only the first counts.
 */
export function parseOpeningBalances(csvText: string, tiers: readonly Pick<Tier, 'id' | 'name'>[]): ParsedImport {
  let records;
  try {
    records = parseCsv(csvText);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new ImportFileError(`The file is not valid CSV: ${err.message}`);
    throw err;
  }
  const [header, ...data] = records;
  if (!header) throw new ImportFileError('The file is empty: it needs a header row (phone or email, and points) and a row per customer.');
  const columns: ParsedImport['columns'] = {};
  header.fields.forEach((h, i) => {
    const col = columnFor(h);
    if (col && columns[col] === undefined) columns[col] = i;
  });
  if (columns.phone === undefined && columns.email === undefined)
    throw new ImportFileError(`No phone or email column: the header row reads "${header.fields.join(',').slice(0, 200)}". Name one column "phone" or "email".`);
  if (columns.points === undefined) throw new ImportFileError('No points column: name the column with each balance "points" (or "balance").');
  if (data.length > MAX_IMPORT_ROWS)
    throw new ImportFileError(
      `The file has ${data.length.toLocaleString('en-US')} rows; at most ${MAX_IMPORT_ROWS.toLocaleString('en-US')} can be imported at once. Split it.`,
    );

  const firstLine = new Map<string, number>();
  const rows = data.map((rec): ParsedRow => {
    const get = (col: ImportColumn) => (columns[col] === undefined ? '' : (rec.fields[columns[col]!] ?? '').trim());
    const raw = rec.fields.join(',').slice(0, 300);
    const bad = (message: string): ParsedRow => ({ line: rec.line, status: 'invalid', message, raw });
    const phoneRaw = get('phone');
    const emailRaw = get('email');
    if (!phoneRaw && !emailRaw) return bad('No phone number or email to find the customer by.');
    const phone = phoneRaw ? normalizePhone(phoneRaw) : null;
    if (phoneRaw && !phone) return bad(`The phone number "${phoneRaw.slice(0, 40)}" is not a valid number.`);
    const email = emailRaw ? normalizeEmail(emailRaw) : null;
    if (emailRaw && !email) return bad(`The email "${emailRaw.slice(0, 80)}" is not a valid address.`);
    const pts = parsePoints(get('points'));
    if ('message' in pts) return bad(pts.message);
    const tierRaw = get('tier');
    const tierId = tierFor(tierRaw, tiers);
    if (tierId === undefined) return bad(`The tier "${tierRaw.slice(0, 40)}" is not one of this programme's tiers (${tiers.map((t) => t.name).join(', ')}).`);
    for (const key of [phone && `phone:${phone}`, email && `email:${email}`]) {
      const seen = key ? firstLine.get(key) : undefined;
      if (seen !== undefined)
        return {
          line: rec.line,
          status: 'duplicate',
          message: `Same ${key!.startsWith('phone') ? 'phone number' : 'email'} as line ${seen}; only that line is imported.`,
          raw,
        };
    }
    for (const key of [phone && `phone:${phone}`, email && `email:${email}`]) if (key) firstLine.set(key, rec.line);
    return { line: rec.line, status: 'ok', phone, email, points: pts.points, tierId, raw };
  });
  return { columns, rows };
}
