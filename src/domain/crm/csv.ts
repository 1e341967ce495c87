/**
 * A small RFC 4180 writer for exports: every cell quoted when it needs to be, CRLF line ends.
 * Spreadsheets run a cell that starts with =, +, -, @, a tab or a carriage return as a formula
 * (OWASP "CSV injection"), so such a cell gets a leading apostrophe: a customer who names
 * themselves "=HYPERLINK(...)" stays text in Excel, Sheets and Numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The text of one cell, neutralised against formulas (numbers are written as they are). */
export function neutraliseCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One cell as CSV: neutralised, then quoted when it holds a quote, comma, line break or edge space. */
export function csvCell(value: string | number | null | undefined): string {
  const text = neutraliseCell(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, CRLF-terminated. */
export function csvRow(cells: ReadonlyArray<string | number | null | undefined>): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
