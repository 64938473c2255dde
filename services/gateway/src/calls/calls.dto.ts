import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsInt, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { Optional } from '@omnibox/platform';
import { ListQuery } from '../common/pagination';

const STATUSES = ['ringing', 'ongoing', 'ended', 'missed'];

/** `GET /v1/inbox/{view}/calls`: the status filter of a call log. */
export class CallLogQuery extends ListQuery {
  @ApiPropertyOptional({ enum: STATUSES, description: '`ended` covers every call that is over without being missed (ended, rejected, failed)' })
  @Optional()
  @IsIn(STATUSES, { message: `status must be one of ${STATUSES.join(', ')}` })
  status?: string;
}

/** `GET /v1/calls`: a tab (CAL-1) and the status filter. */
export class CallsListQuery extends CallLogQuery {
  @ApiPropertyOptional({ enum: ['all', 'mine', 'unassigned'], default: 'all' })
  @Optional()
  @IsIn(['all', 'mine', 'unassigned'], { message: 'tab must be one of all, mine, unassigned' })
  tab?: string;
}

export class PlaceCallInput {
  @ApiProperty() @IsDefined() @IsString() @Length(1, 64) contactId: string;
  @ApiPropertyOptional({ description: 'defaults to the channel of the contact’s latest call, or their first channel that can call' })
  @Optional()
  @IsString()
  @Length(1, 64)
  channelId?: string;
}

export class RecordingInput {
  @ApiProperty() @IsDefined() @IsBoolean({ message: 'on must be true or false' }) on: boolean;
}

export class RecordingQuery {
  @ApiPropertyOptional({ description: 'true: served as a file to save rather than to play' })
  @Optional()
  @IsIn(['true', 'false', '1', '0'], { message: 'download must be true or false' })
  download?: string;
}

export class TranscriptQuery {
  @ApiPropertyOptional({ enum: ['txt'], description: 'txt: the text as a file to save' })
  @Optional()
  @IsIn(['txt'], { message: 'download must be txt' })
  download?: string;
}

export class CallSettingsInput {
  @ApiPropertyOptional() @Optional() @IsBoolean({ message: 'calls.recording must be true or false' }) recording?: boolean;
  @ApiPropertyOptional() @Optional() @IsBoolean({ message: 'calls.transcripts must be true or false' }) transcripts?: boolean;
  @ApiPropertyOptional({ minimum: 5, default: 3600 })
  @Optional()
  @IsInt({ message: 'calls.maxDurationSeconds must be a whole number of seconds' })
  @Min(5, { message: 'calls.maxDurationSeconds must be at least 5' })
  @Max(86_400, { message: 'calls.maxDurationSeconds must be at most 86400' })
  maxDurationSeconds?: number;
  @ApiPropertyOptional() @Optional() @IsBoolean({ message: 'calls.maskPhoneNumbers must be true or false' }) maskPhoneNumbers?: boolean;
}

/** `PATCH /v1/workspace/settings`: what is absent stays as it is. */
export class WorkspaceSettingsInput {
  @ApiPropertyOptional({ example: 'Asia/Jakarta', description: 'IANA time zone of call activity dates' })
  @Optional()
  @IsString()
  @Length(1, 64)
  timezone?: string;

  @ApiPropertyOptional({ type: CallSettingsInput })
  @Optional()
  @ValidateNested()
  @Type(() => CallSettingsInput)
  calls?: CallSettingsInput;
}
