import type { StaffLoginRequest } from '@gongkai/shared';
import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class StaffLoginDto implements StaffLoginRequest {
  @ApiProperty({ example: 'editor' })
  @IsString({ message: '请输入用户名' })
  @IsNotEmpty({ message: '请输入用户名' })
  @MaxLength(50, { message: '用户名最多 50 个字符' })
  username!: string;

  @ApiProperty()
  @IsString({ message: '请输入密码' })
  @IsNotEmpty({ message: '请输入密码' })
  @MaxLength(200, { message: '密码过长' })
  password!: string;
}
