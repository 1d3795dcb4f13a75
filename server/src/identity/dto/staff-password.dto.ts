import { STAFF_PASSWORD_MAX_LENGTH, STAFF_PASSWORD_MIN_LENGTH, type StaffPasswordChangeRequest } from '@gongkai/shared';
import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';

// class-validator checks from the bottom up and stops at the first failure.
export class StaffPasswordChangeDto implements StaffPasswordChangeRequest {
  @ApiProperty()
  @MaxLength(STAFF_PASSWORD_MAX_LENGTH, { message: '密码过长' })
  @IsNotEmpty({ message: '请输入当前密码' })
  @IsString({ message: '请输入当前密码' })
  currentPassword!: string;

  /** The same rules as a new account's password. */
  @ApiProperty({ minLength: STAFF_PASSWORD_MIN_LENGTH, maxLength: STAFF_PASSWORD_MAX_LENGTH })
  @MaxLength(STAFF_PASSWORD_MAX_LENGTH, { message: '新密码过长' })
  @MinLength(STAFF_PASSWORD_MIN_LENGTH, { message: `新密码至少 ${STAFF_PASSWORD_MIN_LENGTH} 位` })
  @IsString({ message: '请输入新密码' })
  newPassword!: string;
}
