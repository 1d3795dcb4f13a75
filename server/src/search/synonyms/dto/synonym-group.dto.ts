import { SYNONYM_GROUP_MAX_TERMS, SYNONYM_GROUP_MIN, SYNONYM_TERM_MAX, type SynonymGroupInput } from '@gongkai/shared';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsString, Max, Min } from 'class-validator';
import { MaxChars } from '../../../common/errors/validators';

/** Ids and versions are INT columns. */
const INT_MAX = 2_147_483_647;
/**
 * A term as typed, before normalising (spaces and full-width forms fold away): generous, only so
 * nothing long is normalised; the service checks the normalised term against SYNONYM_TERM_MAX.
 */
const TERM_TYPED_MAX = 3 * SYNONYM_TERM_MAX;

function Version(): PropertyDecorator {
  return (target, key) => {
    IsInt({ message: '须提供读取时的版本号（version，整数）' })(target, key);
    Min(1, { message: '版本号（version）须为正整数' })(target, key);
    Max(INT_MAX, { message: '版本号（version）过大' })(target, key);
  };
}

/** POST /staff/search/synonyms: a new group. */
export class SynonymGroupDto implements SynonymGroupInput {
  @ApiProperty({
    type: [String],
    minItems: SYNONYM_GROUP_MIN,
    maxItems: SYNONYM_GROUP_MAX_TERMS,
    example: ['学区', '划片', '招生范围'],
    description: `意思相同的词（${SYNONYM_GROUP_MIN} 至 ${SYNONYM_GROUP_MAX_TERMS} 个，每个最多 ${SYNONYM_TERM_MAX} 个字；全角、大小写和空格统一后保存）；一个词只能属于一组，已在另一组时 409 SYNONYM_DUPLICATE`,
  })
  @IsArray({ message: '同义词须为文字列表' })
  @ArrayMinSize(SYNONYM_GROUP_MIN, { message: `一组同义词至少 ${SYNONYM_GROUP_MIN} 个词` })
  @ArrayMaxSize(SYNONYM_GROUP_MAX_TERMS, { message: `一组同义词最多 ${SYNONYM_GROUP_MAX_TERMS} 个词` })
  @IsString({ each: true, message: '每个同义词须为文字' })
  @MaxChars(TERM_TYPED_MAX, { each: true, message: `每个同义词最多 ${SYNONYM_TERM_MAX} 个字` })
  terms!: string[];
}

/** PUT /staff/search/synonyms/:id: the group's new terms, with the version last read. */
export class UpdateSynonymGroupDto extends SynonymGroupDto {
  @ApiProperty({ type: 'integer', description: '读取时的版本号；已被他人修改时返回 409 CONFLICT' })
  @Version()
  version!: number;
}

/** DELETE /staff/search/synonyms/:id?version=N */
export class SynonymDeleteQueryDto {
  @ApiProperty({ type: 'integer', description: '读取时的版本号；已被他人修改时返回 409 CONFLICT' })
  @Type(() => Number)
  @Version()
  version!: number;
}
