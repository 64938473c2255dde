import { createECDH, createPrivateKey } from 'node:crypto';
import { IsInt, IsOptional, Matches, Max, Min, registerDecorator, ValidationArguments } from 'class-validator';
import { ServiceConfig, WithMongo, WithRedis, WithServicePorts } from '@omnibox/platform';

/**
 * The VAPID private key as web-push takes it (URL-safe base64 of the 32-byte P-256 scalar), from that
 * form or from a PEM EC private key (what the chart generates with Helm's genPrivateKey); null when it
 * is neither.
 */
export function vapidPrivateKeyOf(value: string): string | null {
  try {
    if (value.includes('BEGIN')) {
      const jwk = createPrivateKey(value).export({ format: 'jwk' });
      return jwk.crv === 'P-256' && jwk.d ? jwk.d : null;
    }
    return /^[A-Za-z0-9_-]{43}=?$/.test(value) && Buffer.from(value, 'base64url').length === 32 ? value.replace(/=$/, '') : null;
  } catch {
    return null;
  }
}

/** The public key that belongs to a VAPID private key (URL-safe base64 of the uncompressed point). */
export function vapidPublicKeyOf(privateKey: string): string {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(Buffer.from(privateKey, 'base64url'));
  return ecdh.getPublicKey().toString('base64url');
}

function IsVapidPrivateKey() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isVapidPrivateKey',
      target: target.constructor,
      propertyName,
      options: { message: 'must be a P-256 private key: URL-safe base64 of 32 bytes (web-push generate-vapid-keys) or a PEM EC key' },
      validator: { validate: (value: unknown) => typeof value === 'string' && vapidPrivateKeyOf(value) !== null },
    });
}

function BelongsToVapidPrivateKey() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'belongsToVapidPrivateKey',
      target: target.constructor,
      propertyName,
      options: { message: 'is not the public key of VAPID_PRIVATE_KEY (leave it out to derive it)' },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const privateKey = vapidPrivateKeyOf(String((args.object as NotificationsConfig).VAPID_PRIVATE_KEY ?? ''));
          return typeof value === 'string' && (!privateKey || vapidPublicKeyOf(privateKey) === value.replace(/=+$/, ''));
        },
      },
    });
}

/** Environment of the notifications service; see README.md for each variable. */
export class NotificationsConfig extends WithServicePorts(WithRedis(WithMongo(ServiceConfig))) {
  override HTTP_PORT = 3105;
  override GRPC_PORT = 50055;
  override MONGODB_DATABASE = 'omnibox_notifications';

  /** The application server's VAPID key pair (NTF-2): subscriptions are bound to it, so keep it. */
  @IsVapidPrivateKey()
  VAPID_PRIVATE_KEY: string;

  /** Optional: derived from the private key; when given, it must be its public key. */
  @IsOptional()
  @BelongsToVapidPrivateKey()
  VAPID_PUBLIC_KEY?: string;

  /** Who push services contact about our pushes: `mailto:` or an `https:` URL. */
  @Matches(/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/, { message: 'must be mailto:<address> or an https:// URL' })
  VAPID_SUBJECT: string;

  /** Conversation events handled at once (one thread's always in order). */
  @IsInt()
  @Min(1)
  @Max(256)
  CONSUMER_CONCURRENCY: number = 16;

  /** Pushes sent at once (one subscription's always in order). */
  @IsInt()
  @Min(1)
  @Max(512)
  PUSH_CONCURRENCY: number = 32;

  /** How long one push may take before it counts as unanswered (and is tried again); below JetStream's 30 s ack wait. */
  @IsInt()
  @Min(100)
  @Max(20_000)
  PUSH_TIMEOUT_MS: number = 5000;

  /** Attempts of a push whose service answers 429 / 5xx or nothing, before it is given up. */
  @IsInt()
  @Min(1)
  @Max(20)
  PUSH_MAX_ATTEMPTS: number = 5;

  /** Days a notification stays in the centre after its last change. */
  @IsInt()
  @Min(1)
  @Max(3650)
  NOTIFICATION_RETENTION_DAYS: number = 90;

  /** The VAPID keys as web-push takes them (validated above). */
  vapidKeys(): { publicKey: string; privateKey: string; subject: string } {
    const privateKey = vapidPrivateKeyOf(this.VAPID_PRIVATE_KEY)!;
    return { privateKey, publicKey: vapidPublicKeyOf(privateKey), subject: this.VAPID_SUBJECT };
  }
}
