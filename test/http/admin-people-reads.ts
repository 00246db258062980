import { expect } from 'vitest';
import { sendAs, type ApiRequest, type ApiWorld } from './api-world.ts';
import { readJson } from './test-app.ts';

// What the class, account and import tests share: reading the school's state through the API
// and checking that a refused change changed none of it.

export interface ClassSetup {
  id: number;
  name: string;
  kind: string;
  teachers: { userId: number; displayName: string }[];
  pupilCount: number;
}

export interface Account {
  id: number;
  email: string;
  role: string;
  active: boolean;
  managedHere: boolean;
}

export function useAdminReads(getWorld: () => ApiWorld) {
  const school = () => `/api/schools/${getWorld().school.id}`;
  const asAdmin = (request: ApiRequest) => sendAs(getWorld(), 'admin', request);

  async function auditActions(): Promise<string[]> {
    const rows = await getWorld()
      .db.selectFrom('audit_log')
      .select('action')
      .orderBy('id')
      .execute();
    return rows.map((row) => row.action);
  }

  async function readClasses() {
    const response = await asAdmin({ method: 'GET', url: `${school()}/classes` });
    expect(response.statusCode).toBe(200);
    return readJson(response) as {
      academicYearId: number;
      classes: ClassSetup[];
      teachers: { userId: number }[];
    };
  }

  async function readAccounts(): Promise<Account[]> {
    const response = await asAdmin({ method: 'GET', url: `${school()}/accounts` });
    expect(response.statusCode).toBe(200);
    return (readJson(response) as { accounts: Account[] }).accounts;
  }

  async function readRoll() {
    const response = await asAdmin({ method: 'GET', url: `${school()}/roll` });
    return (
      readJson(response) as {
        pupils: { pupilId: number; firstName: string; registrationClassId: number | null }[];
      }
    ).pupils;
  }

  /** Sends a refused change and checks it is a problem of that type that changed nothing. */
  async function expectRefused(request: ApiRequest, status: number, type: string) {
    const before = {
      classes: await readClasses(),
      accounts: await readAccounts(),
      roll: await readRoll(),
      audit: await auditActions(),
    };
    const response = await asAdmin(request);
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(readJson(response)['type']).toBe(`https://rollcall.example/problems/${type}`);
    expect(await readClasses()).toEqual(before.classes);
    expect(await readAccounts()).toEqual(before.accounts);
    expect(await readRoll()).toEqual(before.roll);
    expect(await auditActions()).toEqual(before.audit);
    return readJson(response) as {
      detail: string;
      errors?: { field: string; message: string }[];
    };
  }

  return { asAdmin, auditActions, readClasses, readAccounts, readRoll, expectRefused };
}
