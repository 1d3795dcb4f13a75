import type { CorrectionReviewRequest, CorrectionStepRequest } from '@gongkai/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, Min } from 'class-validator';
import { MaxChars, Omittable } from '../../common/errors/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const VERSION_MESSAGE = '须提供更正的版本号（version）';

export class CorrectionStepDto implements CorrectionStepRequest {
  @ApiProperty({ description: '更正当前的版本号；已被他人处理时返回 409' })
  @IsInt({ message: VERSION_MESSAGE })
  @Min(1, { message: VERSION_MESSAGE })
  version!: number;
}

export class CorrectionReviewDto extends CorrectionStepDto implements CorrectionReviewRequest {
  @ApiProperty({ enum: ['approve', 'return'] })
  @IsIn(['approve', 'return'], { message: '审核操作须为通过（approve）或退回（return）' })
  action!: 'approve' | 'return';

  @ApiPropertyOptional({ description: '退回时必填；通过时可填写意见' })
  @Omittable()
  @Transform(trim)
  @IsString({ message: '审核意见须为文字' })
  @MaxChars(1000, { message: '审核意见最多 1000 个字' })
  opinion?: string;
}
