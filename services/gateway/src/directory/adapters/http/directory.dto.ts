import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsDefined, IsEmail, IsIn, IsNotEmptyObject, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { NotBlank, Optional } from '@omnibox/platform';

const ROLES = ['owner', 'manager', 'agent'] as const;
const RESTRICTIONS = ['none', 'team', 'self'] as const;

export class OwnerInput {
  @ApiProperty() @IsDefined() @IsString() @Length(1, 100) @NotBlank() firstName: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(100) lastName?: string;
  @ApiProperty() @IsDefined() @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(254) email: string;
  @ApiProperty({ minLength: 8 }) @IsDefined() @IsString() @Length(8, 200, { message: 'password must be 8 to 200 characters' }) password: string;
}

export class CreateWorkspaceInput {
  @ApiProperty() @IsDefined() @IsString() @Length(1, 100) @NotBlank() name: string;

  @ApiProperty({ type: OwnerInput })
  @IsDefined()
  @IsNotEmptyObject()
  @ValidateNested()
  @Type(() => OwnerInput)
  owner: OwnerInput;
}

export class CreateUserInput {
  @ApiProperty() @IsDefined() @IsString() @Length(1, 100) @NotBlank() firstName: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(100) lastName?: string;
  @ApiProperty() @IsDefined() @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(254) email: string;
  @ApiProperty({ minLength: 8 }) @IsDefined() @IsString() @Length(8, 200, { message: 'password must be 8 to 200 characters' }) password: string;
  @ApiProperty({ enum: ROLES }) @IsDefined() @IsIn(ROLES, { message: 'role must be one of owner, manager, agent' }) role: (typeof ROLES)[number];
  @ApiPropertyOptional({ enum: RESTRICTIONS }) @Optional() @IsIn(RESTRICTIONS, { message: 'restriction must be one of none, team, self' }) restriction?: (typeof RESTRICTIONS)[number];
  @ApiPropertyOptional({ default: true }) @Optional() @IsBoolean() canViewBlocked?: boolean;
}

export class UpdateUserInput {
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 100) @NotBlank() firstName?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(100) lastName?: string;
  @ApiPropertyOptional({ minLength: 8 }) @Optional() @IsString() @Length(8, 200, { message: 'password must be 8 to 200 characters' }) password?: string;
  @ApiPropertyOptional({ enum: ROLES }) @Optional() @IsIn(ROLES, { message: 'role must be one of owner, manager, agent' }) role?: (typeof ROLES)[number];
  @ApiPropertyOptional({ enum: RESTRICTIONS }) @Optional() @IsIn(RESTRICTIONS, { message: 'restriction must be one of none, team, self' }) restriction?: (typeof RESTRICTIONS)[number];
  @ApiPropertyOptional() @Optional() @IsBoolean() canViewBlocked?: boolean;
}

export class CreateTeamInput {
  @ApiProperty() @IsDefined() @IsString() @Length(1, 100) @NotBlank() name: string;

  @ApiProperty({ type: [String] })
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique({ message: 'memberIds must not repeat a user' })
  @IsString({ each: true })
  memberIds: string[];
}

export class UpdateTeamInput {
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 100) @NotBlank() name?: string;

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique({ message: 'memberIds must not repeat a user' })
  @IsString({ each: true })
  memberIds?: string[];
}

export class CreateApiTokenInput {
  @ApiProperty() @IsDefined() @IsString() @Length(1, 100) @NotBlank() name: string;
}
