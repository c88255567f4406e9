import { describe, expect, it } from 'vitest';
import { GattQueue } from './gatt-queue';

describe('GattQueue', () => {
  it('runs operations one at a time, in order, even when one fails', async () => {
    const queue = new GattQueue();
    const log: string[] = [];
    let active = 0;
    const op = (name: string, fail = false) => async () => {
      active++;
      expect(active).toBe(1);
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, 1));
      log.push(`end ${name}`);
      active--;
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([queue.run(op('a')), queue.run(op('b', true)), queue.run(op('c'))]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
