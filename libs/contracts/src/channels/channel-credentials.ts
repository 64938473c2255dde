/**
 * What a channel connected to its provider's API must keep secret (API.md "Provider webhooks": config
 * secrets are write-only). Stored and carried sealed (`ChannelSnapshot.credentials`, libs/platform's
 * `SecretSeal` bound to the channel id); opened only by the adapter that uses them.
 */
export type ChannelCredentials =
  | { kind: 'whatsapp_cloud'; accessToken: string; appSecret: string; verifyToken: string }
  | { kind: 'telegram_bot'; botToken: string }
  | { kind: 'smtp'; password: string | null };
