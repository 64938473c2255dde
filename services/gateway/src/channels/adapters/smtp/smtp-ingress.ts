import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppError, CONFIG, getLogger } from '@omnibox/platform';
import { SMTPServer, SMTPServerAddress, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { AcceptMail } from '../../application/accept-mail';
import type { GatewayConfig } from '../../../config';
import { readMail } from './parsed-mail';

/** An SMTP refusal with its reply code (4xx: try again later; 5xx: do not). */
const refusal = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code });

/**
 * The SMTP listener of e-mail channels (see README.md): SMTP_INGRESS_HOST:SMTP_INGRESS_PORT, loopback
 * by default, off with port 0. It takes mail only for e-mail channels' addresses (550 for others),
 * refuses mail over SMTP_MAX_BYTES (552), and answers 250 only once the mail is stored; if it cannot
 * be, 451 tells the sending server to try again, so an accepted mail is never lost.
 */
@Injectable()
export class SmtpIngress implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: SMTPServer;

  constructor(
    private readonly accept: AcceptMail,
    @Inject(CONFIG) private readonly config: GatewayConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SMTP_INGRESS_PORT) return;
    this.server = new SMTPServer({
      name: this.config.SMTP_HOSTNAME,
      banner: 'omnibox mail ingress',
      size: this.config.SMTP_MAX_BYTES,
      // TLS ends in front of the listener (an ingress or a relay); no login: it only receives.
      disabledCommands: ['AUTH', 'STARTTLS'],
      authOptional: true,
      logger: false,
      maxClients: 200,
      socketTimeout: 60_000,
      onRcptTo: (address, session, callback) => void this.recipient(address, session).then(() => callback(), callback),
      onData: (stream, session, callback) => void this.receive(stream, session).then(() => callback(), callback),
    });
    this.server.on('error', (error) => getLogger().warn({ err: error }, 'SMTP listener error'));
    const server = this.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.SMTP_INGRESS_PORT, this.config.SMTP_INGRESS_HOST, () => {
        server.off('error', reject);
        resolve();
      });
    });
    getLogger().info({ port: this.config.SMTP_INGRESS_PORT, host: this.config.SMTP_INGRESS_HOST }, 'SMTP listener started');
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async recipient(address: SMTPServerAddress, _session: SMTPServerSession): Promise<void> {
    let channel;
    try {
      channel = await this.accept.recipient(address.address);
    } catch {
      throw refusal(451, '4.3.0 Mailbox lookup failed, try again later');
    }
    if (!channel) throw refusal(550, '5.1.1 No such mailbox here');
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      // Past the limit the rest is read and dropped: the mail is refused whole.
      if (size <= this.config.SMTP_MAX_BYTES) chunks.push(chunk as Buffer);
    }
    if (stream.sizeExceeded || size > this.config.SMTP_MAX_BYTES) throw refusal(552, `5.3.4 Message exceeds the limit of ${this.config.SMTP_MAX_BYTES} bytes`);
    const raw = Buffer.concat(chunks);
    const recipients = session.envelope.rcptTo.map((entry) => entry.address);
    try {
      const mail = await readMail(raw, recipients);
      if (!mail.from) throw refusal(550, '5.1.7 The mail has no From address');
      await this.accept.execute(mail, raw, this.config.SMTP_HOSTNAME);
    } catch (error) {
      if ((error as { responseCode?: number }).responseCode) throw error;
      // The input policy refused part of it: it will not pass on a retry either.
      if (error instanceof AppError && error.status === 400) throw refusal(550, `5.6.0 ${error.message}`);
      getLogger().warn({ err: error, recipients: recipients.length }, 'mail not stored; the sending server will retry');
      throw refusal(451, '4.3.0 The mail could not be stored, try again later');
    }
  }
}
