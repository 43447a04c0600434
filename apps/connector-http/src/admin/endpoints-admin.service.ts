/** Operators see which endpoints are disabled and re-enable one after its owner fixed it. */
import { Inject, Injectable } from '@nestjs/common';
import { errorMessage } from '@hub/resilience';
import { CONNECTOR_HTTP_DEPS, type ConnectorHttpDeps } from '../app/connector-http-deps';
import type { EndpointConfig } from '../app/endpoints-setting';
import { AdminError } from './admin-error';
import { endpointView, type EndpointView } from './endpoint-view';

export interface EndpointList {
  readonly systemId: string;
  readonly endpoints: readonly EndpointView[];
}

export interface EnableResult {
  /** False when the endpoint was not disabled. */
  readonly changed: boolean;
  readonly endpoint: EndpointView;
}

@Injectable()
export class EndpointsAdminService {
  constructor(@Inject(CONNECTOR_HTTP_DEPS) private readonly deps: ConnectorHttpDeps) {}

  async list(): Promise<EndpointList> {
    const states = await this.storeCall(() => this.deps.state.states());
    return {
      systemId: this.deps.systemId,
      endpoints: this.deps.endpoints.map((endpoint) =>
        endpointView(endpoint, states.get(endpoint.id)),
      ),
    };
  }

  async enable(endpointId: string): Promise<EnableResult> {
    const endpoint = this.endpoint(endpointId);
    const changed = await this.storeCall(() =>
      this.deps.state.enable(endpoint.id, this.deps.clock.now()),
    );
    this.deps.gauge.set(endpoint.id, false);
    if (changed)
      this.deps.logger.info({ endpoint: endpoint.id }, 'endpoint re-enabled by an operator');
    const state = await this.storeCall(() => this.deps.state.state(endpoint.id));
    return { changed, endpoint: endpointView(endpoint, state) };
  }

  private endpoint(endpointId: string): EndpointConfig {
    const endpoint = this.deps.endpoints.find((e) => e.id === endpointId);
    if (endpoint === undefined)
      throw new AdminError('UNKNOWN_ENDPOINT', `No endpoint "${endpointId}" is configured.`);
    return endpoint;
  }

  private async storeCall<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      this.deps.logger.error({ err: error }, 'endpoint state store failed');
      throw new AdminError('STORE_UNAVAILABLE', `Postgres: ${errorMessage(error)}`, {
        cause: error,
      });
    }
  }
}
