import { CsvSyntaxError, parseCsv } from '../csv';
import { autoMapColumns, MAX_CUSTOMER_IMPORT_ROWS, mappingProblem, type ColumnMapping } from './import-mapping';
import { checkImportRow, type RowCheck } from './import-rows';

export const MAX_IMPORT_COLUMNS = 200;

/** A file refused as a whole: `tooLarge` answers 413, anything else 400. */
export class CustomerImportFileError extends Error {
  constructor(
    message: string,
    readonly tooLarge = false,
  ) {
    super(message);
    this.name = 'CustomerImportFileError';
  }
}

export interface ReadImportFile {
  header: string[];
  mapping: ColumnMapping;
  /** Set when the mapping cannot be imported (no identity column, a column used twice). */
  mappingProblem: string | null;
  rows: Array<{ line: number; fields: string[]; check: RowCheck }>;
}

/**
 * Reads the whole file and checks every row against the mapping (the automatic one from the
 * header when none is given). Nothing is matched against profiles here.
 */
export function readImportFile(csvText: string, mapping: ColumnMapping | undefined, now: Date): ReadImportFile {
  let records;
  try {
    records = parseCsv(csvText);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new CustomerImportFileError(`The file is not valid CSV: ${err.message}`);
    throw err;
  }
  const [head, ...data] = records;
  if (!head) throw new CustomerImportFileError('The file is empty: it needs a header row and a row per customer.');
  if (!data.length) throw new CustomerImportFileError('The file has a header but no rows.');
  if (data.length > MAX_CUSTOMER_IMPORT_ROWS)
    throw new CustomerImportFileError(
      `The file has ${data.length.toLocaleString('en-US')} rows; at most ${MAX_CUSTOMER_IMPORT_ROWS.toLocaleString('en-US')} can be imported at once. Split it.`,
      true,
    );
  if (head.fields.length > MAX_IMPORT_COLUMNS)
    throw new CustomerImportFileError(
      `The header has ${head.fields.length} columns; at most ${MAX_IMPORT_COLUMNS} can be read. Remove the columns not imported.`,
    );
  const header = head.fields.map((h) => h.trim().slice(0, 200));
  const used = mapping ?? autoMapColumns(header);
  const problem = mappingProblem(used, header.length);
  return {
    header,
    mapping: used,
    mappingProblem: problem,
    rows: problem ? [] : data.map((rec) => ({ line: rec.line, fields: rec.fields, check: checkImportRow(rec.fields, used, now) })),
  };
}
