import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, neutraliseCell } from './csv';

describe('neutraliseCell', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+1 313 555 0142', `'+1 313 555 0142`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
  ])('puts an apostrophe before %j', (input, out) => {
    expect(neutraliseCell(input)).toBe(out);
  });

  it('leaves ordinary text, an inner formula character and numbers alone', () => {
    expect(neutraliseCell('Ada Lovelace')).toBe('Ada Lovelace');
    expect(neutraliseCell('a=b')).toBe('a=b');
    expect(neutraliseCell(-5)).toBe('-5');
    expect(neutraliseCell(null)).toBe('');
    expect(neutraliseCell(undefined)).toBe('');
  });
});

describe('csvCell and csvRow', () => {
  it('quotes a cell with a comma, a quote, a line break or edge spaces', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded')).toBe('" padded"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('writes CRLF lines a CSV parser reads back to the neutralised cells', () => {
    const text = csvRow(['name', 'tags']) + csvRow(['=cmd|calc', 'vip; "gold", new']);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parse(text)).toEqual([
      ['name', 'tags'],
      [`'=cmd|calc`, 'vip; "gold", new'],
    ]);
  });

  it('round-trips any text: a parser reads back exactly the neutralised cell, never a formula start', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 5 }), (cells) => {
        const [row] = parse(csvRow(cells), { relax_quotes: false }) as string[][];
        expect(row).toEqual(cells.map((c) => neutraliseCell(c)));
        for (const c of row!) expect(/^[=+\-@\t\r]/.test(c)).toBe(false);
      }),
    );
  });
});
