import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, Matches, ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsEmail, IsIn, IsISO8601, IsString, Length, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { NotBlank, Optional } from '@omnibox/platform';

const ID = [1, 64] as const;

export class TemplateInput {
  @ApiProperty() @IsDefined() @IsString() @Length(1, 200) name: string;
  @ApiProperty() @IsDefined() @IsString() @Length(1, 35) language: string;
  @ApiPropertyOptional({ type: [String] }) @Optional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(1000, { each: true }) parameters?: string[];
}

/** MSG-10: an upload of the sender's (`POST /v1/attachments`), sent once. */
export class AttachmentInput {
  @ApiProperty({ description: 'the id `POST /v1/attachments` answered' }) @IsDefined() @IsString() @Length(...ID) id: string;
}

export class EmailInput {
  @ApiPropertyOptional({ description: 'required for a new e-mail, optional for a reply (MSG-8)' }) @Optional() @IsString() @MaxLength(1000) subject?: string;
  @ApiPropertyOptional({ type: [String] }) @Optional() @IsArray() @ArrayMaxSize(50) @IsEmail({}, { each: true }) cc?: string[];
  @ApiPropertyOptional({ type: [String] }) @Optional() @IsArray() @ArrayMaxSize(50) @IsEmail({}, { each: true }) bcc?: string[];
  @ApiPropertyOptional() @Optional() @IsString() @Length(...ID) replyToMessageId?: string;
}

/** `POST /v1/conversations/{contactId}/messages` (MSG-1…11). */
export class SendMessageInput {
  @ApiProperty({ enum: ['text', 'template', 'attachment', 'email'] }) @IsDefined() @IsIn(['text', 'template', 'attachment', 'email']) type: 'text' | 'template' | 'attachment' | 'email';
  @ApiPropertyOptional() @ValidateIf((input) => input.type === 'text' || input.text !== undefined) @IsString() @Length(1, 20_000) text?: string;
  @ApiPropertyOptional({ description: 'MSG-11: any channel that reaches the contact; default: the channel of their latest message' }) @Optional() @IsString() @Length(...ID) channelId?: string;
  @ApiPropertyOptional({ description: 'MSG-4: a message of this thread to quote' }) @Optional() @IsString() @Length(...ID) replyToId?: string;
  @ApiPropertyOptional({ description: 'MSG-6: false removes the preview of the first link' }) @Optional() @IsBoolean() linkPreview?: boolean;
  @ApiPropertyOptional({ type: TemplateInput }) @ValidateIf((input) => input.type === 'template' || input.template !== undefined) @IsDefined() @ValidateNested() @Type(() => TemplateInput) template?: TemplateInput;
  @ApiPropertyOptional({ type: AttachmentInput }) @ValidateIf((input) => input.type === 'attachment' || input.attachment !== undefined) @IsDefined() @ValidateNested() @Type(() => AttachmentInput) attachment?: AttachmentInput;
  @ApiPropertyOptional({ type: EmailInput }) @Optional() @ValidateNested() @Type(() => EmailInput) email?: EmailInput;
}

/** `POST /v1/conversations/{contactId}/comments` (SRC-1…3). */
export class AddCommentInput {
  @ApiProperty({ description: 'mention a user with {{@user.<userId>}}' }) @IsDefined() @IsString() @Length(1, 10_000) @NotBlank() text: string;
}

const MODES = ['me', 'user', 'team', 'team_member', 'round_robin', 'unassign'] as const;

/** `POST /v1/conversations/{contactId}/assignee` (CNV-4). */
export class AssignInput {
  @ApiProperty({ enum: MODES }) @IsDefined() @IsIn(MODES as unknown as string[]) mode: (typeof MODES)[number];
  @ApiPropertyOptional() @ValidateIf((input) => input.mode === 'user' || input.mode === 'team_member' || input.userId !== undefined) @IsDefined() @IsString() @Length(...ID) userId?: string;
  @ApiPropertyOptional() @ValidateIf((input) => input.mode === 'team' || input.mode === 'team_member' || input.mode === 'round_robin' || input.teamId !== undefined) @IsDefined() @IsString() @Length(...ID) teamId?: string;
}

export class CollaboratorInput {
  @ApiProperty() @IsDefined() @IsString() @Length(...ID) userId: string;
}

/** `POST /v1/conversations/{contactId}/status` (CNV-6). */
export class SetStatusInput {
  @ApiProperty({ enum: ['open', 'closed'] }) @IsDefined() @IsIn(['open', 'closed']) status: 'open' | 'closed';
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 100) category?: string;
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 2000) summary?: string;
}

/** `POST /v1/conversations/{contactId}/snooze` (CNV-7). */
export class SnoozeInput {
  @ApiProperty({ example: '2026-12-01T09:00:00Z' }) @IsDefined() @IsISO8601({ strict: true }, { message: 'until must be an ISO 8601 time' }) until: string;
}

export class TypingInput {
  @ApiProperty() @IsDefined() @IsBoolean() typing: boolean;
}

export class BroadcastMessageInput {
  @ApiProperty({ enum: ['text', 'template'] }) @IsDefined() @IsIn(['text', 'template']) type: 'text' | 'template';
  @ApiPropertyOptional() @ValidateIf((input) => input.type === 'text' || input.text !== undefined) @IsString() @Length(1, 20_000) text?: string;
  @ApiPropertyOptional({ type: TemplateInput }) @ValidateIf((input) => input.type === 'template' || input.template !== undefined) @IsDefined() @ValidateNested() @Type(() => TemplateInput) template?: TemplateInput;
}

/** `POST /v1/broadcasts`. */
export class BroadcastInput {
  @ApiProperty({ type: [String] }) @IsDefined() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10_000) @IsString({ each: true }) @Matches(/^[0-9a-f]{24}$/, { each: true, message: 'contactIds must be contact ids (24 hexadecimal characters)' }) contactIds: string[];
  @ApiProperty({ type: BroadcastMessageInput }) @IsDefined() @ValidateNested() @Type(() => BroadcastMessageInput) message: BroadcastMessageInput;
}

/** `POST /v1/conversations/{contactId}/events` (extension): what a workflow or bot did (CNV-9). */
export class RecordEventInput {
  @ApiProperty({ enum: ['workflow', 'bot'] }) @IsDefined() @IsIn(['workflow', 'bot']) category: 'workflow' | 'bot';
  @ApiProperty({ example: 'workflow_started', description: 'e.g. workflow_started, workflow_ended, bot_on, bot_off' })
  @IsDefined()
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, { message: 'type must be lower-case letters, digits and _ (at most 64)' })
  type: string;
  @ApiPropertyOptional() @Optional() @IsObject() data?: Record<string, unknown>;
}
