import { AuthError, ServerError } from '@azure/msal-node';
import { PermanentError, TransientError } from '@hub/resilience';
import type { HttpClient, HttpRequest } from '../http/http-client';
import { routedNetworkModule, tokenFailure } from './entra-id';

const codes = { refused: 'ACME_AUTH_REFUSED', unavailable: 'ACME_AUTH_UNAVAILABLE' };
const who = { api: 'Acme', codes, clientId: 'c', tenantId: 't' };

describe('Entra ID token failures', () => {
  it('a refused credential is permanent, with Entra ID’s text', () => {
    const error = tokenFailure(
      new ServerError('invalid_client', 'AADSTS7000215: Invalid client secret provided.'),
      who,
    );
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ code: 'ACME_AUTH_REFUSED' });
    expect(error.message).toContain('(invalid_client)');
  });

  it('anything else (Entra down, a network failure) is transient', () => {
    expect(tokenFailure(new AuthError('network_error', 'connection refused'), who)).toBeInstanceOf(
      TransientError,
    );
    const network = new TransientError('ECONNREFUSED', 'refused');
    expect(tokenFailure(network, who)).toBe(network);
  });
});

describe('routedNetworkModule', () => {
  it('sends requests for the authority host to the login route, others unchanged', async () => {
    const seen: string[] = [];
    const http = {
      request: (call: HttpRequest) => {
        seen.push(call.url);
        return Promise.resolve({ status: 200, headers: {}, body: Buffer.from('{}'), text: '{}' });
      },
    } as unknown as HttpClient;
    const module = routedNetworkModule({
      ...who,
      isAuthFailure: () => false,
      tenantId: 't',
      clientId: 'c',
      clientSecret: 's',
      authorityHost: 'https://login.microsoftonline.com',
      loginRoute: 'http://127.0.0.1:9/fo/entra',
      scope: 'x/.default',
      timeoutMs: 1000,
      http,
    });
    await module.sendPostRequestAsync('https://login.microsoftonline.com/t/oauth2/v2.0/token', {
      body: 'a=b',
    });
    await module.sendGetRequestAsync('https://example.com/other');
    expect(seen).toEqual([
      'http://127.0.0.1:9/fo/entra/t/oauth2/v2.0/token',
      'https://example.com/other',
    ]);
  });
});
