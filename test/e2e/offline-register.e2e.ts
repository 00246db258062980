import { describe, expect, it } from 'vitest';
import { expectNoSeriousAccessibilityViolations } from './accessibility.ts';
import { useE2eWorld } from './e2e-fixture.ts';
import { RegisterPage } from './pages/register.page.ts';
import { readStoredMarks } from './register-marks.ts';
import { saveScreenshot } from './screenshots.ts';

describe('a register taken while the connection is down', () => {
  const world = useE2eWorld();

  it('is kept on the device, sent when the connection returns, and recorded once', async () => {
    const { school, server } = world;
    const { context, page } = await world.signedInPage(school.teacher);
    const register = await new RegisterPage(page).open(school.schoolClass.id, '2024-09-04', 'AM');
    const requests: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PUT') requests.push(request.headers()['idempotency-key'] ?? '');
    });

    await context.setOffline(true);
    await register.markAllPresent();
    await register.mark('Davies, Oliver', 'Absent');
    await register.send();
    await register.waitingToSend.waitFor();
    expect(
      await page.evaluate(() => localStorage.getItem('rollcall.register-outbox.v1')),
    ).toContain('"entries"');
    const query = { pupilIds: school.pupilIds, date: '2024-09-04', session: 'AM' } as const;
    expect(await readStoredMarks(server.db, query)).toEqual([]);
    await expectNoSeriousAccessibilityViolations(page);
    await saveScreenshot(page, 'register-offline');

    await context.setOffline(false);
    await register.sent.waitFor();
    const marks = await readStoredMarks(server.db, query);
    expect(marks.map((mark) => [mark.code, mark.version])).toEqual([
      ['/', 1],
      ['/', 1],
      ['/', 1],
      ['N', 1],
      ['I', 1],
      ['/', 1],
      ['/', 1],
      ['/', 1],
    ]);
    expect(await page.evaluate(() => localStorage.getItem('rollcall.register-outbox.v1'))).toBe(
      '[]',
    );
    // Every attempt carried the same key, so the server could tell a resend from a new register.
    expect(new Set(requests).size).toBe(1);
  });

  it('resends with the same key when the answer is lost, and the server records it once', async () => {
    const { school, server } = world;
    const { page } = await world.signedInPage(school.teacher);
    const register = await new RegisterPage(page).open(school.schoolClass.id, '2024-09-03', 'AM');
    const keys: string[] = [];
    let dropped = false;
    // The first submission reaches the server, but the connection drops before the answer.
    await page.route('**/api/classes/*/register', async (route) => {
      if (route.request().method() !== 'PUT') return route.continue();
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (dropped) return route.continue();
      dropped = true;
      await route.fetch();
      return route.abort('connectionreset');
    });

    await register.markAllPresent();
    await register.send();
    await register.waitingToSend.waitFor();
    await register.sent.waitFor({ timeout: 10_000 });

    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    const marks = await readStoredMarks(server.db, {
      pupilIds: school.pupilIds,
      date: '2024-09-03',
      session: 'AM',
    });
    expect(marks.map((mark) => mark.version)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
  });
});
