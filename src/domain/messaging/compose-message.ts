import { convert } from 'html-to-text';
import type { Channel, MessageKind } from './channel';
import type { RenderedMessage, SystemPurpose } from './send';
import type { MessagingSettings } from './settings';
import { smsSegments } from './sms';

export interface ComposeInput {
  channel: Channel;
  kind: MessageKind;
  purpose: 'message' | SystemPurpose;
  /** Already rendered from Liquid. */
  subject: string | null;
  body: string;
  settings: Pick<MessagingSettings, 'footer' | 'sender'>;
  /** Where tracked links point: {baseUrl}/r/{trackToken}-{index}. Null leaves links alone. */
  tracking: { baseUrl: string; trackToken: string } | null;
  /** Marketing email only: the page in the footer and the RFC 8058 one-click address. */
  unsubscribe: { pageUrl: string; oneClickUrl: string } | null;
}

export interface ComposedMessage extends RenderedMessage {
  links: string[];
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function unescapeHtml(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Replaces each http(s) link with its tracked address; the same URL keeps one index. */
function trackLinks(text: string, mode: 'html' | 'text', tracking: ComposeInput['tracking'], links: string[]): string {
  if (!tracking) return text;
  const tracked = (url: string) => {
    let i = links.indexOf(url);
    if (i < 0) i = links.push(url) - 1;
    return `${tracking.baseUrl}/r/${tracking.trackToken}-${i}`;
  };
  if (mode === 'html') {
    return text.replace(
      /(\bhref\s*=\s*)(["'])(https?:\/\/[^"'\s]+)\2/gi,
      (_m, pre: string, q: string, url: string) => `${pre}${q}${escapeHtml(tracked(unescapeHtml(url)))}${q}`,
    );
  }
  return text.replace(/https?:\/\/[^\s<>"]+/gi, (raw) => {
    const trail = /[.,!?;:)\]]+$/.exec(raw)?.[0] ?? '';
    return `${tracked(raw.slice(0, raw.length - trail.length))}${trail}`;
  });
}

/** The message exactly as the customer will get it: layout, footer, tracked links, headers. */
export function composeMessage(input: ComposeInput): ComposedMessage {
  const links: string[] = [];
  return input.channel === 'email' ? composeEmail(input, links) : composeSms(input, links);
}

function composeEmail(input: ComposeInput, links: string[]): ComposedMessage {
  const { footer } = input.settings;
  const body = trackLinks(input.body, 'html', input.tracking, links);
  const unsub = input.kind === 'marketing' && input.purpose === 'message' ? input.unsubscribe : null;
  const footerLines = [
    `<strong>${escapeHtml(footer.businessName)}</strong> · ${escapeHtml(footer.address)}`,
    'For adults 21 and over. Please consume responsibly.',
    unsub ? `You get these emails because you signed up with us. <a href="${escapeHtml(unsub.pageUrl)}" style="color:#475569">Unsubscribe</a>` : null,
  ].filter(Boolean);
  const html = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(input.subject ?? '')}</title></head>`,
    '<body style="margin:0;padding:0;background:#f1f5f9;font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#0f172a">',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f1f5f9"><tr><td align="center" style="padding:24px 12px">',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-radius:8px">',
    `<tr><td style="padding:28px 32px;font-size:16px;line-height:1.55">${body}</td></tr>`,
    `<tr><td style="padding:16px 32px 28px;font-size:12px;line-height:1.5;color:#64748b;border-top:1px solid #e2e8f0">${footerLines.map((l) => `<p style="margin:4px 0">${l}</p>`).join('')}</td></tr>`,
    '</table></td></tr></table></body></html>',
  ].join('\n');
  const text = convert(html, {
    wordwrap: 78,
    selectors: [
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      { selector: 'title', format: 'skip' },
    ],
  });
  const headers: Record<string, string> = {};
  if (unsub) {
    headers['List-Unsubscribe'] = `<${unsub.oneClickUrl}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return { subject: input.subject ?? '', html, text, segments: null, headers, links };
}

export const SMS_OPT_OUT_LINE = 'Reply STOP to opt out';

function composeSms(input: ComposeInput, links: string[]): ComposedMessage {
  let text = trackLinks(input.body.trim(), 'text', input.tracking, links);
  if (input.kind === 'marketing' && input.purpose === 'message') {
    const brand = input.settings.sender.smsBrandName;
    if (!text.toLowerCase().includes(brand.toLowerCase())) text = `${brand}: ${text}`;
    if (!/reply stop/i.test(text)) text = `${text}\n${SMS_OPT_OUT_LINE}`;
  }
  return { subject: null, html: null, text, segments: smsSegments(text), headers: {}, links };
}
