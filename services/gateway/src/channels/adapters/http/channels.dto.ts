import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsEmail, IsIn, IsInt, IsString, IsUrl, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { NotBlank, Optional } from '@omnibox/platform';
import { CHANNEL_TYPES } from '@omnibox/contracts';

/** An e-mail channel's relay (API.md "Provider webhooks"); the password is write-only. */
export class SmtpRelayInput {
  @ApiProperty() @IsDefined() @IsString() @Length(1, 253) @Matches(/^[A-Za-z0-9.:[\]-]+$/, { message: 'config.smtp.host must be a host name or address' }) host: string;
  @ApiProperty() @IsDefined() @IsInt() @Min(1) @Max(65535) port: number;
  @ApiPropertyOptional({ description: 'TLS from the first byte (default: true on port 465)' }) @Optional() @IsBoolean() secure?: boolean;
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 254) user?: string;
  @ApiPropertyOptional({ description: 'Write-only' }) @Optional() @IsString() @Length(1, 1000) password?: string;
}

export class ChannelConfigInput {
  @ApiPropertyOptional({ description: 'Where the HTTP adapter POSTs outgoing messages' })
  @Optional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'config.outboundUrl must be an http(s) URL' })
  outboundUrl?: string;

  @ApiPropertyOptional({ description: 'MSG-3: hours after the contact\'s last message during which free-form messages are allowed; 0 means no window' })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(24 * 365)
  messagingWindowHours?: number;

  @ApiPropertyOptional() @Optional() @IsBoolean() supportsReplyContext?: boolean;
  @ApiPropertyOptional() @Optional() @IsBoolean() supportsLinkPreview?: boolean;
  @ApiPropertyOptional() @Optional() @IsBoolean() supportsTyping?: boolean;

  @ApiPropertyOptional({ description: 'WhatsApp Cloud API: the business phone number id' })
  @Optional()
  @Matches(/^\d{1,30}$/, { message: 'config.phoneNumberId must be the digits of the phone number id' })
  phoneNumberId?: string;

  @ApiPropertyOptional({ description: 'WhatsApp Cloud API access token (write-only)' }) @Optional() @IsString() @Length(1, 2000) accessToken?: string;
  @ApiPropertyOptional({ description: 'WhatsApp app secret, checks X-Hub-Signature-256 (write-only)' }) @Optional() @IsString() @Length(1, 500) appSecret?: string;
  @ApiPropertyOptional({ description: 'WhatsApp webhook verify token (write-only)' }) @Optional() @IsString() @Length(1, 500) verifyToken?: string;

  @ApiPropertyOptional({ description: 'Graph API version (default v23.0)' })
  @Optional()
  @Matches(/^v\d{1,3}\.\d{1,3}$/, { message: 'config.apiVersion must look like v23.0' })
  apiVersion?: string;

  @ApiPropertyOptional({ description: 'The provider API\'s base URL (default: its public one)' })
  @Optional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'config.apiBaseUrl must be an http(s) URL' })
  apiBaseUrl?: string;

  @ApiPropertyOptional({ description: 'Telegram bot token (write-only)' })
  @Optional()
  @Matches(/^\d{1,20}:[A-Za-z0-9_-]{20,200}$/, { message: 'config.botToken must be a Telegram bot token (<bot id>:<secret>)' })
  botToken?: string;

  @ApiPropertyOptional({ description: 'E-mail channel: the address mail is received at' })
  @Optional()
  @IsEmail({}, { message: 'config.address must be an e-mail address' })
  address?: string;

  @ApiPropertyOptional({ type: SmtpRelayInput }) @Optional() @ValidateNested() @Type(() => SmtpRelayInput) smtp?: SmtpRelayInput;
}

/** `POST /v1/channels` (owners and managers). */
export class CreateChannelInput {
  @ApiProperty({ enum: CHANNEL_TYPES }) @IsDefined() @IsIn(CHANNEL_TYPES as unknown as string[]) type: (typeof CHANNEL_TYPES)[number];
  @ApiProperty() @IsDefined() @IsString() @Length(1, 100) @NotBlank() name: string;
  @ApiPropertyOptional({ type: ChannelConfigInput }) @Optional() @ValidateNested() @Type(() => ChannelConfigInput) config?: ChannelConfigInput;
}
