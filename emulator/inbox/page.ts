import type { MessageFilter, StoredMessage } from "../dm/sending/models";

/**
 * The web inbox's pages, as plain HTML with no script of their own. A
 * message's HTML is the sender's, so it is never part of the page: it is shown
 * in an iframe's srcdoc with an empty `sandbox` (no scripts, no forms, no
 * same-origin access, no top navigation), under the page's strict CSP.
 */

/** The page's Content-Security-Policy: nothing is loaded or run but the page's own inline style and framed srcdoc. */
export const INBOX_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src data:",
  "frame-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.4em;text-align:left;vertical-align:top}th{background:#f4f4f4}
iframe{width:100%;height:28em;border:1px solid #ccc}pre{white-space:pre-wrap;background:#f8f8f8;padding:.6em}
.meta td:first-child{font-weight:600;width:8em}form{margin-bottom:1em}`;

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

const href = (path: string, query: Record<string, string | undefined>) => {
  const q = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
  return escapeHtml(q.size ? `${path}?${q}` : path);
};

/** The list, newest first, with the sender and tag filter; `base` is the inbox's secret path, before every link. */
export function listPage(messages: readonly StoredMessage[], filter: MessageFilter, base: string): string {
  const rows = [...messages]
    .reverse()
    .map(
      (m) =>
        `<tr data-id="${escapeHtml(m.id)}"><td>${escapeHtml(m.acceptedAt)}</td><td>${m.channel}</td>` +
        `<td><a href="${href(`${base}/`, { sender: m.accountName })}">${escapeHtml(m.accountName)}</a></td><td>${escapeHtml(m.to.join(", "))}</td>` +
        `<td><a class="subject" href="${href(`${base}/messages/${m.id}`, {})}">${escapeHtml(m.subject || "(no subject)")}</a></td>` +
        `<td>${m.tagName ? `<a href="${href(`${base}/`, { tag: m.tagName })}">${escapeHtml(m.tagName)}</a>` : ""}</td></tr>`,
    )
    .join("");
  const filtered = filter.sender || filter.tagName ? ` (<a href="${href(`${base}/`, {})}">show all</a>)` : "";
  return layout(
    "DirectMail emulator inbox",
    `<h1>Sent mail</h1>
<form method="get" action="${href(`${base}/`, {})}"><label>Sender <input name="sender" value="${escapeHtml(filter.sender ?? "")}"></label>
<label>Tag <input name="tag" value="${escapeHtml(filter.tagName ?? "")}"></label> <button>Filter</button></form>
<p id="count">${messages.length} message${messages.length === 1 ? "" : "s"}${filtered}</p>
<table><thead><tr><th>Accepted</th><th>Via</th><th>Sender</th><th>To</th><th>Subject</th><th>Tag</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}

/** One message: who, what, its text, and its HTML in a sandboxed frame. */
export function messagePage(m: StoredMessage, base: string): string {
  const meta: Array<[string, string | undefined]> = [
    ["From", m.fromAlias ? `${m.fromAlias} <${m.accountName}>` : m.accountName],
    ["To", m.to.join(", ")],
    ["Reply-To", m.replyTo],
    ["Subject", m.subject],
    ["Tag", m.tagName],
    ["Via", m.channel === "smtp" ? "SMTP" : "SingleSendMail"],
    ["Accepted", m.acceptedAt],
    ["EnvId", m.envId],
  ];
  const rows = meta
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `<tr><td>${k}</td><td>${escapeHtml(v)}</td></tr>`)
    .join("");
  const html =
    m.htmlBody === undefined
      ? "<p>(no HTML body)</p>"
      : `<iframe id="html" title="HTML body" sandbox="" referrerpolicy="no-referrer" srcdoc="${escapeHtml(m.htmlBody)}"></iframe>`;
  const text = m.textBody === undefined ? "<p>(no text body)</p>" : `<pre id="text">${escapeHtml(m.textBody)}</pre>`;
  return layout(
    m.subject || "(no subject)",
    `<p><a href="${href(`${base}/`, {})}">&larr; all mail</a></p><table class="meta">${rows}</table><h2>HTML</h2>${html}<h2>Text</h2>${text}`,
  );
}

export function notFoundPage(base: string): string {
  return layout("Not found", `<p>No such message (it may have been cleared). <a href="${href(`${base}/`, {})}">All mail</a></p>`);
}
