import { defineEntity, p } from '@mikro-orm/core';
import type { Plan } from '../../../kernel/config.js';

const AccountSchema = defineEntity({
  name: 'Account',
  tableName: 'account.accounts',
  properties: {
    id: p.text().primary(),
    email: p.text().unique(),
    /** Chosen at creation (defaulted from the email), never reused: `ul://<username>/…` addresses the account. */
    username: p.text().unique(),
    plan: p.text().$type<Plan>(),
    createdAt: p.datetime(),
  },
});

export class Account extends AccountSchema.class {}
AccountSchema.setClass(Account);
export { AccountSchema };
