/** The page frame: no scripts at all (the CSP forbids them), a little inline CSS. */
import { SafeHtml, html } from './html';

const STYLE = `
body{font-family:system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1d2330;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1rem;align-items:center}
header a{color:#fff}header form{margin-left:auto}
main{padding:1rem 1.2rem}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #d8dce3;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
th{background:#eef0f4}
pre{background:#fff;border:1px solid #d8dce3;padding:.6rem;overflow:auto;max-height:24rem}
.status{display:inline-block;padding:.1rem .5rem;border-radius:.6rem;font-weight:600}
.status-open{background:#fde2e1}.status-retrying{background:#fff3c4}
.status-resolved{background:#d9f2de}.status-discarded{background:#e4e4e4}
.error{background:#fde2e1;border:1px solid #e0a4a0;padding:.5rem}
.actions{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}
.actions form{background:#fff;border:1px solid #d8dce3;padding:.6rem}
form.filters{display:flex;gap:.5rem;flex-wrap:wrap;align-items:end;margin-bottom:1rem}
label{display:flex;flex-direction:column;font-size:.8rem}
nav.pager{display:flex;gap:1rem;align-items:center;margin:.5rem 0}
.bulk-links{display:inline-flex;gap:.6rem}
.breaker-open{background:#fde2e1}.breaker-half-open{background:#fff3c4}.breaker-closed{background:#d9f2de}
`;

export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export interface LayoutOptions {
  readonly user?: string;
  /** Reload the page after this many seconds (while a retry is in flight). */
  readonly refreshSeconds?: number;
}

export function layout(title: string, body: SafeHtml, options: LayoutOptions = {}): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        ${options.refreshSeconds === undefined ? null : html`<meta http-equiv="refresh" content="${options.refreshSeconds}" />`}
        <title>${title} · DLQ reviewer</title>
        <style>
          ${new SafeHtml(STYLE)}
        </style>
      </head>
      <body>
        <header>
          <strong><a href="/">DLQ reviewer</a></strong>
          <nav>
            <a href="/">Dead letters</a> · <a href="/targets">Targets</a> ·
            <a href="/change-requests">Change requests</a> · <a href="/drift">Drift</a>
          </nav>
          ${
            options.user === undefined
              ? null
              : html`<span>signed in as ${options.user}</span>
                  <form method="post" action="/signout">
                    <button type="submit">Sign out</button>
                  </form>`
          }
        </header>
        <main>${body}</main>
      </body>
    </html>`.text;
}
