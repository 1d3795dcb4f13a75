import { PARENT_DISPLAY_NAME_MAX, type ParentProfileUpdate } from '@gongkai/shared';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, Matches } from 'class-validator';
import { MaxChars } from '../../common/errors/validators';

export class ParentProfileUpdateDto implements ParentProfileUpdate {
  @ApiProperty({ description: '账号名称（办理页面上称呼您）', example: '王女士', maxLength: PARENT_DISPLAY_NAME_MAX })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  // class-validator checks from the bottom up and stops at the first failure.
  // Control characters (line breaks, NUL, bidi overrides) would break the pages and lists that show the name.
  @Matches(/^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]*$/u, { message: '名称不能包含换行或控制字符' })
  @MaxChars(PARENT_DISPLAY_NAME_MAX, { message: `名称最多 ${PARENT_DISPLAY_NAME_MAX} 个字` })
  @IsNotEmpty({ message: '名称不能为空' })
  @IsString({ message: '名称须为文字' })
  displayName!: string;
}
