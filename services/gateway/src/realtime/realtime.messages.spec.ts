import { decodeChannelMessage, realtimeChannel, RealtimeMessage, sharedFrameOf, workspaceOfChannel } from './realtime.messages';

const access = { assigneeId: null, teamId: null, collaboratorIds: [], mentionedUntil: {}, contact: { blocked: false } };

describe('what a gateway replica hears on Redis (API.md "Realtime")', () => {
  it('names the workspace of both channels, so a replica without its sockets skips the frame', () => {
    expect(workspaceOfChannel(realtimeChannel('ws_1'))).toBe('ws_1');
    expect(workspaceOfChannel('conversations:realtime:ws_2')).toBe('ws_2');
  });

  it('a typing signal becomes a `typing` frame that is not echoed to the user who types', () => {
    const raw = JSON.stringify({ workspaceId: 'ws_2', contactId: 'c1', userId: 'u1', typing: true, thread: access });
    const message = decodeChannelMessage('conversations:realtime:ws_2', raw, 1000);
    expect(message).toMatchObject({ type: 'typing', workspaceId: 'ws_2', excludeUserId: 'u1', data: { contactId: 'c1', userId: 'u1', typing: true } });
    expect(message.seq).toBeUndefined();
  });

  it('a published frame keeps its position in the workspace stream, so a client can resume after it', () => {
    const frame = { id: 'e1', workspaceId: 'ws_1', type: 'message.created', thread: access, data: { id: 'm1' } };
    const message = decodeChannelMessage(realtimeChannel('ws_1'), `1700000000000-3\n${JSON.stringify(frame)}`);
    expect(message).toMatchObject({ ...frame, seq: '1700000000000-3' });
  });

  it('refuses a message that is not JSON', () => {
    expect(() => decodeChannelMessage(realtimeChannel('ws_1'), '1-1\nnot json')).toThrow();
  });

  it('a frame every socket receives alike carries the client fields only, not the thread it was checked against', () => {
    const message: RealtimeMessage = { id: 'e1', seq: '1-1', workspaceId: 'ws_1', type: 'message.created', thread: null, audience: access, data: { id: 'm1' }, occurredAt: 'a', publishedAt: 'b' };
    const frame = sharedFrameOf(message);
    expect(JSON.parse(frame.toString())).toEqual({ type: 'message.created', data: { id: 'm1' }, seq: '1-1', id: 'e1', occurredAt: 'a', publishedAt: 'b' });
    expect(sharedFrameOf(message)).toBe(frame);
  });
});
