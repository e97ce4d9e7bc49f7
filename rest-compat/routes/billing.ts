import express, { Router, type NextFunction, type Request, type Response } from 'express';
import {
  BalanceDocument,
  CreateCheckoutSessionDocument,
  CreatePortalSessionDocument,
  CreateSubscriptionCheckoutDocument,
  PaymentsDocument,
  StripeWebhookDocument,
  TransactionsDocument,
  UsageSummaryDocument,
} from '../generated/graphql.js';
import { validationError } from '../../kernel/errors.js';
import { LIMITS } from '../../kernel/limits.js';
import { sendError } from '../envelope.js';
import { body, intQuery, optionalString, paging } from '../params.js';
import { route, type Execute } from '../route.js';

const MICRO_USD_PER_CENT = 10_000;

/**
 * The seed's billing routes (`/api/billing/...`, money in micro-dollars) and the docs' transactions list. The balance
 * also carries the plan and, for clients of the docs' form, `creditsCents`.
 */
export function billingRoutes(execute: Execute): Router {
  const router = Router();
  router.get(
    '/billing/balance',
    route(
      execute,
      BalanceDocument,
      () => ({}),
      (data) => ({
        data: { ...data.balance, plan: data.me.plan, creditsCents: Math.floor(data.balance.totalBalance / MICRO_USD_PER_CENT) },
      }),
    ),
  );
  router.get(
    '/billing/usage-summary',
    route(
      execute,
      UsageSummaryDocument,
      () => ({}),
      ({ usageSummary, storage }) => ({ data: { ...usageSummary, usage: { ...usageSummary.usage, storage } } }),
    ),
  );
  router.get(
    '/billing/transactions',
    route(execute, TransactionsDocument, paging, (data) => ({ data: data.transactions.items, meta: data.transactions.meta })),
  );
  router.post(
    '/billing/checkout-session',
    route(
      execute,
      CreateCheckoutSessionDocument,
      (req) => {
        const { amount } = body(req);
        if (typeof amount !== 'number') throw validationError('amount is required: a number of dollars from 5 to 1000', { amount });
        return { amount };
      },
      (data) => ({ data: data.createCheckoutSession }),
    ),
  );
  router.post(
    '/billing/subscription-checkout',
    route(
      execute,
      CreateSubscriptionCheckoutDocument,
      (req) => {
        const input = body(req);
        return {
          planId: optionalString(input.planId, 'planId') ?? 'pro',
          billingCycle: optionalString(input.billingCycle, 'billingCycle'),
        };
      },
      (data) => ({ data: data.createSubscriptionCheckout }),
    ),
  );
  router.post(
    '/billing/portal-session',
    route(
      execute,
      CreatePortalSessionDocument,
      () => ({}),
      (data) => ({ data: data.createPortalSession }),
    ),
  );
  router.get(
    '/billing/payments',
    route(
      execute,
      PaymentsDocument,
      (req) => ({ limit: intQuery(req, 'limit'), startingAfter: optionalString(req.query.startingAfter, 'startingAfter') }),
      // Stripe pages by cursor: `meta` says whether there is more (pass the last id as startingAfter), not a total.
      (data) => ({ body: { success: true, data: data.payments.items, meta: { hasMore: data.payments.hasMore } } }),
    ),
  );
  return router;
}

/**
 * `POST /api/billing/webhook`: what Stripe posts, served before the edge (it carries Stripe's signature, no API
 * key). The raw body and the `Stripe-Signature` header go to billing unchanged: the signature covers the exact bytes.
 */
export function billingWebhookRoutes(execute: Execute): Router {
  const router = Router();
  router.post(
    '/billing/webhook',
    express.raw({ type: () => true, limit: LIMITS.restJsonBytes }),
    route(
      execute,
      StripeWebhookDocument,
      (req) => ({
        payload: Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '',
        signature: req.header('stripe-signature') ?? '',
      }),
      (data) => ({ data: { received: true, ...data.stripeWebhook } }),
    ),
  );
  router.use((error: { type?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (error.type === 'entity.too.large') return sendError(res, 'VALIDATION_ERROR', 'The body is too large');
    next(error);
  });
  return router;
}
