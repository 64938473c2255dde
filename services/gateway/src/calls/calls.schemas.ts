import { apiSchema, boolean, integer, listOf, nullable, object, oneOfValues, pageOf, string, time } from '../openapi/api-schemas';

/** API.md "Calls" answers, as calls.mappers.ts writes them. */

const CALL_STATUSES = ['ringing', 'ongoing', 'ended', 'missed', 'rejected', 'failed'];
const END_REASONS = ['completed', 'max_duration', 'missed', 'rejected', 'failed', 'unanswered'];
const RECORDING_STATUSES = ['off', 'on', 'stopped', 'available'];
const seconds = integer({ minimum: 0 });

export const Call = apiSchema(
  'Call',
  object({
    id: string(),
    contactId: string(),
    contact: object({ id: string(), firstName: string(), lastName: nullable(string()), phone: nullable(string({ description: 'masked to its last four digits for agents when maskPhoneNumbers is on' })) }),
    channelId: string(),
    channelType: string(),
    direction: oneOfValues(['incoming', 'outgoing']),
    status: oneOfValues(CALL_STATUSES),
    assigneeId: nullable(string()),
    answeredBy: nullable(string()),
    startedAt: time,
    answeredAt: nullable(time),
    endedAt: nullable(time),
    durationSeconds: { ...seconds, description: 'talk time: answered → ended' },
    endReason: nullable(oneOfValues(END_REASONS)),
    recording: object({ status: oneOfValues(RECORDING_STATUSES) }),
    transcript: object({ available: boolean }),
    providerCallId: nullable(string()),
  }),
);
export const CallPage = pageOf('Call', Call);

export const CallActivity = apiSchema(
  'CallActivity',
  object(
    {
      id: string(),
      callId: nullable(string()),
      type: oneOfValues(['permission_accepted', 'permission_rejected', 'incoming', 'outgoing', 'missed', 'unanswered', 'max_duration']),
      status: string(),
      at: time,
      durationSeconds: seconds,
      answeredBy: string(),
      recording: object({ status: oneOfValues(RECORDING_STATUSES), url: string() }, ['url']),
      transcript: object({ available: boolean, url: string() }, ['url']),
    },
    ['durationSeconds', 'answeredBy', 'recording', 'transcript'],
  ),
);
export const CallActivityGroups = apiSchema(
  'CallActivityGroups',
  object({ groups: listOf(object({ date: string({ format: 'date', description: 'in the workspace\'s time zone' }), items: listOf(CallActivity) })) }),
);

export const Transcript = apiSchema('Transcript', object({ text: string(), language: nullable(string()) }));

export const PermissionRequested = apiSchema(
  'PermissionRequested',
  object({ id: string(), contactId: string(), channelId: string(), status: oneOfValues(['requested', 'accepted', 'rejected']), requestedAt: time }),
);

export const WorkspaceSettings = apiSchema(
  'WorkspaceSettings',
  object({
    timezone: string({ description: 'IANA time zone of call activity dates' }),
    calls: object({ recording: boolean, transcripts: boolean, maxDurationSeconds: integer({ minimum: 5 }), maskPhoneNumbers: boolean }),
  }),
);
