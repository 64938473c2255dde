// Types generated from calls.proto (`npm run proto`), for both ends of the contract: the service
// answers the plain message types, the gateway receives the `__Output` ones (defaults filled).
export type { CallsDefinition } from '../generated/omnibox/calls/v1/Calls';
export type { Call as CallMessage, Call__Output as CallAnswer } from '../generated/omnibox/calls/v1/Call';
export type { CallPage as CallPageMessage, CallPage__Output as CallPageAnswer } from '../generated/omnibox/calls/v1/CallPage';
export type { Activity as ActivityMessage, Activity__Output as ActivityAnswer } from '../generated/omnibox/calls/v1/Activity';
export type { ActivityItem as ActivityItemMessage, ActivityItem__Output as ActivityItemAnswer } from '../generated/omnibox/calls/v1/ActivityItem';
export type { WorkspaceSettings as WorkspaceSettingsMessage, WorkspaceSettings__Output as WorkspaceSettingsAnswer } from '../generated/omnibox/calls/v1/WorkspaceSettings';
export type { RecordingChunk as RecordingChunkMessage, RecordingChunk__Output as RecordingChunkAnswer } from '../generated/omnibox/calls/v1/RecordingChunk';
export type { PermissionRequested as PermissionRequestedMessage, PermissionRequested__Output as PermissionRequestedAnswer } from '../generated/omnibox/calls/v1/PermissionRequested';
