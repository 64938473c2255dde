import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Max, Min, ValidateNested } from 'class-validator';
import { CHANNEL_TYPES } from '@omnibox/contracts';

export class ChannelConfigInput {
  @ApiPropertyOptional({ description: 'Where the HTTP adapter POSTs outgoing messages' })
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'config.outboundUrl must be an http(s) URL' })
  outboundUrl?: string;

  @ApiPropertyOptional({ description: 'MSG-3: hours after the contact\'s last message during which free-form messages are allowed; 0 means no window' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(24 * 365)
  messagingWindowHours?: number;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() supportsReplyContext?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() supportsLinkPreview?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() supportsTyping?: boolean;
}

/** `POST /v1/channels` (owners and managers). */
export class CreateChannelInput {
  @ApiProperty({ enum: CHANNEL_TYPES }) @IsDefined() @IsIn(CHANNEL_TYPES as unknown as string[]) type: (typeof CHANNEL_TYPES)[number];
  @ApiProperty() @IsDefined() @IsString() @Length(1, 100) name: string;
  @ApiPropertyOptional({ type: ChannelConfigInput }) @IsOptional() @ValidateNested() @Type(() => ChannelConfigInput) config?: ChannelConfigInput;
}
