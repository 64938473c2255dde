import { registerDecorator, ValidationOptions } from 'class-validator';

/** Accepts an absolute URL whose scheme is one of `protocols` (e.g. nats, mongodb, redis, http). */
export function IsEngineUrl(protocols: string[], options?: ValidationOptions) {
  return function (target: object, propertyName: string) {
    registerDecorator({
      name: 'isEngineUrl',
      target: target.constructor,
      propertyName,
      options: { message: `must be a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}`, ...options },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string') return false;
          try {
            const url = new URL(value);
            return protocols.includes(url.protocol.replace(/:$/, ''));
          } catch {
            return false;
          }
        },
      },
    });
  };
}
