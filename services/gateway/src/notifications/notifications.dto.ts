import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsObject, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Optional } from '@omnibox/platform';
import { ListQuery } from '../common/pagination';

export class NotificationListQuery extends ListQuery {
  @ApiPropertyOptional({ description: 'only unread notifications' })
  @Optional()
  @Transform(({ value }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value))
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;
}

/**
 * `PUT /v1/notification-settings`: the kinds named change (each switch given), the others stay;
 * which kinds exist is the notifications service's rule (400 naming `kinds.<kind>`).
 */
export class NotificationSettingsInput {
  @ApiPropertyOptional({ description: 'kind → {centre, push}', example: { new_message: { centre: true, push: false } } })
  @Optional()
  @IsObject({ message: 'kinds must be an object of kind → {centre, push}' })
  kinds?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'push even while the realtime socket is open' })
  @Optional()
  @IsBoolean({ message: 'pushWhenOnline must be true or false' })
  pushWhenOnline?: boolean;
}

export class PushKeysInput {
  @ApiProperty() @IsString() @Length(1, 200) p256dh: string;
  @ApiProperty() @IsString() @Length(1, 100) auth: string;
}

/** `PushSubscription.toJSON()` as the browser hands it over. */
export class PushSubscriptionInput {
  @ApiProperty({ example: 'https://fcm.googleapis.com/fcm/send/…' })
  @IsString()
  @Length(1, 2000)
  @Matches(/^https?:\/\//, { message: 'endpoint must be the push service URL the browser gave' })
  endpoint: string;

  @ApiProperty({ type: PushKeysInput }) @IsDefined() @ValidateNested() @Type(() => PushKeysInput) keys: PushKeysInput;

  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(300) userAgent?: string;
}
