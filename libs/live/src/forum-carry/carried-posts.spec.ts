import { describe, expect, it } from '@jest/globals';
import { carriedTitle, openingPost, questionPost } from './carried-posts.js';

describe('questions carried to the forum', () => {
  it('titles the thread from the session, within the forum’s limit', () => {
    expect(carriedTitle('Migration data', 200)).toBe('Questions from Migration data');
    const long = carriedTitle('x'.repeat(300), 200);
    expect(long).toHaveLength(200);
    expect(long.endsWith('…')).toBe(true);
  });

  it('names the session in the opening post: title, date in its time zone, link', () => {
    const post = openingPost(
      {
        id: 'aaaaaaaaaaaaaaaaaaaaaaaa',
        title: 'Data *and* [remittances]',
        startsAt: new Date('2026-03-03T23:30:00Z'),
        startedAt: null,
        timezone: 'Asia/Tokyo',
      },
      2,
    );
    expect(post).toContain('[Data \\*and\\* \\[remittances\\]](/sessions/aaaaaaaaaaaaaaaaaaaaaaaa)');
    expect(post).toContain('4 March 2026');
    expect(post).toContain('2 approved questions were not answered');
  });

  it('quotes a question line by line, keeps it from mentioning anyone, and names the asker and votes', () => {
    const post = questionPost({
      text: 'Who funds it?\nAsk @[Amina](0123456789abcdef01234567)',
      asker: 'Anonymous 7QK4',
      votes: 1,
    });
    expect(post).toBe(
      '> Who funds it?\n> Ask @\\[Amina](0123456789abcdef01234567)\n\nAsked by Anonymous 7QK4 · 1 vote',
    );
  });
});
