import { describe, expect, it } from '@jest/globals';
import { linkMentions, mentionedIds } from './mentions.js';
import { normaliseTag, renderMarkdown, searchTerms } from '@plenary/core';

describe('renderMarkdown', () => {
  it('renders emphasis, lists, links, code and quotes', () => {
    const html = renderMarkdown('**bold** *it* `code`\n\n- one\n- two\n\n> quoted\n\n[site](https://example.org)');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>it</em>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<a href="https://example.org" rel="nofollow ugc noopener">site</a>');
  });

  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '[x](javascript:alert(1))',
    '[x](data:text/html;base64,PHNjcmlwdD4=)',
    '<a href="javascript:alert(1)">x</a>',
    '[x](JaVaScRiPt:alert(1))',
    '<iframe src="https://evil.example"></iframe>',
    '<svg onload=alert(1)>',
  ])('keeps %s inert', (attack) => {
    const html = renderMarkdown(attack);
    // Escaped text is inert: no element of these kinds, no handler attribute, no script link.
    expect(html).not.toMatch(/<(script|img|iframe|svg)|<[^>]+\son\w+=|<a [^>]*href="(javascript|data):/i);
  });
});

describe('mentions', () => {
  const amina = '6b0493a45680ffc9e5fc590f';
  it('finds each mentioned member once and links known ones with their current name', () => {
    const text = `Hi @[Amina](${amina}) and @[Ghost](6b0493a45680ffc9e5fc5910), again @[A.](${amina})`;
    expect(mentionedIds(text)).toEqual([amina, '6b0493a45680ffc9e5fc5910']);
    expect(linkMentions(text, new Map([[amina, 'Amina Diallo']]))).toBe(
      `Hi [@Amina Diallo](/members/${amina}) and @Ghost, again [@Amina Diallo](/members/${amina})`,
    );
  });
});

describe('searchTerms', () => {
  it('lower-cases, removes accents and stop-words, keeps each word once', () => {
    expect(searchTerms(['Migración laborale: la Données et les DONNÉES', 'données 2025'])).toEqual([
      'migracion',
      'laborale',
      'donnees',
      '2025',
    ]);
  });

  it('normalises tags', () => {
    expect(normaliseTag('  Labour Migration ')).toBe('labour-migration');
    expect(normaliseTag('Réintégration')).toBe('reintegration');
  });
});
