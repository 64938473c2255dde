import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsNotEmptyObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const ROLES = ['owner', 'manager', 'agent'] as const;
const RESTRICTIONS = ['none', 'team', 'self'] as const;

export class OwnerInput {
  @ApiProperty() @IsDefined() @IsString() @Length(1, 100) firstName: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) lastName?: string;
  @ApiProperty() @IsDefined() @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(254) email: string;
  @ApiProperty({ minLength: 8 }) @IsDefined() @IsString() @Length(8, 200, { message: 'password must be 8 to 200 characters' }) password: string;
}

export class CreateWorkspaceInput {
  @ApiProperty() @IsDefined() @IsString() @Length(1, 100) name: string;

  @ApiProperty({ type: OwnerInput })
  @IsDefined()
  @IsNotEmptyObject()
  @ValidateNested()
  @Type(() => OwnerInput)
  owner: OwnerInput;
}

export class CreateUserInput {
  @ApiProperty() @IsDefined() @IsString() @Length(1, 100) firstName: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) lastName?: string;
  @ApiProperty() @IsDefined() @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(254) email: string;
  @ApiProperty({ minLength: 8 }) @IsDefined() @IsString() @Length(8, 200, { message: 'password must be 8 to 200 characters' }) password: string;
  @ApiProperty({ enum: ROLES }) @IsDefined() @IsIn(ROLES, { message: 'role must be one of owner, manager, agent' }) role: (typeof ROLES)[number];
  @ApiPropertyOptional({ enum: RESTRICTIONS }) @IsOptional() @IsIn(RESTRICTIONS, { message: 'restriction must be one of none, team, self' }) restriction?: (typeof RESTRICTIONS)[number];
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() canViewBlocked?: boolean;
}

export class UpdateUserInput {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) firstName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) lastName?: string;
  // Absent is no change; null is not a password (IsOptional would let it through to the hash: 500, found by test:fuzz).
  @ApiPropertyOptional({ minLength: 8 }) @ValidateIf((_, value) => value !== undefined) @IsString() @Length(8, 200, { message: 'password must be 8 to 200 characters' }) password?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES, { message: 'role must be one of owner, manager, agent' }) role?: (typeof ROLES)[number];
  @ApiPropertyOptional({ enum: RESTRICTIONS }) @IsOptional() @IsIn(RESTRICTIONS, { message: 'restriction must be one of none, team, self' }) restriction?: (typeof RESTRICTIONS)[number];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() canViewBlocked?: boolean;
}

export class CreateTeamInput {
  @ApiProperty() @IsDefined() @IsString() @Length(1, 100) name: string;

  @ApiProperty({ type: [String] })
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique({ message: 'memberIds must not repeat a user' })
  @IsString({ each: true })
  memberIds: string[];
}

export class UpdateTeamInput {
  // Absent is no change; null is not a name (IsOptional let it through to trim(): 500, found by test:fuzz).
  @ApiPropertyOptional() @ValidateIf((_, value) => value !== undefined) @IsString() @Length(1, 100) name?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique({ message: 'memberIds must not repeat a user' })
  @IsString({ each: true })
  memberIds?: string[];
}

export class CreateApiTokenInput {
  // Stored trimmed: a name of spaces only would be stored empty (the schema refuses it: 500, found by test:fuzz).
  @ApiProperty() @IsDefined() @IsString() @Length(1, 100) @Matches(/\S/, { message: 'name must not be blank' }) name: string;
}
