import type { MailContent } from '../model/mail-template.js';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export interface MailFrame {
  platformName: string;
  /** The footer's unsubscribe link, for mail that is not transactional. */
  unsubscribe?: { url: string; label: string };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => ESCAPES[character]);
/** Only http(s) links go into a mail's HTML; anything else is shown as text. */
const safeUrl = (url: string) => (/^https?:\/\//i.test(url) ? escapeHtml(url) : null);

const FONT = 'font-family:system-ui,-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif';
const PARAGRAPH = `margin:0 0 16px;font-size:16px;line-height:1.5;color:#1f2933;${FONT}`;

function link(text: string, url: string | undefined): string {
  const href = url ? safeUrl(url) : null;
  return href ? `<a href="${href}" style="color:#0b5cad">${escapeHtml(text)}</a>` : escapeHtml(text);
}

/**
 * Lays a mail's content out twice: simple HTML with inline styles (what mail clients render
 * reliably) and plain text with the bare links. Every piece of content is escaped.
 */
export function renderMail(content: MailContent, frame: MailFrame): RenderedMail {
  const html: string[] = [];
  const text: string[] = [];
  if (content.greeting) {
    html.push(`<p style="${PARAGRAPH}">${escapeHtml(content.greeting)}</p>`);
    text.push(content.greeting, '');
  }
  for (const paragraph of content.paragraphs) {
    html.push(`<p style="${PARAGRAPH}">${escapeHtml(paragraph)}</p>`);
    text.push(paragraph, '');
  }
  if (content.items?.length) {
    html.push(
      `<ul style="margin:0 0 16px;padding-left:20px;${FONT}">${content.items
        .map((item) => `<li style="margin:0 0 8px;font-size:15px;line-height:1.4">${link(item.text, item.url)}</li>`)
        .join('')}</ul>`,
    );
    for (const item of content.items) text.push(item.url ? `- ${item.text}: ${item.url}` : `- ${item.text}`);
    text.push('');
  }
  if (content.action) {
    const href = safeUrl(content.action.url);
    if (href) {
      html.push(
        `<p style="margin:24px 0"><a href="${href}" style="display:inline-block;padding:12px 20px;border-radius:6px;` +
          `background:#0b5cad;color:#ffffff;text-decoration:none;font-weight:600;${FONT}">${escapeHtml(content.action.label)}</a></p>`,
        `<p style="margin:0 0 16px;font-size:13px;color:#52606d;word-break:break-all;${FONT}">${href}</p>`,
      );
    }
    text.push(`${content.action.label}: ${content.action.url}`, '');
  }
  for (const line of content.closing ?? []) {
    html.push(`<p style="${PARAGRAPH}">${escapeHtml(line)}</p>`);
    text.push(line, '');
  }
  const footer = [escapeHtml(frame.platformName)];
  text.push('--', frame.platformName);
  if (frame.unsubscribe) {
    footer.push(link(frame.unsubscribe.label, frame.unsubscribe.url));
    text.push(`${frame.unsubscribe.label}: ${frame.unsubscribe.url}`);
  }
  return {
    subject: content.subject,
    text: text.join('\n'),
    html:
      `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
      `<title>${escapeHtml(content.subject)}</title></head>` +
      `<body style="margin:0;padding:24px;background:#f5f7fa">` +
      `<div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-radius:8px">` +
      `<p style="margin:0 0 24px;font-size:14px;font-weight:700;color:#0b5cad;${FONT}">${escapeHtml(frame.platformName)}</p>` +
      html.join('') +
      `<hr style="border:none;border-top:1px solid #e4e7eb;margin:24px 0 12px">` +
      `<p style="margin:0;font-size:12px;color:#7b8794;${FONT}">${footer.join(' · ')}</p>` +
      `</div></body></html>`,
  };
}
