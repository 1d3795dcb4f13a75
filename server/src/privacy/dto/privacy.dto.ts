import {
  CONSENT_CHANNELS,
  CONSENT_KINDS,
  PRIVACY_NOTICE,
  RIGHTS_REQUEST_KINDS,
  RIGHTS_REQUEST_LIMITS,
  RIGHTS_REQUEST_STATUSES,
  type ConsentChangeRequest,
  type ConsentChannel,
  type ConsentKind,
  type CreateRightsRequest,
  type RightsRequestKind,
  type RightsRequestReply,
  type RightsRequestStatus,
} from '@gongkai/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';
import { MaxChars, Omittable } from '../../common/errors/validators';
import { PageQueryDto } from '../../common/paging/page-query.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ConsentChangeDto implements ConsentChangeRequest {
  @ApiProperty({ enum: CONSENT_KINDS })
  @IsIn(CONSENT_KINDS, { message: '同意事项有误' })
  kind!: ConsentKind;

  @ApiProperty({ description: 'true：同意；false：撤回' })
  @IsBoolean({ message: '须说明同意还是撤回' })
  granted!: boolean;

  @ApiPropertyOptional({ description: '同意个人信息保护政策时必填：所阅读的版本', example: PRIVACY_NOTICE.version })
  @Omittable()
  @IsString({ message: '政策版本须为文字' })
  @MaxChars(20, { message: '政策版本有误' })
  version?: string;

  @ApiProperty({ enum: CONSENT_CHANNELS })
  @IsIn(CONSENT_CHANNELS, { message: '渠道须为 weapp、h5 或 api' })
  channel!: ConsentChannel;
}

export class DataExportQueryDto {
  @ApiPropertyOptional({ enum: ['0', '1'], description: '1：作为文件下载（Content-Disposition: attachment）' })
  @Omittable()
  @IsIn(['0', '1'], { message: 'download 须为 0 或 1' })
  download?: '0' | '1';
}

export class CreateRightsRequestDto implements CreateRightsRequest {
  @ApiProperty({ enum: RIGHTS_REQUEST_KINDS })
  @IsIn(RIGHTS_REQUEST_KINDS, { message: '申请类型须为查阅复制、更正补充、删除、限制处理、解释说明或其他' })
  kind!: RightsRequestKind;

  @ApiProperty({ maxLength: RIGHTS_REQUEST_LIMITS.content, description: '申请的具体内容' })
  @Transform(trim)
  @IsString({ message: '申请内容须为文字' })
  @IsNotEmpty({ message: '请填写申请内容' })
  @MaxChars(RIGHTS_REQUEST_LIMITS.content, { message: `申请内容最多 ${RIGHTS_REQUEST_LIMITS.content} 个字` })
  content!: string;
}

export class RightsRequestReplyDto implements RightsRequestReply {
  @ApiProperty({ enum: ['done', 'refused'], description: 'done：已办结；refused：不予办理' })
  @IsIn(['done', 'refused'], { message: '办理结果须为已办结或不予办理' })
  status!: Exclude<RightsRequestStatus, 'pending'>;

  @ApiProperty({ maxLength: RIGHTS_REQUEST_LIMITS.reply, description: '给家长的答复（不予办理须说明理由）' })
  @Transform(trim)
  @IsString({ message: '答复须为文字' })
  @IsNotEmpty({ message: '请填写答复' })
  @MaxChars(RIGHTS_REQUEST_LIMITS.reply, { message: `答复最多 ${RIGHTS_REQUEST_LIMITS.reply} 个字` })
  reply!: string;
}

export class StaffRightsRequestQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: RIGHTS_REQUEST_STATUSES })
  @Omittable()
  @IsIn(RIGHTS_REQUEST_STATUSES, { message: '状态须为办理中、已办结或不予办理' })
  status?: RightsRequestStatus;
}

/** The admin's review lists, narrowed to one parent (注销, withdrawn consents, reads of their data). */
export class ParentFilterQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '只看某位家长的记录' })
  @Omittable()
  @Type(() => Number)
  @IsInt({ message: 'parentId 须为整数' })
  @Min(1, { message: 'parentId 须为正整数' })
  @Max(2_147_483_647, { message: 'parentId 过大' })
  parentId?: number;
}

export class AccessLogQueryDto extends ParentFilterQueryDto {
  @ApiPropertyOptional({ description: '只看某个工作人员账号（用户名）的记录' })
  @Omittable()
  @IsString({ message: '用户名须为文字' })
  @MaxChars(50, { message: '用户名过长' })
  actor?: string;
}

export class ErasureQueryDto extends ParentFilterQueryDto {}
