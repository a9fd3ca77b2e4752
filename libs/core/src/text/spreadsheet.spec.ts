import { describe, expect, it } from '@jest/globals';
import { spreadsheetSafe } from './spreadsheet.js';

describe('spreadsheetSafe', () => {
  it('keeps names a spreadsheet would run as formulas from running', () => {
    expect(spreadsheetSafe('=HYPERLINK("http://evil")')).toBe(`'=HYPERLINK("http://evil")`);
    expect(spreadsheetSafe('+33 team')).toBe(`'+33 team`);
    expect(spreadsheetSafe('@here')).toBe(`'@here`);
    expect(spreadsheetSafe('Amina Diallo')).toBe('Amina Diallo');
  });
});
