import { NO_ACCESS_GRANTS } from '@omnibox/contracts';
import { CallState, newCall } from './call';
import { deliverRecording, readableRecording, recordingDropped, recordingStored, recordingType, withTranscript } from './recordings';

const call: CallState = {
  ...newCall({ id: 'c1', workspaceId: 'w', channel: { id: 'ch', type: 'api' }, providerCallId: 'p1', contact: { id: 'k', firstName: 'Kim', lastName: null, phone: null }, externalId: 'x', direction: 'incoming', at: '2026-03-01T10:00:00.000Z', maxDurationSeconds: 3600, access: NO_ACCESS_GRANTS, blocked: false }),
  status: 'ended',
};
const source = { url: 'https://provider/rec/1.ogg', contentType: 'audio/ogg', durationSeconds: 42 };

describe('recordings and transcripts (CAL-5)', () => {
  it('CAL-5: a delivered recording is copied only while recordings are on, and once', () => {
    expect(deliverRecording(call, source, false)).toBeNull();
    const delivered = deliverRecording(call, source, true)!;
    expect(delivered.recording.source).toEqual(source);
    expect(deliverRecording(delivered, source, true)).toBeNull();
    const stored = recordingStored(delivered, source.url, { key: 'k1', size: 10, contentType: 'audio/ogg' })!;
    expect(stored.recording).toEqual({ status: 'available', key: 'k1', size: 10, contentType: 'audio/ogg', durationSeconds: 42, source: null });
    expect(deliverRecording(stored, { ...source, url: 'https://provider/rec/2.ogg' }, true)).toBeNull();
  });

  it('CAL-5: a stored recording is readable only while recordings are on; a dropped delivery is forgotten', () => {
    const stored = recordingStored(deliverRecording(call, source, true)!, source.url, { key: 'k1', size: 10, contentType: 'audio/ogg' })!;
    expect(readableRecording(stored, true)).toEqual({ key: 'k1', size: 10, contentType: 'audio/ogg' });
    expect(readableRecording(stored, false)).toBeNull();
    expect(readableRecording(call, true)).toBeNull();
    expect(recordingDropped(deliverRecording(call, source, true)!, source.url)!.recording.source).toBeNull();
  });

  it('CAL-5: a transcript is kept only while transcripts are on', () => {
    expect(withTranscript(call, { text: 'hello' }, false)).toBeNull();
    expect(withTranscript(call, { text: 'hello', language: 'en' }, true)!.transcript).toEqual({ text: 'hello', language: 'en' });
  });

  it('a recording is served as audio of the provider’s type, or as bytes of unknown kind', () => {
    expect(recordingType(null, 'audio/mpeg; charset=binary')).toBe('audio/mpeg');
    expect(recordingType('text/html', undefined)).toBe('application/octet-stream');
  });
});
