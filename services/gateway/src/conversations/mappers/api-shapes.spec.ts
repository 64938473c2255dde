import { loadSync, ServiceDefinition } from '@grpc/proto-loader';
import { ConversationAnswer, MessageAnswer, MessageMessage, protoFile, TimelinePageAnswer } from '@omnibox/contracts';
import { PROTO_LOADER_OPTIONS, toProtoValue, toStruct } from '@omnibox/rpc';
import { conversationJson } from './conversation.mapper';
import { messageJson } from './message.mapper';
import { timelinePageJson } from './timeline-page.mapper';

// The answers go through the real contract (encoded and decoded as on the wire), so these check what
// clients get from what the service sends: the API.md shapes, byte for byte.
const service = loadSync(protoFile('conversations.proto'), PROTO_LOADER_OPTIONS)['omnibox.conversations.v1.Conversations'] as ServiceDefinition;
const overTheWire = <T>(method: string, answer: unknown): T => service[method].responseDeserialize(service[method].responseSerialize(answer as object)) as T;

const received = (message: MessageMessage) => messageJson(overTheWire<MessageAnswer>('GetMessage', message));

const base: MessageMessage = {
  id: 'm1',
  contactId: 'c1',
  direction: 'incoming',
  channelId: 'ch1',
  type: 'email',
  text: 'hello',
  status: 'received',
  sender: { category: 'contact' },
  linkPreview: null,
  attachment: null,
  template: null,
  email: { cc: ['c@example.com'], bcc: [], subject: 'Invoice', threadKey: 'm1' },
  payload: null,
  suppressed: false,
  createdAt: '2026-01-01T10:00:00.000Z',
};

describe('API.md message from the conversations contract (MSG-1…10)', () => {
  it('MSG-1: every field is present, null when empty, in the order clients know', () => {
    expect(JSON.stringify(received({ ...base, type: 'text', email: null }))).toBe(
      '{"kind":"message","id":"m1","contactId":"c1","direction":"incoming","channelId":"ch1","type":"text","text":"hello","status":"received","error":null,"sender":{"category":"contact","name":null},"replyToId":null,"linkPreview":null,"attachment":null,"template":null,"email":null,"payload":null,"broadcastId":null,"suppressed":false,"createdAt":"2026-01-01T10:00:00.000Z"}',
    );
  });

  it('MSG-8: an incoming e-mail lists every provider header, null when absent; an outgoing one what was sent', () => {
    expect(JSON.stringify(received(base).email)).toBe('{"subject":"Invoice","html":null,"cc":["c@example.com"],"messageId":null,"inReplyTo":null,"threadKey":"m1"}');
    const outgoing = received({ ...base, direction: 'outgoing', email: { subject: 'Re: Invoice', cc: [], bcc: ['b@example.com'], messageId: '<x@omnibox.mail>', threadKey: 't' } });
    expect(JSON.stringify(outgoing.email)).toBe('{"subject":"Re: Invoice","cc":[],"bcc":["b@example.com"],"messageId":"<x@omnibox.mail>","threadKey":"t"}');
  });

  it('MSG-1: users and API tokens are named as the sender; MSG-7: a raw payload comes back as it was sent', () => {
    const sent = received({ ...base, direction: 'outgoing', sender: { category: 'user', userId: 'u1', name: 'Ana' }, payload: toProtoValue({ sticker: { id: 's', list: [1, 'a', null] } }) });
    expect(JSON.stringify(sent.sender)).toBe('{"category":"user","userId":"u1","name":"Ana"}');
    expect(JSON.stringify(sent.payload)).toBe('{"sticker":{"id":"s","list":[1,"a",null]}}');
    expect(JSON.stringify(received({ ...base, sender: { category: 'api', name: 'Flow' } }).sender)).toBe('{"category":"api","name":"Flow"}');
  });
});

describe('API.md conversation from the conversations contract', () => {
  it('every field is present, null when empty, in the order clients know', () => {
    const json = conversationJson(overTheWire<ConversationAnswer>('GetConversation', {
      contactId: 'c1',
      contact: { id: 'c1', firstName: 'Rita', blocked: false },
      status: 'open',
      collaboratorIds: [],
      unreadCount: 2,
      lastMessage: null,
      statusSince: '2026-01-01T10:00:00.000Z',
      episode: 1,
      typingUserIds: ['u2'],
    }));
    expect(JSON.stringify(json)).toBe(
      '{"contactId":"c1","contact":{"id":"c1","firstName":"Rita","lastName":null,"blocked":false},"status":"open","previousStatus":null,"snoozedUntil":null,"assigneeId":null,"teamId":null,"collaboratorIds":[],"unreadCount":2,"lastMessage":null,"lastMessageAt":null,"lastIncomingAt":null,"statusSince":"2026-01-01T10:00:00.000Z","episode":1,"typingUserIds":["u2"]}',
    );
  });
});

describe('API.md timeline from the conversations contract (CNV-9, SRC-1)', () => {
  it('CNV-9: events keep their free-form data and referral; comments their mentions; the last page has no cursor', () => {
    const page = timelinePageJson(overTheWire<TimelinePageAnswer>('ListTimeline', {
      items: [
        { event: { id: 'e1', contactId: 'c1', category: 'open', type: 'opened', source: 'contact', data: toStruct({ n: 2, nested: { a: [true, null] } }), referral: { code: 'AD' }, createdAt: 't2' } },
        { comment: { id: 'k1', contactId: 'c1', text: 'hi', authorId: 'u1', mentionIds: ['u2'], createdAt: 't1' } },
      ],
    }));
    expect(JSON.stringify(page)).toBe(
      '{"items":[{"kind":"event","id":"e1","contactId":"c1","category":"open","type":"opened","source":"contact","actorId":null,"data":{"n":2,"nested":{"a":[true,null]}},"referral":{"code":"AD"},"createdAt":"t2"},{"kind":"comment","id":"k1","contactId":"c1","text":"hi","authorId":"u1","mentionIds":["u2"],"createdAt":"t1"}],"nextCursor":null}',
    );
  });
});
