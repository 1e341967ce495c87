import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv, toCsv } from './csv';

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe('parseCsv', () => {
  it('reads quoted commas, doubled quotes and line breaks inside quotes, CRLF or LF, and drops a BOM', () => {
    expect(fields('\uFEFFphone,points\r\n"(313) 555-0142, cell",1250\n"He said ""hi""","a\nb"\n')).toEqual([
      ['phone', 'points'],
      ['(313) 555-0142, cell', '1250'],
      ['He said "hi"', 'a\nb'],
    ]);
  });

  it('skips blank lines but keeps the file line each record starts on', () => {
    const recs = parseCsv('a,b\n\n"x\ny",1\nz,2');
    expect(recs.map((r) => r.line)).toEqual([1, 3, 5]);
    expect(recs[2]!.fields).toEqual(['z', '2']);
  });

  it('keeps empty fields', () => {
    expect(fields('a,,c\n,\n')).toEqual([
      ['a', '', 'c'],
      ['', ''],
    ]);
  });

  it('names the line of an unclosed quote and of text after a closing quote', () => {
    expect(() => parseCsv('a\n"open,1\n2')).toThrow(/starts on line 2 is never closed/);
    expect(() => parseCsv('a\n"x"y,1')).toThrow(CsvSyntaxError);
  });

  it('reads back whatever toCsv writes (any text without formula prefixes)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', 'é', '1') }).filter((s) => !/^[=+\-@\t\r]/.test(s));
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }), (rows) => {
        expect(fields(toCsv(rows))).toEqual(rows);
      }),
    );
  });
});

describe('toCsv', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(toCsv([['=HYPERLINK("x")', '-1+2', '+13135550142', -5]])).toBe(`"'=HYPERLINK(""x"")",'-1+2,+13135550142,-5\r\n`);
  });
});
