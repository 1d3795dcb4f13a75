import type { StaffLoginRequest } from '@gongkai/shared';
import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString } from 'class-validator';
import { MaxChars } from '../../common/errors/validators';

export class StaffLoginDto implements StaffLoginRequest {
  @ApiProperty({ example: 'editor' })
  @IsString({ message: '请输入用户名' })
  @IsNotEmpty({ message: '请输入用户名' })
  @MaxChars(50, { message: '用户名最多 50 个字符' })
  username!: string;

  @ApiProperty()
  @IsString({ message: '请输入密码' })
  @IsNotEmpty({ message: '请输入密码' })
  @MaxChars(200, { message: '密码过长' })
  password!: string;
}
