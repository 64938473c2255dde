import { channelRef, contactFirstSeen } from './channel-identity';

const now = new Date('2026-01-01T00:00:00Z');

describe('a contact first seen on a channel (CNV-1, CON-4)', () => {
  it('CNV-1: is created unassigned, named as the channel names them, with phone and e-mail normalised', () => {
    const contact = contactFirstSeen('c1', 'w1', { channelId: 'wa', channelType: 'whatsapp', externalId: '62811', firstName: ' Wendy ', phone: '+62 811-1111-111', email: 'W@Example.com' }, now);
    expect(contact).toMatchObject({ id: 'c1', workspaceId: 'w1', firstName: 'Wendy', lastName: null, phone: '+628111111111', email: 'w@example.com', blocked: false, createdAt: now, updatedAt: now });
    expect(contact.access).toEqual({ assigneeId: null, teamId: null, collaboratorIds: [], mentionedUntil: {} });
  });
  it('CNV-1: without a name it is called by its phone, e-mail or external id; what is not a phone or e-mail is dropped, never refused', () => {
    expect(contactFirstSeen('c1', 'w1', { channelId: 'wa', channelType: 'whatsapp', externalId: '62811', phone: '+62 811' }, now).firstName).toBe('+62 811');
    expect(contactFirstSeen('c1', 'w1', { channelId: 'tg', channelType: 'telegram', externalId: 'tg-9' }, now).firstName).toBe('tg-9');
    expect(contactFirstSeen('c1', 'w1', { channelId: 'em', channelType: 'email', externalId: 'x', email: 'not-mail' }, now).email).toBeNull();
  });
  it('CON-4: a channel is listed as channel, type and external id', () => {
    expect(channelRef({ channelId: 'wa', type: 'whatsapp', externalId: '62811', contactId: 'c1' } as never)).toEqual({ channelId: 'wa', type: 'whatsapp', externalId: '62811' });
  });
});
