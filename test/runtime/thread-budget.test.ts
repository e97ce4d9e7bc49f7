import { expect, it } from 'vitest';
import { ThreadBudget } from '../../runtime/thread-budget.js';

const settled = () => new Promise((resolve) => setImmediate(resolve));

it('lets runs share the budget, the next one waiting until enough threads are given back, first come first served', async () => {
  const budget = new ThreadBudget(2);
  const started: string[] = [];
  const take = (name: string, threads: number) => budget.take(threads).then((giveBack) => (started.push(name), giveBack));

  const whole = await take('whole', 2);
  const one = take('one', 1);
  const both = take('both', 2);
  const another = take('another', 1); // fits beside `one`, but `both` came first
  await settled();
  expect(started).toEqual(['whole']);

  whole();
  const giveOne = await one;
  await settled();
  expect(started).toEqual(['whole', 'one']); // `both` needs both threads: it waits, and `another` behind it
  giveOne();
  const giveBoth = await both;
  await settled();
  expect(started).toEqual(['whole', 'one', 'both']);
  giveBoth();
  giveBoth(); // giving back twice gives back once
  (await another)();
  await settled();
  expect(started).toEqual(['whole', 'one', 'both', 'another']);
  // A session asking for more threads than the budget has takes the whole budget, not a deadlock.
  (await take('greedy', 8))();
});
