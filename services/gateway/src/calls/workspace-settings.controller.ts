import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { ApiAnswer, ApiErrors } from '../openapi/responses';
import { CallsClient } from './calls.client';
import { WorkspaceSettings } from './calls.schemas';
import { WorkspaceSettingsInput } from './calls.dto';
import { settingsView } from './calls.mappers';

/**
 * API.md `GET/PATCH /v1/workspace/settings`: owned by the calls service, their only reader (recording,
 * transcripts, maximum duration, masking, and the time zone of call activity); owners and managers
 * change them (403 for agents, decided there).
 */
@ApiTags('workspace and directory')
@ApiBearerAuth()
@Controller('v1/workspace/settings')
export class WorkspaceSettingsController {
  constructor(private readonly calls: CallsClient) {}

  @ApiAnswer(200, WorkspaceSettings)
  @Get()
  async get(@CurrentPrincipal() principal: Principal) {
    return settingsView(await this.calls.call('GetSettings', {}, principal.scope));
  }

  @ApiAnswer(200, WorkspaceSettings)
  @ApiErrors(403)
  @Patch()
  async update(@CurrentPrincipal() principal: Principal, @Body() input: WorkspaceSettingsInput) {
    const calls = input.calls ?? {};
    const request = { timezone: input.timezone, recording: calls.recording, transcripts: calls.transcripts, maxDurationSeconds: calls.maxDurationSeconds, maskPhoneNumbers: calls.maskPhoneNumbers };
    return settingsView(await this.calls.call('UpdateSettings', request, principal.scope));
  }
}
