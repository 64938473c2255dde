import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'omnibox:public';

/** Marks a route that needs no bearer token (health, workspace sign-up, login, signed ingress). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
