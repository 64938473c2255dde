import { mailEvent, ReceivedMail } from './incoming-mail';

const mail: ReceivedMail = {
  from: { address: 'Buyer@Example.com', name: 'Bea Buyer' },
  recipients: ['help@shop.example'],
  subject: 'Invoice 7',
  text: 'Please send the invoice\u0007',
  html: '<p>Please send the <b>invoice</b></p>',
  cc: ['Boss@Example.com'],
  messageId: '<m2@example.com>',
  inReplyTo: '<m1@shop.example>',
  references: ['<m0@example.com>', '<m1@shop.example>'],
  date: new Date('2026-03-01T10:00:00Z'),
  attachments: [],
};

describe('incoming mail (MSG-8)', () => {
  it('an e-mail is a message of its sender keyed by its Message-ID, with its content, CC and threading headers kept', () => {
    expect(mailEvent(mail, Buffer.from('raw'), 'mx.test')).toEqual({
      type: 'message',
      id: '<m2@example.com>',
      timestamp: '2026-03-01T10:00:00.000Z',
      contact: { externalId: 'buyer@example.com', email: 'buyer@example.com', firstName: 'Bea', lastName: 'Buyer' },
      message: {
        type: 'email',
        text: 'Please send the invoice',
        email: { subject: 'Invoice 7', html: '<p>Please send the <b>invoice</b></p>', cc: ['boss@example.com'], messageId: '<m2@example.com>', inReplyTo: '<m1@shop.example>', references: ['<m0@example.com>', '<m1@shop.example>'] },
      },
    });
  });

  it('a mail without a Message-ID gets one from its bytes, so a retry of it is the same mail', () => {
    const first = mailEvent({ ...mail, messageId: undefined }, Buffer.from('the same bytes'), 'mx.test');
    expect(first?.id).toMatch(/^<[0-9a-f]{32}@mx\.test>$/);
    expect(mailEvent({ ...mail, messageId: undefined }, Buffer.from('the same bytes'), 'mx.test')?.id).toBe(first?.id);
  });

  it('a mail without a sender starts nothing', () => {
    expect(mailEvent({ ...mail, from: null }, Buffer.from('x'), 'mx.test')).toBeNull();
  });
});
