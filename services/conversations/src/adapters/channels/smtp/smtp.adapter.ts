import { Inject, Injectable } from '@nestjs/common';
import type { MessageSnapshot } from '@omnibox/contracts';
import { CONFIG, OutboundGuard, outboundGuardsOf, OutboundRefused } from '@omnibox/platform';
import { createTransport } from 'nodemailer';
import type { ChannelAdapter, Delivery, DeliveryResult } from '../../../application/ports';
import type { ConversationsConfig } from '../../../config';
import { ChannelCredentialsReader, NO_CREDENTIALS } from '../channel-credentials';
import { outgoingMail } from './outgoing-mail';

/**
 * E-mail over SMTP (see README.md): each outgoing e-mail goes through the channel's relay with
 * nodemailer. The relay's name is resolved under the `configured` outbound rule (SSRF) and the
 * connection goes to the address checked, the certificate checked against the name.
 */
@Injectable()
export class SmtpAdapter implements ChannelAdapter {
  private readonly guard: OutboundGuard;

  constructor(
    private readonly credentials: ChannelCredentialsReader,
    @Inject(CONFIG) private readonly config: ConversationsConfig,
  ) {
    this.guard = outboundGuardsOf(config).configured;
  }

  async send(delivery: Delivery, message: MessageSnapshot): Promise<DeliveryResult> {
    const channel = delivery.channel;
    const relay = channel?.config.smtp;
    const address = channel?.config.address;
    const credentials = this.credentials.of(channel, 'smtp');
    if (!channel || !relay || !address || !credentials) return NO_CREDENTIALS;
    const mail = outgoingMail(delivery, message, channel.name, address);
    if ('refused' in mail) return { ok: false, error: mail.refused, retryable: false };
    let host: string;
    try {
      host = await this.resolve(relay.host);
    } catch (error) {
      if (error instanceof OutboundRefused) return { ok: false, error: `the relay's address is not allowed: ${error.reason}`, retryable: false };
      return { ok: false, error: `relay unreachable: ${(error as Error).message}`, retryable: true };
    }
    const timeout = this.config.PROVIDER_API_TIMEOUT_MS;
    const transport = createTransport({
      host,
      port: relay.port,
      secure: relay.secure,
      name: address.split('@')[1],
      auth: relay.user ? { user: relay.user, pass: credentials.password ?? '' } : undefined,
      tls: { servername: relay.host },
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout * 3,
    });
    try {
      await transport.sendMail(mail);
      return { ok: true, providerMessageId: mail.messageId };
    } catch (error) {
      const failure = error as { responseCode?: number; response?: string; message: string };
      const code = failure.responseCode;
      // 4xx replies and broken connections pass; a 5xx reply is the relay's final word.
      return { ok: false, error: `the relay refused: ${(failure.response ?? failure.message).slice(0, 500)}`, retryable: code === undefined || (code >= 400 && code < 500) };
    } finally {
      transport.close();
    }
  }

  /** E-mail has no typing indicator. */
  async typing(): Promise<void> {}

  /** E-mail has no read receipts we send. */
  async markRead(): Promise<void> {}

  private resolve(host: string): Promise<string> {
    // The rule reads URLs: the relay's name as one (its literal addresses are checked there).
    this.guard.checkUrl(`http://${host.includes(':') ? `[${host}]` : host}/`);
    return new Promise((resolve, reject) => this.guard.lookup(host, {}, (error, resolved) => (error ? reject(error) : resolve(resolved as string))));
  }
}
