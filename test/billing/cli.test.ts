import { rm } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { runCli } from '../../cli/main.js';
import { startAllInOne } from '../../platform/launch.js';
import { api, testConfig } from '../support/platform.js';

it('`credits add` funds an account with an embedded platform when no server is running', async () => {
  // PORT 0: nothing answers there, so each command starts the platform on this data dir for itself and stops it.
  // The free plan's sign-up credit is configured ($25 instead of $5).
  const config = await testConfig({ FREE_SIGNUP_CREDIT_MICRO_USD: '25000000' });
  try {
    const user = (await runCli(['users', 'create', '--email', 'embedded@example.test', '--plan', 'free'], config)) as Record<
      string,
      string
    >;
    const added = await runCli(['credits', 'add', '--user', user.userId!, '--amount', '1234567'], config);
    // The sign-up credit is booked first: billing catches up with the account before crediting it.
    expect(added).toEqual({
      userId: user.userId,
      amountMicroUsd: 1_234_567,
      transactionId: expect.stringMatching(/^txn_/),
      totalBalance: 26_234_567,
    });

    const platform = await startAllInOne(config);
    try {
      const balance = await api(platform, user.apiKey, 'GET', '/api/billing/balance');
      expect(balance.body.data).toMatchObject({ cashBalance: 0, creditBalance: 26_234_567, totalBalance: 26_234_567, plan: 'free' });
    } finally {
      await platform.stop();
    }
  } finally {
    await rm(config.dataDir, { recursive: true, force: true });
  }
});
