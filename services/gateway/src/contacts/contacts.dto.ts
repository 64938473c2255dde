import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsObject, IsString, Length, Matches, MaxLength } from 'class-validator';
import { NotBlank, Nullable, Optional } from '@omnibox/platform';

const COUNTRY = /^[A-Za-z]{2}$/;
const COUNTRY_MESSAGE = 'countryCode must be a two-letter ISO 3166 country code, e.g. ID';
const CUSTOM_FIELD_TYPES = ['text', 'number', 'email', 'url', 'phone', 'list', 'checkbox', 'date', 'time'] as const;

/** `POST /v1/contacts` (CON-1). Phone and e-mail are checked and normalised by the contacts service. */
export class CreateContactInput {
  @ApiProperty() @IsDefined() @IsString() @Length(1, 100) @NotBlank() firstName: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(100) lastName?: string;
  @ApiPropertyOptional({ example: '+62 812-3456-7890' }) @Optional() @IsString() @MaxLength(40) phone?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(254) email?: string;
  @ApiPropertyOptional({ example: 'id' }) @Optional() @IsString() @MaxLength(35) language?: string;
  @ApiPropertyOptional({ example: 'ID' }) @Optional() @IsString() @Matches(COUNTRY, { message: COUNTRY_MESSAGE }) countryCode?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(40) gender?: string;
  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  tags?: string[];
  @ApiPropertyOptional({ description: 'custom field key → value, typed by GET /v1/custom-fields' })
  @Optional()
  @IsObject()
  customFields?: Record<string, unknown>;
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 64) assigneeId?: string;
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 64) teamId?: string;
}

/** `PATCH /v1/contacts/{id}` (CON-2): send only what changes; `null` clears an optional detail or a custom field. */
export class UpdateContactInput {
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 100) @NotBlank() firstName?: string;
  @ApiPropertyOptional({ nullable: true }) @Nullable() @IsString() @MaxLength(100) lastName?: string | null;
  @ApiPropertyOptional({ nullable: true }) @Nullable() @IsString() @MaxLength(40) phone?: string | null;
  @ApiPropertyOptional({ nullable: true }) @Nullable() @IsString() @MaxLength(254) email?: string | null;
  @ApiPropertyOptional({ nullable: true }) @Nullable() @IsString() @MaxLength(35) language?: string | null;
  @ApiPropertyOptional({ nullable: true }) @Nullable() @IsString() @Matches(COUNTRY, { message: COUNTRY_MESSAGE }) countryCode?: string | null;
  @ApiPropertyOptional({ nullable: true }) @Nullable() @IsString() @MaxLength(40) gender?: string | null;
  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  tags?: string[];
  @ApiPropertyOptional() @Optional() @IsObject() customFields?: Record<string, unknown>;
}

/** `GET /v1/contacts?phone=|email=|channelId=&externalId=`: exact lookup. */
export class FindContactsQuery {
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(40) phone?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(254) email?: string;
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 64) channelId?: string;
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 256) externalId?: string;
}

export class MergeContactsInput {
  @ApiProperty() @IsDefined() @IsString() @Length(1, 64) sourceContactId: string;
}

export class AddNoteInput {
  @ApiProperty() @IsDefined() @IsString() @Length(1, 10_000) @NotBlank() text: string;
}

export class DefineCustomFieldInput {
  @ApiProperty({ example: 'birthday' }) @IsDefined() @IsString() @Length(1, 64) key: string;
  @ApiProperty() @IsDefined() @IsString() @Length(1, 100) @NotBlank() name: string;
  @ApiProperty({ enum: CUSTOM_FIELD_TYPES }) @IsDefined() @IsIn(CUSTOM_FIELD_TYPES, { message: `type must be one of ${CUSTOM_FIELD_TYPES.join(', ')}` }) type: string;
  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  options?: string[];
}
