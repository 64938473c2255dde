import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsObject, IsString, Length, ValidateNested } from 'class-validator';
import { NotBlank, Optional } from '@omnibox/platform';
import { ListQuery } from '../common/pagination';

export class InboxListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: ['all', 'open', 'closed', 'snoozed'], default: 'all' })
  @Optional()
  @IsIn(['all', 'open', 'closed', 'snoozed'], { message: 'status must be one of all, open, closed, snoozed' })
  status?: string;

  @ApiPropertyOptional({ enum: ['newest', 'oldest', 'longest', 'shortest'], default: 'newest' })
  @Optional()
  @IsIn(['newest', 'oldest', 'longest', 'shortest'], { message: 'sort must be one of newest, oldest, longest, shortest' })
  sort?: string;

  @ApiPropertyOptional({ description: 'only threads whose latest message is incoming (FLT-2)' })
  @Optional()
  @Transform(({ value }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value))
  @IsBoolean({ message: 'unreplied must be true or false' })
  unreplied?: boolean;
}

export class SharingInput {
  @ApiPropertyOptional() @Optional() @IsBoolean() everyone?: boolean;
  @ApiPropertyOptional({ type: [String] }) @Optional() @IsArray() @ArrayMaxSize(200) @IsString({ each: true }) userIds?: string[];
  @ApiPropertyOptional({ type: [String] }) @Optional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) teamIds?: string[];
}

/**
 * The shape of a filter condition; which fields, operators and values a filter may use (FLT-5) is
 * the inbox's rule, checked there (400 naming `filter.all[i].…`).
 */
export class ConditionInput {
  @ApiProperty({ example: 'tag' }) @IsString() field: string;
  @ApiProperty({ enum: ['eq', 'neq', 'in', 'exists', 'gt', 'lt'] }) @IsString() op: string;
  @ApiPropertyOptional({ description: 'a string, number or boolean, or a list of them for "in"' }) @Optional() value?: unknown;
}

export class FilterInput {
  @ApiProperty({ type: [ConditionInput] })
  @IsArray({ message: 'must be a list of {field, op, value} conditions' })
  @ValidateNested({ each: true })
  @Type(() => ConditionInput)
  all: ConditionInput[];
}

const FILTER_EXAMPLE = { all: [{ field: 'tag', op: 'eq', value: 'vip' }] };

export class CreateCustomViewInput {
  @ApiProperty() @IsDefined() @IsString() @Length(1, 100) @NotBlank() name: string;
  @ApiProperty({ type: FilterInput, example: FILTER_EXAMPLE }) @IsDefined() @IsObject() @ValidateNested() @Type(() => FilterInput) filter: FilterInput;
  @ApiPropertyOptional({ type: SharingInput }) @Optional() @ValidateNested() @Type(() => SharingInput) sharing?: SharingInput;
}

export class UpdateCustomViewInput {
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 100) @NotBlank() name?: string;
  @ApiPropertyOptional({ type: FilterInput, example: FILTER_EXAMPLE }) @Optional() @IsObject() @ValidateNested() @Type(() => FilterInput) filter?: FilterInput;
  @ApiPropertyOptional({ type: SharingInput }) @Optional() @ValidateNested() @Type(() => SharingInput) sharing?: SharingInput;
}
