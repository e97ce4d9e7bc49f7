import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CALLER_HEADER, signCaller, type Caller } from '../kernel/auth.js';

/** What the gateway knows about a request: who is calling, as established at the edge. */
export interface GatewayContext {
  caller: Caller | undefined;
}

/** Sends subgraph requests signed with the gateway secret, carrying the caller the edge authenticated. */
export class SigningDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly secret: string,
  ) {
    super({ url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const caller = 'caller' in context ? context.caller : undefined;
    // Health checks and plan-time requests carry no caller: they are the gateway's own.
    request.http?.headers.set(CALLER_HEADER, signCaller(caller ?? { kind: 'gateway' }, this.secret));
  }
}
