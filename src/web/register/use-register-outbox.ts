import { useEffect, useState } from 'preact/hooks';
import type { TakeRegisterResponse } from '../../contracts/register.contract.ts';
import { callApi } from '../api-client.ts';
import { RegisterOutbox, type PendingRegister } from './register-outbox.ts';

function sendRegister(pending: PendingRegister): Promise<TakeRegisterResponse> {
  return callApi<TakeRegisterResponse>('PUT', `/api/classes/${pending.classId}/register`, {
    body: pending.request,
    headers: { 'idempotency-key': pending.key },
  });
}

/** The one outbox of this tab: registers keep sending while the teacher moves between pages. */
export const registerOutbox = new RegisterOutbox(window.localStorage, sendRegister, {
  setTimeout: (callback, ms) => window.setTimeout(callback, ms),
  clearTimeout: (id) => {
    window.clearTimeout(id);
  },
});

window.addEventListener('online', () => {
  registerOutbox.resendAll();
});

/** The outbox, re-rendering the caller whenever a submission changes state. */
export function useRegisterOutbox(): RegisterOutbox {
  const [, setVersion] = useState(0);
  useEffect(
    () =>
      registerOutbox.subscribe(() => {
        setVersion((version) => version + 1);
      }),
    [],
  );
  return registerOutbox;
}
