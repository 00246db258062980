import { beforeAll, describe, expect, it } from 'vitest';
import { createWeeklyUpdateRun } from '../../src/server/weekly-update-scheduler.ts';
import { addContact } from '../../src/store/pupil.repository.ts';
import { sendAs, useApiWorld, type ApiWorld } from './api-world.ts';

const api = useApiWorld();
let world: ApiWorld;
let runScheduledCheck: () => Promise<void>;

/** Moves the test clock to a London wall-clock time (September: UTC+1). */
function setClockTo(date: string, londonTime: string): void {
  const [hours, minutes] = londonTime.split(':').map(Number) as [number, number];
  const target = new Date(`${date}T00:00:00Z`).getTime() + ((hours - 1) * 60 + minutes) * 60_000;
  world.testApp.clock.advanceMinutes((target - world.testApp.clock.now().getTime()) / 60_000);
}

async function openCase(pupilId: number, stage: number): Promise<void> {
  const response = await sendAs(world, 'attendance_lead', {
    method: 'POST',
    url: `/api/pupils/${pupilId}/cases`,
    payload: { schoolId: world.school.id, ladder: 'wigston', stage },
  });
  expect(response.statusCode).toBe(201);
}

async function listQueuedUpdates() {
  return world.db
    .selectFrom('outbound_messages')
    .select(['pupil_id', 'channel', 'dedupe_key'])
    .where('dedupe_key', 'like', 'weekly-update:%')
    .orderBy('id')
    .execute();
}

beforeAll(async () => {
  world = api.world;
  runScheduledCheck = createWeeklyUpdateRun(world.testApp.app.log, {
    db: world.db,
    clock: world.testApp.clock,
  });
  // The child (two parents with phones) is at stage 2: weekly messages. The classmate is at
  // stage 1, a phone call home, so is not monitored yet.
  await openCase(world.child.id, 2);
  const classmate = world.classmates[0]!.id;
  await addContact(world.db, {
    pupilId: classmate,
    userId: null,
    name: 'Imogen Marchbanks',
    relationship: 'mother',
    parentalResponsibility: true,
    emergencyContact: true,
    phone: null,
    email: 'imogen@example.org',
    priority: 1,
  });
  await openCase(classmate, 1);
});

describe('the weekly update schedule', () => {
  it('queues nothing before the first school week has ended', async () => {
    setClockTo('2024-09-06', '15:00');
    await runScheduledCheck();
    expect(await listQueuedUpdates()).toEqual([]);
  });

  it("queues the week's update to each parent of a monitored pupil once the week is over", async () => {
    setClockTo('2024-09-07', '07:00');
    await runScheduledCheck();
    const queued = await listQueuedUpdates();
    expect(queued.map((message) => [message.pupil_id, message.channel])).toEqual([
      [world.child.id, 'sms'],
      [world.child.id, 'sms'],
    ]);
    expect(
      queued.every((message) => message.dedupe_key?.startsWith('weekly-update:2024-09-06:')),
    ).toBe(true);
  });

  it('queues nothing twice, however often the schedule runs that week', async () => {
    for (const [date, time] of [
      ['2024-09-07', '08:00'],
      ['2024-09-08', '12:00'],
      ['2024-09-09', '09:00'],
      ['2024-09-13', '16:00'],
    ] as const) {
      setClockTo(date, time);
      await runScheduledCheck();
    }
    expect(await listQueuedUpdates()).toHaveLength(2);
  });

  it('queues the next week after its last school day, and logs counts only', async () => {
    setClockTo('2024-09-14', '07:00');
    await runScheduledCheck();
    const keys = (await listQueuedUpdates()).map((message) => message.dedupe_key ?? '');
    expect(keys.filter((key) => key.startsWith('weekly-update:2024-09-13:'))).toHaveLength(2);
    const logged = world.testApp.logs.filter((line) => line['msg'] === 'weekly updates queued');
    expect(logged.map((line) => line['queued'])).toEqual([2, 2]);
  });
});
