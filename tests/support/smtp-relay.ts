import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface RelayedMail {
  envelope: { from: string; to: string[] };
  user: string | null;
  mail: ParsedMail;
}

/**
 * An SMTP relay on loopback (smtp-server): it takes every mail, with or without a login (the login is
 * recorded), and keeps it parsed (mailparser). `refuse` makes it answer with an SMTP error instead.
 */
export class SmtpRelay {
  readonly mails: RelayedMail[] = [];
  refuse: { code: number; text: string } | null = null;
  private server?: SMTPServer;

  get port(): number {
    return ((this.server as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo).port;
  }

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (this.refuse) return callback(Object.assign(new Error(this.refuse.text), { responseCode: this.refuse.code }));
          void simpleParser(Buffer.concat(chunks)).then((mail) => {
            const envelope = { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((entry) => entry.address) };
            this.mails.push({ envelope, user: (session.user as string | undefined) ?? null, mail });
            callback();
          }, callback);
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
