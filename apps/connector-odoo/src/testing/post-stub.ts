/** An HttpPost for unit tests: scripted answers, recorded requests; errors classified as httpPost does. */
import { networkFailure, type HttpPost } from '../transport/http-post';

export interface StubAnswer {
  readonly status?: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly error?: Error;
}

export interface PostStub {
  readonly post: HttpPost;
  readonly requests: { url: string; headers: Readonly<Record<string, string>>; body: unknown }[];
}

export function stubPost(answer: (url: string, body: unknown) => StubAnswer): PostStub {
  const requests: PostStub['requests'] = [];
  const post: HttpPost = (url, options) => {
    const body: unknown = JSON.parse(options.body);
    requests.push({ url, headers: options.headers, body });
    const scripted = answer(url, body);
    if (scripted.error) return Promise.reject(networkFailure(scripted.error, options.describe));
    const text =
      typeof scripted.body === 'string' ? scripted.body : JSON.stringify(scripted.body ?? null);
    return Promise.resolve({
      status: scripted.status ?? 200,
      headers: scripted.headers ?? {},
      text,
    });
  };
  return { post, requests };
}
