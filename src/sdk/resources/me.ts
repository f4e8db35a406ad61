import { toSignal, type SignalInput } from '../abort.js';
import type { RestClient } from '../rest-client.js';
import type { Me } from '../types.js';

/** `/v1/me`: the End User behind the current JWT. */
export class MeResource {
  constructor(private readonly client: RestClient) {}

  /** `GET /v1/me`: the signed-in user. */
  show(signal?: SignalInput): Promise<Me> {
    return this.client.request<Me>({ method: 'GET', path: '/v1/me', signal: toSignal(signal) });
  }
}
