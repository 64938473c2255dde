import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsEmail, IsString, Length } from 'class-validator';

export class LoginInput {
  @ApiProperty() @IsDefined() @IsEmail({}, { message: 'email must be an e-mail address' }) email: string;
  @ApiProperty() @IsDefined() @IsString() @Length(1, 200) password: string;
}
