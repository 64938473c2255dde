import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { CallerScope, CallsDefinition } from '@omnibox/contracts';
import { Caller, RpcHandlers, RpcMethod, RpcReceived } from '@omnibox/rpc';
import { AnswerCall } from '../../application/answer-call';
import { DeclineCall } from '../../application/decline-call';
import { EndCall } from '../../application/end-call';
import { GetCall } from '../../application/get-call';
import { GetSettings } from '../../application/get-settings';
import { GetTranscript } from '../../application/get-transcript';
import { ListActivity } from '../../application/list-activity';
import { ListCalls } from '../../application/list-calls';
import { ListViewCalls } from '../../application/list-view-calls';
import { PlaceCall } from '../../application/place-call';
import { ReadRecording } from '../../application/read-recording';
import { RequestPermission } from '../../application/request-permission';
import { SetRecording } from '../../application/set-recording';
import { UpdateSettings } from '../../application/update-settings';
import { activityItemMessage, callMessage, permissionMessage, settingsMessage } from './call.mapper';

type Received<M extends RpcMethod<CallsDefinition>> = RpcReceived<CallsDefinition, M>;

const listInputOf = (request: { status?: string; limit: number; cursor?: string }) => ({ status: request.status ?? null, limit: request.limit, cursor: request.cursor ?? null });

/** The gRPC face of the calls service (`Calls` in libs/contracts/proto/calls.proto). */
@Controller()
export class CallsGrpcController implements RpcHandlers<CallsDefinition> {
  constructor(
    private readonly listCallsCase: ListCalls,
    private readonly listViewCallsCase: ListViewCalls,
    private readonly getCallCase: GetCall,
    private readonly placeCallCase: PlaceCall,
    private readonly requestPermissionCase: RequestPermission,
    private readonly answerCallCase: AnswerCall,
    private readonly declineCallCase: DeclineCall,
    private readonly setRecordingCase: SetRecording,
    private readonly endCallCase: EndCall,
    private readonly readRecordingCase: ReadRecording,
    private readonly getTranscriptCase: GetTranscript,
    private readonly listActivityCase: ListActivity,
    private readonly getSettingsCase: GetSettings,
    private readonly updateSettingsCase: UpdateSettings,
  ) {}

  @GrpcMethod('Calls')
  async listCalls(@Payload() request: Received<'ListCalls'>, @Caller() caller: CallerScope) {
    const page = await this.listCallsCase.execute(caller, request.tab || 'all', listInputOf(request));
    return { items: page.items.map(callMessage), nextCursor: page.nextCursor ?? undefined };
  }

  @GrpcMethod('Calls')
  async listViewCalls(@Payload() request: Received<'ListViewCalls'>, @Caller() caller: CallerScope) {
    const page = await this.listViewCallsCase.execute(caller, request.view, listInputOf(request));
    return { items: page.items.map(callMessage), nextCursor: page.nextCursor ?? undefined };
  }

  @GrpcMethod('Calls')
  async getCall(@Payload() request: Received<'GetCall'>, @Caller() caller: CallerScope) {
    return callMessage(await this.getCallCase.execute(caller, request.id));
  }

  @GrpcMethod('Calls')
  async placeCall(@Payload() request: Received<'PlaceCall'>, @Caller() caller: CallerScope) {
    return callMessage(await this.placeCallCase.execute(caller, request.contactId, request.channelId ?? null));
  }

  @GrpcMethod('Calls')
  async requestPermission(@Payload() request: Received<'RequestPermission'>, @Caller() caller: CallerScope) {
    return permissionMessage(await this.requestPermissionCase.execute(caller, request.contactId, request.channelId ?? null));
  }

  @GrpcMethod('Calls')
  async answerCall(@Payload() request: Received<'AnswerCall'>, @Caller() caller: CallerScope) {
    return callMessage(await this.answerCallCase.execute(caller, request.id));
  }

  @GrpcMethod('Calls')
  async declineCall(@Payload() request: Received<'DeclineCall'>, @Caller() caller: CallerScope) {
    return callMessage(await this.declineCallCase.execute(caller, request.id));
  }

  @GrpcMethod('Calls')
  async setRecording(@Payload() request: Received<'SetRecording'>, @Caller() caller: CallerScope) {
    return callMessage(await this.setRecordingCase.execute(caller, request.id, request.on));
  }

  @GrpcMethod('Calls')
  async endCall(@Payload() request: Received<'EndCall'>, @Caller() caller: CallerScope) {
    return callMessage(await this.endCallCase.execute(caller, request.id));
  }

  @GrpcMethod('Calls')
  async readRecording(@Payload() request: Received<'ReadRecording'>, @Caller() caller: CallerScope) {
    const chunk = await this.readRecordingCase.execute(caller, request.id, Number(request.start), request.end === undefined ? null : Number(request.end));
    return { data: chunk.data, size: chunk.size, contentType: chunk.contentType, start: chunk.start, end: chunk.end, fileName: chunk.fileName };
  }

  @GrpcMethod('Calls')
  async getTranscript(@Payload() request: Received<'GetTranscript'>, @Caller() caller: CallerScope) {
    const transcript = await this.getTranscriptCase.execute(caller, request.id);
    return { text: transcript.text, language: transcript.language ?? undefined };
  }

  @GrpcMethod('Calls')
  async listActivity(@Payload() request: Received<'ListActivity'>, @Caller() caller: CallerScope) {
    const groups = await this.listActivityCase.execute(caller, request.contactId);
    return { groups: groups.map((group) => ({ date: group.date, items: group.items.map(activityItemMessage) })) };
  }

  @GrpcMethod('Calls')
  async getSettings(@Payload() _request: Received<'GetSettings'>, @Caller() caller: CallerScope) {
    return settingsMessage(await this.getSettingsCase.execute(caller));
  }

  @GrpcMethod('Calls')
  async updateSettings(@Payload() request: Received<'UpdateSettings'>, @Caller() caller: CallerScope) {
    const { timezone, recording, transcripts, maxDurationSeconds, maskPhoneNumbers } = request;
    return settingsMessage(await this.updateSettingsCase.execute(caller, { timezone, recording, transcripts, maxDurationSeconds, maskPhoneNumbers }));
  }
}
