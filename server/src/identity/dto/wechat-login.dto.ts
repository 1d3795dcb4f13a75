import type { WechatLoginRequest } from '@gongkai/shared';
import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches } from 'class-validator';
import { MaxChars } from '../../common/errors/validators';

export class WechatLoginDto implements WechatLoginRequest {
  @ApiProperty({ description: 'Taro.login / wx.login 返回的 code（一次有效，约 5 分钟）', example: '0a3xYz000abcDE1Fgh2000iJkL3xYz0a' })
  // class-validator checks from the bottom up and stops at the first failure.
  @Matches(/^[A-Za-z0-9_-]+$/, { message: '登录凭证格式不正确' })
  @MaxChars(128, { message: '登录凭证格式不正确' })
  @IsNotEmpty({ message: '缺少登录凭证' })
  @IsString({ message: '缺少登录凭证' })
  code!: string;
}
