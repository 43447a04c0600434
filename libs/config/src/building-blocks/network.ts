import { z } from 'zod';

const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

/** A URL whose scheme is one of `protocols` (without `:`), e.g. `url(['http', 'https'])`. */
export function url(
  protocols: readonly [string, ...string[]] = ['http', 'https'],
): z.ZodType<string, string> {
  const message = `must be a ${protocols.join(' or ')} URL`;
  const protocol = new RegExp(`^(${protocols.map(escapeRegExp).join('|')})$`);
  return z
    .string()
    .trim()
    .pipe(z.url({ protocol, error: message }));
}

/** `host:port` as Kafka bootstrap servers are written; IPv6 hosts in brackets. */
export function hostPort(): z.ZodType<string, string> {
  return z
    .string()
    .trim()
    .refine((text) => {
      const port = HOST_PORT.exec(text)?.[2];
      return port !== undefined && Number(port) >= 1 && Number(port) <= 65_535;
    }, 'must be host:port');
}

export interface BasicAuth {
  readonly username: string;
  readonly password: string;
}

/** `username:password`, as Confluent clients take `basic.auth.user.info`. Split at the first colon. */
export function basicAuth(): z.ZodType<BasicAuth, string> {
  return z.string().transform((text, ctx) => {
    const colon = text.indexOf(':');
    if (colon <= 0 || colon === text.length - 1) {
      ctx.addIssue({ code: 'custom', message: 'must be username:password' });
      return z.NEVER;
    }
    return { username: text.slice(0, colon), password: text.slice(colon + 1) };
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
