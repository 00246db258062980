import { describe, expect, it } from 'vitest';
import type { TakeRegisterResponse } from '../../contracts/register.contract.ts';
import { ApiProblem, NetworkFailure } from '../api-client.ts';
import { RegisterOutbox, type PendingRegister, type SendRegister } from './register-outbox.ts';

class MemoryStorage implements Pick<Storage, 'getItem' | 'setItem'> {
  private readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

/** Timers a test fires by hand, so retries happen when the test says, not after sleeping. */
function createManualTimers() {
  const pending = new Map<number, { callback: () => void; ms: number }>();
  let next = 1;
  return {
    setTimeout: (callback: () => void, ms: number) => {
      pending.set(next, { callback, ms });
      return next++;
    },
    clearTimeout: (id: number) => {
      pending.delete(id);
    },
    delays: () => [...pending.values()].map((timer) => timer.ms),
    fireAll: () => {
      const due = [...pending.values()];
      pending.clear();
      for (const timer of due) timer.callback();
    },
  };
}

const accepted: TakeRegisterResponse = {
  date: '2024-09-04',
  session: 'AM',
  created: 1,
  changed: 0,
  unchanged: 0,
  marks: [{ pupilId: 7, markId: 70, code: '/', version: 1 }],
  replayed: false,
};

function makePending(key = 'key-0001'): PendingRegister {
  return {
    key,
    userId: 1,
    classId: 3,
    className: '3B',
    request: { date: '2024-09-04', session: 'AM', entries: [{ pupilId: 7, code: '/' }] },
    savedAt: '2024-09-04T08:05:00.000Z',
  };
}

function makeOutbox(send: SendRegister) {
  const storage = new MemoryStorage();
  const timers = createManualTimers();
  const outbox = new RegisterOutbox(storage as unknown as Storage, send, timers);
  outbox.start(1);
  return { outbox, storage, timers };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the register outbox', () => {
  it('keeps a submission that could not be sent and resends it with the same key', async () => {
    const keys: string[] = [];
    let online = false;
    const { outbox, timers } = makeOutbox((pending) => {
      keys.push(pending.key);
      return online ? Promise.resolve(accepted) : Promise.reject(new NetworkFailure('offline'));
    });

    outbox.submit(makePending());
    await settle();
    expect(outbox.findState(3, '2024-09-04', 'AM')?.kind).toBe('waiting');
    expect(outbox.listWaiting()).toHaveLength(1);
    expect(timers.delays()).toEqual([2_000]);

    online = true;
    outbox.resendAll();
    await settle();
    expect(outbox.findState(3, '2024-09-04', 'AM')?.kind).toBe('sent');
    expect(outbox.listWaiting()).toEqual([]);
    expect(keys).toEqual(['key-0001', 'key-0001']);
    expect(timers.delays()).toEqual([]);
  });

  it('waits longer after each failure, up to a minute', async () => {
    const { outbox, timers } = makeOutbox(() => Promise.reject(new NetworkFailure('offline')));
    outbox.submit(makePending());
    const delays: number[] = [];
    for (let attempt = 0; attempt < 7; attempt += 1) {
      await settle();
      delays.push(...timers.delays());
      timers.fireAll();
    }
    expect(delays).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
  });

  it('stops retrying a submission the server refused, and says why', async () => {
    const refusal = new ApiProblem({
      type: 'https://rollcall.example/problems/invalid-codes',
      title: 'Invalid codes',
      status: 422,
      detail: 'Correct the codes and submit again; nothing was recorded.',
    });
    const { outbox, timers } = makeOutbox(() => Promise.reject(refusal));
    outbox.submit(makePending());
    await settle();
    const state = outbox.findState(3, '2024-09-04', 'AM');
    expect(state?.kind === 'failed' && state.error.detail).toBe(refusal.problem.detail);
    expect(outbox.listWaiting()).toEqual([]);
    expect(timers.delays()).toEqual([]);
  });

  it('lets a newer submission of the same register replace one still waiting', async () => {
    const { outbox } = makeOutbox(() => Promise.reject(new NetworkFailure('offline')));
    outbox.submit(makePending('key-0001'));
    outbox.submit(makePending('key-0002'));
    await settle();
    expect(outbox.listWaiting().map((pending) => pending.key)).toEqual(['key-0002']);
  });

  it('sends nothing stored by another user of the same device', async () => {
    const sent: string[] = [];
    const { outbox } = makeOutbox((pending) => {
      sent.push(pending.key);
      return Promise.reject(new NetworkFailure('offline'));
    });
    outbox.submit(makePending());
    await settle();
    outbox.stop();
    outbox.start(2);
    await settle();
    expect(sent).toEqual(['key-0001']);
    expect(outbox.listWaiting()).toEqual([]);
  });
});
