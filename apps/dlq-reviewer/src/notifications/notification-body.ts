/** What one notification says: new dead letters for one target, counted by reason, with a console link. */
import type { WebhookTarget } from '../app/access-settings';

export interface Digest {
  readonly target: string;
  readonly byReason: Readonly<Record<string, number>>;
  /** Epoch milliseconds of the first and last item counted. */
  readonly firstAt: number;
  readonly lastAt: number;
  readonly consoleUrl: string;
}

export function digestLink(consoleUrl: string, target: string): string {
  const link = new URL(consoleUrl);
  link.searchParams.set('status', 'open');
  if (target !== 'unknown') link.searchParams.set('target', target);
  return link.toString();
}

const total = (digest: Digest): number =>
  Object.values(digest.byReason).reduce((sum, count) => sum + count, 0);

/** Slack's mrkdwn treats &, < and > as control characters. */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function notificationBody(format: WebhookTarget['format'], digest: Digest): unknown {
  const count = total(digest);
  const link = digestLink(digest.consoleUrl, digest.target);
  if (format === 'slack') {
    const reasons = Object.entries(digest.byReason)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([reason, n]) => `${slackEscape(reason)}: ${String(n)}`)
      .join(', ');
    const noun = count === 1 ? 'dead letter' : 'dead letters';
    return {
      text: `${String(count)} new ${noun} for ${slackEscape(digest.target)} (${reasons}). <${link}|Review them in the DLQ console>`,
    };
  }
  return {
    type: 'hub.dlq.new-dead-letters',
    target: digest.target,
    total: count,
    byReason: digest.byReason,
    firstAt: new Date(digest.firstAt).toISOString(),
    lastAt: new Date(digest.lastAt).toISOString(),
    consoleUrl: link,
  };
}
