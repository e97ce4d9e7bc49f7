import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StripeRequest {
  method: string;
  path: string;
  /** The form-encoded body (or the query string of a GET) as Stripe's SDK sent it, keys as `a[b][0][c]`. */
  params: Record<string, string>;
  headers: IncomingMessage['headers'];
}

/**
 * A local stand-in for the Stripe API on loopback, answering the calls the platform's SDK makes (customers, checkout
 * sessions, portal sessions, payment intents) as Stripe documents them, and recording every request.
 */
export class FakeStripe {
  readonly requests: StripeRequest[] = [];
  /** What GET /v1/payment_intents answers. */
  paymentIntents: Array<Record<string, unknown>> = [];
  private server: Server | undefined;
  private customers = 0;
  private sessions = 0;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const params = Object.fromEntries(new URLSearchParams(req.method === 'GET' ? url.search : body));
        this.requests.push({ method: req.method ?? '', path: url.pathname, params, headers: req.headers });
        const [status, answer] = this.answer(req.method ?? '', url.pathname, params);
        res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${this.requests.length}` });
        res.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  called(method: string, path: string): StripeRequest[] {
    return this.requests.filter((request) => request.method === method && request.path === path);
  }

  private answer(method: string, path: string, params: Record<string, string>): [number, unknown] {
    const created = Math.floor(Date.now() / 1000);
    if (method === 'POST' && path === '/v1/customers') {
      const id = `cus_test${++this.customers}`;
      return [200, { id, object: 'customer', email: params.email ?? null, metadata: metadataOf(params), created, livemode: false }];
    }
    if (method === 'POST' && path === '/v1/checkout/sessions') {
      const id = `cs_test_${++this.sessions}`;
      return [
        200,
        {
          id,
          object: 'checkout.session',
          mode: params.mode,
          customer: params.customer ?? null,
          client_reference_id: params.client_reference_id ?? null,
          metadata: metadataOf(params),
          payment_status: 'unpaid',
          status: 'open',
          amount_total: Number(params['line_items[0][price_data][unit_amount]'] ?? 0),
          currency: 'usd',
          url: `https://checkout.stripe.test/c/pay/${id}`,
          success_url: params.success_url,
          cancel_url: params.cancel_url,
          created,
          livemode: false,
        },
      ];
    }
    if (method === 'POST' && path === '/v1/billing_portal/sessions') {
      return [
        200,
        {
          id: 'bps_test_1',
          object: 'billing_portal.session',
          customer: params.customer,
          return_url: params.return_url,
          url: `https://billing.stripe.test/p/session/${params.customer}`,
          created,
          livemode: false,
        },
      ];
    }
    if (method === 'GET' && path === '/v1/payment_intents') {
      const data = this.paymentIntents.filter((intent) => intent.customer === params.customer).slice(0, Number(params.limit ?? 10));
      return [200, { object: 'list', url: '/v1/payment_intents', has_more: false, data }];
    }
    return [404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path})` } }];
  }
}

function metadataOf(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).flatMap(([key, value]) => {
      const match = /^metadata\[(.+)\]$/.exec(key);
      return match ? [[match[1]!, value]] : [];
    }),
  );
}
