/** A cell a spreadsheet will not run as a formula: text starting with = + - @ (or a tab or return) is quoted. */
export function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
