import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AccountList,
  AccountStatusBody,
  AccountSummary,
  AccountWithPassword,
  ContactAccountList,
  ContactAdminParams,
  ContactSearchQuery,
  NewAccountBody,
  ParentAccountBody,
  PasswordResetBody,
  RoleChangeBody,
  UserAdminParams,
} from '../../contracts/admin-people.contract.ts';
import { SchoolParams } from '../../contracts/common.contract.ts';
import {
  changeAccountRole,
  createParentAccount,
  createStaffAccount,
  findContacts,
  listAccounts,
  resetAccountPassword,
  setAccountActive,
  type UserAdminDeps,
  type UserAdminError,
} from '../../services/user-admin.service.ts';
import type { RollcallApp } from '../app.ts';
import { createProblem, sendProblem } from '../problem.ts';
import {
  editorOf,
  manageSchool,
  needs,
  problems,
  security,
  sendInputProblems,
} from '../school-admin-parts.ts';

function userAdminDeps(request: FastifyRequest): UserAdminDeps {
  const { db, clock, auth } = request.server.rollcall;
  return { db, clock, passwordHashing: auth.settings.passwordHashing };
}

function sendAccountError(reply: FastifyReply, error: UserAdminError): FastifyReply {
  switch (error.kind) {
    case 'not-found':
      return sendProblem(
        reply,
        createProblem(
          'not-found',
          error.what === 'account'
            ? 'The school has no account with that id.'
            : `There is no ${error.what} with that id at this school.`,
        ),
      );
    case 'invalid':
      return sendInputProblems(
        reply,
        'account-change-invalid',
        'Nothing was changed',
        error.problems,
      );
    case 'email-taken':
      return sendProblem(
        reply,
        createProblem(
          'email-taken',
          `An account already signs in as ${error.email}; use another email.`,
          {
            errors: [{ field: 'body.email', message: 'already used by another account' }],
          },
        ),
      );
    case 'last-admin':
      return sendProblem(
        reply,
        createProblem(
          'last-admin',
          'This is the last active administrator of the school: make someone else an administrator first.',
        ),
      );
    case 'own-account':
      return sendProblem(
        reply,
        createProblem(
          'own-account',
          'You cannot disable the account you are signed in with; ask another administrator.',
        ),
      );
  }
}

/** Staff and parent accounts of a school: roles, disabling, passwords. */
export function registerAccountRoutes(app: RollcallApp): void {
  const tags = ['accounts'];
  app.get(
    '/api/schools/:schoolId/accounts',
    {
      schema: {
        summary: "The school's staff accounts and its pupils' parents' accounts, with roles",
        description: `Trust-wide accounts that reach the school are the trust's to change.${needs}`,
        tags,
        security,
        params: SchoolParams,
        response: { 200: AccountList, ...problems },
      },
      preHandler: manageSchool,
    },
    async (request) => ({
      accounts: await listAccounts(userAdminDeps(request), request.params.schoolId),
    }),
  );

  app.post(
    '/api/schools/:schoolId/accounts',
    {
      schema: {
        summary: 'Create a staff account',
        description:
          'Without a password Rollcall makes one up and returns it once, in this response only; ' +
          `passwords are stored as argon2id hashes. Written to the audit log.${needs}`,
        tags,
        security,
        params: SchoolParams,
        body: NewAccountBody,
        response: { 201: AccountWithPassword, ...problems },
      },
      preHandler: manageSchool,
    },
    async (request, reply) => {
      const created = await createStaffAccount(userAdminDeps(request), {
        ...editorOf(request, request.params.schoolId),
        ...request.body,
      });
      if (!created.ok) return sendAccountError(reply, created.error);
      return reply.code(201).send(created.value);
    },
  );

  app.put(
    '/api/schools/:schoolId/accounts/:userId/role',
    {
      schema: {
        summary: "Change a staff account's role",
        description:
          'The school keeps at least one active administrator: demoting the last is refused ' +
          `(409). The account's sessions end, so its next sign-in carries the new role.${needs}`,
        tags,
        security,
        params: UserAdminParams,
        body: RoleChangeBody,
        response: { 200: AccountSummary, ...problems },
      },
      preHandler: manageSchool,
    },
    async (request, reply) => {
      const changed = await changeAccountRole(userAdminDeps(request), {
        ...editorOf(request, request.params.schoolId),
        userId: request.params.userId,
        role: request.body.role,
      });
      if (!changed.ok) return sendAccountError(reply, changed.error);
      return changed.value;
    },
  );

  app.put(
    '/api/schools/:schoolId/accounts/:userId/status',
    {
      schema: {
        summary: 'Disable or enable an account',
        description:
          'A disabled account cannot sign in and its sessions end at once; enabling lets it sign ' +
          'in again with the same password. Neither your own account nor the last active ' +
          `administrator can be disabled.${needs}`,
        tags,
        security,
        params: UserAdminParams,
        body: AccountStatusBody,
        response: { 200: AccountSummary, ...problems },
      },
      preHandler: manageSchool,
    },
    async (request, reply) => {
      const changed = await setAccountActive(userAdminDeps(request), {
        ...editorOf(request, request.params.schoolId),
        userId: request.params.userId,
        active: request.body.active,
      });
      if (!changed.ok) return sendAccountError(reply, changed.error);
      return changed.value;
    },
  );

  app.post(
    '/api/schools/:schoolId/accounts/:userId/password',
    {
      schema: {
        summary: "Reset an account's password",
        description:
          "Sets the chosen password, or one Rollcall makes up and returns once; the account's " +
          `sessions end.${needs}`,
        tags,
        security,
        params: UserAdminParams,
        body: PasswordResetBody,
        response: { 200: AccountWithPassword, ...problems },
      },
      preHandler: manageSchool,
    },
    async (request, reply) => {
      const reset = await resetAccountPassword(userAdminDeps(request), {
        ...editorOf(request, request.params.schoolId),
        userId: request.params.userId,
        password: request.body.password,
      });
      if (!reset.ok) return sendAccountError(reply, reset.error);
      return reset.value;
    },
  );

  app.get(
    '/api/schools/:schoolId/contacts',
    {
      schema: {
        summary: 'Contacts of pupils on the roll, and whether each has a parent account',
        description: `At most 100; search by part of the contact's or the pupil's name or the email.${needs}`,
        tags,
        security,
        params: SchoolParams,
        querystring: ContactSearchQuery,
        response: { 200: ContactAccountList, ...problems },
      },
      preHandler: manageSchool,
    },
    async (request) =>
      findContacts(userAdminDeps(request), {
        schoolId: request.params.schoolId,
        search: request.query.search ?? null,
      }),
  );

  app.post(
    '/api/schools/:schoolId/contacts/:contactId/account',
    {
      schema: {
        summary: 'Give a contact a parent account',
        description:
          "The account signs in with the contact's email (or the one given) and sees that " +
          "contact's children only. If a parent account already has the email, the contact is " +
          `linked to it and no password changes.${needs}`,
        tags,
        security,
        params: ContactAdminParams,
        body: ParentAccountBody,
        response: { 201: AccountWithPassword, ...problems },
      },
      preHandler: manageSchool,
    },
    async (request, reply) => {
      const created = await createParentAccount(userAdminDeps(request), {
        ...editorOf(request, request.params.schoolId),
        contactId: request.params.contactId,
        ...request.body,
      });
      if (!created.ok) return sendAccountError(reply, created.error);
      return reply.code(201).send({
        account: created.value.account,
        generatedPassword: created.value.generatedPassword,
      });
    },
  );
}
