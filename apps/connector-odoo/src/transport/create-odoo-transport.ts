/** ODOO_PROTOCOL → the transport. JSON-RPC is the default (16–18); JSON-2 for 19+; XML-RPC where only it is open. */
import { Json2Transport } from './json2-transport';
import { JsonRpcTransport } from './json-rpc-transport';
import type { OdooProtocol, OdooTransport } from './odoo-call';
import type { OdooEndpoint } from './odoo-endpoint';
import { XmlRpcTransport } from './xml-rpc-transport';

export function createOdooTransport(protocol: OdooProtocol, endpoint: OdooEndpoint): OdooTransport {
  switch (protocol) {
    case 'json-rpc':
      return new JsonRpcTransport(endpoint);
    case 'json-2':
      return new Json2Transport(endpoint);
    case 'xml-rpc':
      return new XmlRpcTransport(endpoint);
  }
}
