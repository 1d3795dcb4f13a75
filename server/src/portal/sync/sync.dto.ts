import { SYNC_CHANGES_LIMIT_DEFAULT, SYNC_CHANGES_LIMIT_MAX, type PortalUrlInput } from '@gongkai/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateBy, ValidateIf } from 'class-validator';
import { MaxChars } from '../../common/errors/validators';

export class SyncChangesQueryDto {
  @ApiPropertyOptional({ description: '上次返回的 cursor；不填（或为空）则从头读起' })
  @IsOptional()
  @IsString({ message: 'since 须为字符串' })
  @MaxLength(200, { message: '翻页参数过长' })
  since?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: SYNC_CHANGES_LIMIT_MAX, default: SYNC_CHANGES_LIMIT_DEFAULT })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit 须为整数' })
  @Min(1, { message: 'limit 不能小于 1' })
  @Max(SYNC_CHANGES_LIMIT_MAX, { message: `每次最多 ${SYNC_CHANGES_LIMIT_MAX} 条` })
  limit: number = SYNC_CHANGES_LIMIT_DEFAULT;
}

/** An absolute http(s) address as the WHATWG URL parser reads it. */
const isHttpUrl = (value: unknown): boolean => {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
};

export class PortalUrlDto implements PortalUrlInput {
  @ApiProperty({ type: String, nullable: true, maxLength: 500, example: 'https://www.example.gov.cn/jyj/zfxxgk/202605/t20260512_1234.html', description: '门户上该信息的网址（http 或 https）；null 表示门户已不再发布' })
  // Stored as the parser writes it (host lower-cased, spaces escaped), so the canonical link is well formed.
  @Transform(({ value }: { value: unknown }) => (isHttpUrl(value) ? new URL((value as string).trim()).href : value))
  @ValidateIf((_o: unknown, value: unknown) => value !== null)
  @IsString({ message: 'url 须为网址文字，或 null' })
  @ValidateBy({ name: 'httpUrl', validator: { validate: isHttpUrl } }, { message: 'url 须为以 http:// 或 https:// 开头的完整网址' })
  @MaxChars(500, { message: 'url 最多 500 个字符' })
  url!: string | null;
}
