import { PermanentError, TransientError } from '@hub/resilience';
import type { HttpPost, PostOptions } from './http-post';
import { XmlRpcTransport } from './xml-rpc-transport';

const endpoint = {
  systemId: 'odoo-main',
  url: 'http://odoo.test',
  db: 'acme',
  login: 'hub',
  secret: 'key',
  timeoutMs: 1_000,
};
const searchCall = { model: 'res.partner', method: 'search', params: { domain: [] } };
const neverAborted = new AbortController().signal;

const value = (xml: string) =>
  `<?xml version="1.0"?><methodResponse><params><param><value>${xml}</value></param></params></methodResponse>`;
const fault = (code: number, text: string) =>
  `<?xml version="1.0"?><methodResponse><fault><value><struct><member><name>faultCode</name><value><int>${code}</int></value></member><member><name>faultString</name><value><string>${text}</string></value></member></struct></value></fault></methodResponse>`;

function stub(answer: (url: string, body: string) => { status?: number; text: string }) {
  const calls: { url: string; options: PostOptions }[] = [];
  const post: HttpPost = (url, options) => {
    calls.push({ url, options });
    const { status = 200, text } = answer(url, options.body);
    return Promise.resolve({ status, headers: {}, text });
  };
  return { post, calls };
}

describe('XmlRpcTransport', () => {
  it('authenticates on /xmlrpc/2/common, then calls execute_kw on /xmlrpc/2/object', async () => {
    const { post, calls } = stub((url) =>
      url.endsWith('/common')
        ? { text: value('<int>7</int>') }
        : { text: value('<array><data><value><int>3</int></value></data></array>') },
    );
    await expect(
      new XmlRpcTransport(endpoint, post).call(searchCall, neverAborted),
    ).resolves.toEqual([3]);
    expect(calls.map((c) => c.url)).toEqual([
      'http://odoo.test/xmlrpc/2/common',
      'http://odoo.test/xmlrpc/2/object',
    ]);
    expect(calls[1]?.options.body).toContain('<methodName>execute_kw</methodName>');
    expect(calls[1]?.options.body).toContain('<int>7</int>');
  });

  it('reads "cannot marshal None" as null and other faults as Odoo errors', async () => {
    let answerFault = fault(1, 'TypeError: cannot marshal None unless allow_none is enabled');
    const { post } = stub((url) =>
      url.endsWith('/common') ? { text: value('<int>7</int>') } : { text: answerFault },
    );
    const transport = new XmlRpcTransport(endpoint, post);
    await expect(transport.call(searchCall, neverAborted)).resolves.toBeNull();
    answerFault = fault(2, 'The quantity is negative');
    const failure = await transport.call(searchCall, neverAborted).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PermanentError);
    expect(failure).toMatchObject({ code: 'ODOO_USER_ERROR' });
  });

  it('classifies HTTP statuses with Retry-After and refuses a non-XML-RPC answer', async () => {
    const { post } = stub(() => ({ status: 503, text: 'down' }));
    const failure = await new XmlRpcTransport(endpoint, post)
      .call(searchCall, neverAborted)
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TransientError);
    expect(failure).toMatchObject({ httpStatus: 503 });
    const garbage = stub(() => ({ text: '<html>login</html>' }));
    await expect(
      new XmlRpcTransport(endpoint, garbage.post).call(searchCall, neverAborted),
    ).rejects.toMatchObject({ code: 'ODOO_INVALID_RESPONSE' });
  });
});
