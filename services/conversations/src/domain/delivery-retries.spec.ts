import { budgetSpent, orderWait, retryDelay } from './delivery-retries';

describe('delivery retries (MSG-2, CHN-4)', () => {
  it('the back-off doubles from the base after each failed attempt, up to a minute', () => {
    expect([1, 2, 3, 4].map((attempts) => retryDelay(attempts, 1000))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelay(12, 1000)).toBe(60_000);
  });

  it('a message fails once its attempts reach the budget, not before', () => {
    expect(budgetSpent(9, 10)).toBe(false);
    expect(budgetSpent(10, 10)).toBe(true);
  });

  it('a message waiting behind an earlier one of its thread looks again soon, but not in a busy loop', () => {
    expect(orderWait(50)).toBe(250);
    expect(orderWait(1000)).toBe(1000);
    expect(orderWait(60_000)).toBe(2000);
  });
});
