/** The Authorization header of a bearer token, for supertest's `.set(...)`. */
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
