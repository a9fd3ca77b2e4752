import { describe, expect, it } from '@jest/globals';
import { renderMail } from './mail-layout.js';

describe('renderMail', () => {
  const content = {
    subject: 'Welcome <b>',
    greeting: 'Hello <script>alert(1)</script>,',
    paragraphs: ['Tom & Jerry said "hi"'],
    action: { label: 'Open', url: 'https://plenary.example.org/verify-email?token=a&b=c' },
    items: [
      { text: 'A thread <i>', url: 'javascript:alert(1)' },
      { text: 'Another', url: 'https://plenary.example.org/forum/threads/1' },
    ],
    closing: ['Ignore this mail if it was not you.'],
  };

  it('escapes every piece of content in the HTML part', () => {
    const { html } = renderMail(content, { platformName: 'Plenary <GCM>' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(html).toContain('Tom &amp; Jerry said &quot;hi&quot;');
    expect(html).toContain('href="https://plenary.example.org/verify-email?token=a&amp;b=c"');
    expect(html).toContain('Plenary &lt;GCM&gt;');
  });

  it('links only http(s) addresses', () => {
    const { html } = renderMail(content, { platformName: 'Plenary' });
    expect(html).not.toContain('javascript:');
    expect(html).toContain('A thread &lt;i&gt;');
    expect(html).toContain('href="https://plenary.example.org/forum/threads/1"');
  });

  it('writes a plain-text part with the bare links, and the unsubscribe link when there is one', () => {
    const { text, subject } = renderMail(content, {
      platformName: 'Plenary',
      unsubscribe: { url: 'https://plenary.example.org/unsubscribe?token=t', label: 'Unsubscribe' },
    });
    expect(subject).toBe('Welcome <b>');
    expect(text).toContain('Open: https://plenary.example.org/verify-email?token=a&b=c');
    expect(text).toContain('- Another: https://plenary.example.org/forum/threads/1');
    expect(text).toContain('Unsubscribe: https://plenary.example.org/unsubscribe?token=t');
    expect(text.split('\n')[0]).toBe('Hello <script>alert(1)</script>,');
  });
});
