import { apiSchema, boolean, listOf, object, oneOfValues, pageOf, string, time } from '../../../openapi/api-schemas';

/** API.md "Workspace and directory" answers (and `GET /v1/me`, whose caller may be an API token). */

const userFields = {
  id: string(),
  firstName: string(),
  lastName: string({ description: 'empty when not given' }),
  email: string({ format: 'email' }),
  role: oneOfValues(['owner', 'manager', 'agent']),
  restriction: oneOfValues(['none', 'team', 'self']),
  canViewBlocked: boolean,
};

export const User = apiSchema('User', object(userFields));
export const UserPage = pageOf('User', User);

/** `GET /v1/me` with an API token: the token shown as a user (`kind: "api_token"`, no e-mail). */
export const Me = apiSchema('Me', {
  oneOf: [User, object({ ...userFields, email: { type: 'null' }, kind: oneOfValues(['api_token']) })],
});

export const Session = apiSchema('Session', object({ token: string({ description: 'Bearer token for `Authorization`' }), user: User }));

export const WorkspaceCreated = apiSchema('WorkspaceCreated', object({ workspace: object({ id: string(), name: string() }), user: User, token: string() }));

export const Team = apiSchema('Team', object({ id: string(), name: string(), memberIds: listOf(string()) }));
export const TeamPage = pageOf('Team', Team);

export const ApiTokenCreated = apiSchema('ApiTokenCreated', object({ id: string(), name: string(), token: string({ description: 'Shown in this answer only, never again' }) }));
export const ApiToken = apiSchema('ApiToken', object({ id: string(), name: string(), createdBy: string(), createdAt: time, revoked: boolean }));
export const ApiTokenPage = pageOf('ApiToken', ApiToken);
