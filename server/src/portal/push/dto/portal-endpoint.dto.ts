import { PORTAL_ENDPOINT_SECRET_MAX, PORTAL_ENDPOINT_SECRET_MIN, PORTAL_SYNC_STATES, type PortalEndpointInput, type PortalEndpointUpdate, type PortalResendRequest, type PortalSyncState } from '@gongkai/shared';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
import { MaxChars, Omittable } from '../../../common/errors/validators';
import { PageQueryDto } from '../../../common/paging/page-query.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Visible ASCII only: both sides must turn the secret into the same HMAC key bytes. */
const SECRET = new RegExp(`^[\\x21-\\x7e]{${PORTAL_ENDPOINT_SECRET_MIN},${PORTAL_ENDPOINT_SECRET_MAX}}$`);
const SECRET_MESSAGE = `密钥须为 ${PORTAL_ENDPOINT_SECRET_MIN}–${PORTAL_ENDPOINT_SECRET_MAX} 个字母、数字或英文符号（不含空格）`;

export class PortalEndpointDto implements PortalEndpointInput {
  @ApiProperty({ example: '县政府门户网站 教育局专栏', maxLength: 50 })
  @Transform(trim)
  @IsString({ message: '名称须为文字' })
  @IsNotEmpty({ message: '请填写名称' })
  @MaxChars(50, { message: '名称最多 50 个字' })
  name!: string;

  @ApiProperty({ example: 'https://www.example.gov.cn/gongkai/receive', maxLength: 500, description: '接收推送的地址（http 或 https）' })
  @Transform(trim)
  @IsString({ message: '地址须为文字' })
  @MaxChars(500, { message: '地址最多 500 个字符' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: '地址须为 http 或 https 网址' })
  url!: string;

  @ApiPropertyOptional({ example: 'k3Jd9-Qm2xLr7vT0pWn4Zs8yHc6bFa1E', description: '签名密钥（16–200 个字母、数字或英文符号）；不填则由服务器生成，仅在本次返回' })
  @Omittable()
  @IsString({ message: '密钥须为文字' })
  @Matches(SECRET, { message: SECRET_MESSAGE })
  secret?: string;

  @ApiPropertyOptional({ type: [String], example: ['ZSKS'], description: '推送哪些分类的信息（分类代码）；不填或为空：全部' })
  @Omittable()
  @IsArray({ message: '分类须为列表' })
  @ArrayMaxSize(50, { message: '分类最多 50 个' })
  @IsString({ each: true, message: '分类代码须为文字' })
  @MaxChars(40, { each: true, message: '分类代码过长' })
  categories?: string[];

  @ApiPropertyOptional({ default: true, description: '停用后暂不推送，重新启用时补推停用期间的变更' })
  @Omittable()
  @IsBoolean({ message: '启用状态须为 true 或 false' })
  active?: boolean;
}

export class PortalEndpointUpdateDto extends PartialType(OmitType(PortalEndpointDto, ['secret'] as const), { skipNullProperties: false }) implements PortalEndpointUpdate {
  @ApiPropertyOptional({ example: 'k3Jd9-Qm2xLr7vT0pWn4Zs8yHc6bFa1E', description: '新的签名密钥（16–200 个字母、数字或英文符号）' })
  @Omittable()
  @IsString({ message: '密钥须为文字' })
  @Matches(SECRET, { message: SECRET_MESSAGE })
  secret?: string;

  @ApiPropertyOptional({ description: 'true：由服务器生成新密钥，仅在本次返回' })
  @Omittable()
  @IsBoolean({ message: 'generateSecret 须为 true 或 false' })
  generateSecret?: boolean;
}

export class PortalResendDto implements PortalResendRequest {
  @ApiPropertyOptional({ example: 12, description: '重新推送这条信息；不填：重新推送此端点全部推送失败的信息' })
  @Omittable()
  @IsInt({ message: '信息编号须为整数' })
  @Min(1, { message: '信息编号须为正整数' })
  @Max(2_147_483_647, { message: '信息编号过大' })
  noticeId?: number;
}

export class PortalDeliveriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PORTAL_SYNC_STATES, description: 'synced 已同步、pending 待推送、failed 推送失败；不填：全部' })
  @IsOptional()
  @IsIn(PORTAL_SYNC_STATES, { message: '状态须为 synced、pending 或 failed' })
  state?: PortalSyncState;
}
