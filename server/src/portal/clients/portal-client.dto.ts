import type { PortalClientInput } from '@gongkai/shared';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString } from 'class-validator';
import { MaxChars } from '../../common/errors/validators';

export class PortalClientDto implements PortalClientInput {
  @ApiProperty({ example: '县政府门户网站（TRS）', maxLength: 100 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: '名称须为文字' })
  @IsNotEmpty({ message: '请填写名称（用于哪个门户或系统）' })
  @MaxChars(100, { message: '名称最多 100 个字' })
  name!: string;
}
