import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { ApiAnswer, ApiErrors } from '../openapi/responses';
import { CallsClient } from './calls.client';
import { Call, CallPage, PermissionRequested, Transcript } from './calls.schemas';
import { CallsListQuery, PlaceCallInput, RecordingInput, RecordingQuery, TranscriptQuery } from './calls.dto';
import { callPageView, callView } from './calls.mappers';
import { RecordingStream } from './recording-stream';

/** API.md "Calls": lists, calls and agents' actions, recordings and transcripts, served by the calls service over gRPC. */
@ApiTags('calls')
@ApiBearerAuth()
@Controller('v1/calls')
export class CallsController {
  constructor(
    private readonly calls: CallsClient,
    private readonly recordings: RecordingStream,
  ) {}

  /** CAL-1: tabs All / Assigned to me / Unassigned under the caller's restriction (a `self` agent: mine only). */
  @ApiAnswer(200, CallPage, 'Newest first')
  @ApiErrors(403)
  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() query: CallsListQuery) {
    return callPageView(await this.calls.call('ListCalls', { tab: query.tab ?? 'all', status: query.status, limit: query.limit ?? 50, cursor: query.cursor }, principal.scope));
  }

  /** An outgoing call through the channel's adapter; calling an unassigned contact takes it (CAL-3). */
  @ApiAnswer(201, Call)
  @ApiErrors(403, 404, 422)
  @Post()
  async place(@CurrentPrincipal() principal: Principal, @Body() input: PlaceCallInput) {
    return callView(await this.calls.call('PlaceCall', { contactId: input.contactId, channelId: input.channelId }, principal.scope, 15_000));
  }

  /** Asks the contact for call permission (WhatsApp); their answer shows in the contact's call activity. */
  @ApiAnswer(202, PermissionRequested)
  @ApiErrors(403, 404, 422)
  @Post('permission-requests')
  @HttpCode(202)
  async requestPermission(@CurrentPrincipal() principal: Principal, @Body() input: PlaceCallInput) {
    return this.calls.call('RequestPermission', { contactId: input.contactId, channelId: input.channelId }, principal.scope, 15_000);
  }

  @ApiAnswer(200, Call)
  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return callView(await this.calls.call('GetCall', { id }, principal.scope));
  }

  /** CAL-3: the first agent to answer takes the call (and an unassigned contact); another gets 409. */
  @ApiAnswer(200, Call)
  @ApiErrors(403, 409, 422)
  @Post(':id/answer')
  @HttpCode(200)
  async answer(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return callView(await this.calls.call('AnswerCall', { id }, principal.scope, 15_000));
  }

  @ApiAnswer(200, Call)
  @ApiErrors(403, 409, 422)
  @Post(':id/decline')
  @HttpCode(200)
  async decline(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return callView(await this.calls.call('DeclineCall', { id }, principal.scope, 15_000));
  }

  /** CAL-2: 422 while the workspace has recording off. */
  @ApiAnswer(200, Call)
  @ApiErrors(403, 409, 422)
  @Post(':id/recording')
  @HttpCode(200)
  async record(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() input: RecordingInput) {
    return callView(await this.calls.call('SetRecording', { id, on: input.on }, principal.scope, 15_000));
  }

  @ApiAnswer(200, Call)
  @ApiErrors(403, 409, 422)
  @Post(':id/end')
  @HttpCode(200)
  async end(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return callView(await this.calls.call('EndCall', { id }, principal.scope, 15_000));
  }

  /** CAL-5: the audio with range requests; 404 before the provider delivered it or while recordings are off. */
  @ApiHeader({ name: 'Range', required: false, description: 'bytes=<first>-<last>: part of the audio, for seeking', schema: { type: 'string' } })
  @ApiResponse({ status: 200, description: 'The audio', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } })
  @ApiResponse({ status: 206, description: 'The bytes of the Range asked for', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } })
  @ApiErrors(416)
  @Get(':id/recording')
  async recording(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: RecordingQuery, @Headers('range') range: string | undefined, @Res() response: Response) {
    await this.recordings.serve(principal.scope, id, range, query.download === 'true' || query.download === '1', response);
  }

  /** CAL-5: the transcript as JSON, or as a text file with `?download=txt`; 404 while transcripts are off or absent. */
  @ApiResponse({ status: 200, description: 'The transcript; with `?download=txt` its text as a file', content: { 'application/json': { schema: Transcript }, 'text/plain': { schema: { type: 'string' } } } })
  @Get(':id/transcript')
  async transcript(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: TranscriptQuery, @Res({ passthrough: true }) response: Response) {
    const transcript = await this.calls.call('GetTranscript', { id }, principal.scope);
    const body = { text: transcript.text, language: transcript.language ?? null };
    if (query.download !== 'txt') return body;
    response.setHeader('Content-Type', 'text/plain; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`call-${id}-transcript.txt`)}`);
    return transcript.text;
  }
}
