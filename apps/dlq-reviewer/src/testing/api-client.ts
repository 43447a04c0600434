/** Small fetch wrapper for the API tests: JSON in, status and JSON out. */
export interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly body: Record<string, unknown>;
}

export function apiClient(baseUrl: string, token?: string) {
  const call = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const headers: Record<string, string> = {};
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      redirect: 'manual',
    });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body:
        text.length > 0 && text.trimStart().startsWith('{')
          ? (JSON.parse(text) as Record<string, unknown>)
          : { text },
    };
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body?: unknown) => call('POST', path, body),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

export interface ListedItem {
  readonly id: string;
  readonly status: string;
  readonly reason: string;
  readonly entityKey: string | null;
  readonly errorMessage: string;
}

export async function listItems(api: ApiClient, query: string): Promise<ListedItem[]> {
  const answer = await api.get(`/api/dead-letters?${query}`);
  if (answer.status !== 200)
    throw new Error(`list answered ${String(answer.status)}: ${JSON.stringify(answer.body)}`);
  return answer.body.items as ListedItem[];
}
