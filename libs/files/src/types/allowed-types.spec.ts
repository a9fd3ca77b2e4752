import { describe, expect, it } from '@jest/globals';
import { CsvCheck, sniffType, storedName } from './allowed-types.js';

function csvProblem(text: string | Buffer, chunkSize = 3): string | null {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const check = new CsvCheck();
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    const problem = check.feed(bytes.subarray(offset, offset + chunkSize));
    if (problem) return problem;
  }
  return check.end();
}

describe('CSV check', () => {
  it.each([
    'a,b\n1,2\n',
    'a,b\r\n1,2',
    'a;b;c\n1;2;3\n\n',
    'a\tb\n1\t2\n',
    '\ufeffname,note\n"Smith, J.","said ""hi"""\n',
    '"multi\nline",x\ny,z\n',
    'single column\nsecond row\n',
    'é,ü\n€,ñ\n',
  ])('accepts %j', (text) => {
    expect(csvProblem(text)).toBeNull();
  });

  it.each([
    ['a,b\n1,2,3\n', /fields/],
    ['a,"open\n', /never closed/],
    ['a,"b"c\n', /after a closing quote/],
    ['a,b\n\u0001,2\n', /control characters/],
    [Buffer.from([0x61, 0x2c, 0xff, 0x0a]), /UTF-8/],
    ['', /no records/],
  ])('refuses %j', (text, problem) => {
    expect(csvProblem(text)).toMatch(problem);
  });

  it('splits a multi-byte character across chunks without complaint', () => {
    expect(csvProblem('x,€\n1,2\n', 1)).toBeNull();
  });
});

describe('type sniffing', () => {
  it('recognises by the bytes and refuses what is not allowed', async () => {
    expect(await sniffType(Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), 'x.docx')).toBe('pdf');
    await expect(
      sniffType(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]), 'x.pdf'),
    ).rejects.toMatchObject({
      status: 415,
    });
    expect(await sniffType(Buffer.from('a,b\n1,2\n'), 'DATA.CSV')).toBe('csv');
    await expect(sniffType(Buffer.from('a,b\n1,2\n'), 'data.txt')).rejects.toMatchObject({ status: 415 });
  });
});

describe('stored names', () => {
  it.each([
    ['report.pdf', 'pdf', 'report.pdf'],
    ['Report.PDF', 'pdf', 'Report.PDF'],
    ['C:\\Users\\me\\plan.docx', 'docx', 'plan.docx'],
    ['../../etc/passwd', 'pdf', 'passwd.pdf'],
    ['evil.html', 'png', 'evil.html.png'],
    ['photo.jpeg', 'jpg', 'photo.jpeg'],
    ['', 'pdf', 'file.pdf'],
    ['.hidden', 'csv', 'hidden.csv'],
    ['a\u0000b\u202e.pdf', 'pdf', 'ab.pdf'],
  ] as const)('%j as %s → %j', (name, type, expected) => {
    expect(storedName(name, type)).toBe(expected);
  });

  it('keeps names within 200 characters, extension included', () => {
    const name = storedName(`${'x'.repeat(300)}.pdf`, 'pdf');
    expect(name).toHaveLength(200);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});
