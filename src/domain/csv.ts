/**
 * CSV as RFC 4180 describes it: fields separated by commas, records by CRLF or LF, a field in
 * double quotes may hold commas, line breaks and doubled quotes. Written here rather than taken
 * from csv-parse: that package is only in node_modules as a dependency of firebase-tools (a dev
 * tool), and this is the whole of what an export from a loyalty provider needs.
 */

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    /** The 1-based line of the file where the problem is. */
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

export interface CsvRecord {
  fields: string[];
  /** The 1-based line of the file the record starts on (a quoted field may span several). */
  line: number;
}

/** Parses the whole text. A leading byte-order mark is dropped; blank lines are skipped. */
export function parseCsv(text: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quotedField = false;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '' && !quotedField)) records.push({ fields, line: recordLine });
    fields = [];
    field = '';
    quotedField = false;
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === '"' && field === '' && !quotedField) {
      quotedField = true;
      const start = line;
      i++;
      for (;;) {
        if (i >= src.length) throw new CsvSyntaxError(`A quoted value that starts on line ${start} is never closed.`, start);
        const q = src[i]!;
        if (q === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      const next = src[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r')
        throw new CsvSyntaxError(`Line ${line}: text after a closing quote; a quote inside a quoted value must be doubled ("").`, line);
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      quotedField = false;
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || fields.length || quotedField) endRecord();
  return records;
}

/**
 * Text a spreadsheet would run as a formula (starting =, +, -, @, tab, CR) is prefixed with a
 * quote mark; a plain signed number (an E.164 phone, a negative difference) is left as it is.
 */
function cell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s) && !/^[+-]?\d+$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes records as CSV with CRLF line ends (RFC 4180), guarding text cells against formula injection. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
