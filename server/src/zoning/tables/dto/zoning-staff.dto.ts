import {
  ZONING_APPLICANTS,
  ZONING_LIMITS,
  ZONING_PARITIES,
  ZONING_STAGES,
  ZONING_YEAR_MAX,
  ZONING_YEAR_MIN,
  type ZoningApplicant,
  type ZoningAttachInput,
  type ZoningParity,
  type ZoningRuleInput,
  type ZoningStage,
} from '@gongkai/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';
import { MaxChars, Omittable, OmittableOrNull } from '../../../common/errors/validators';
import { PageQueryDto } from '../../../common/paging/page-query.dto';

/** Ids and versions are INT columns. */
const INT_MAX = 2_147_483_647;
/** Names of schools and places, as the tables store them (varchar 100). */
const NAME_MAX = 100;

function Version(label: string): PropertyDecorator {
  return (target, key) => {
    IsInt({ message: `${label}须为整数` })(target, key);
    Min(1, { message: `${label}须为正整数` })(target, key);
    Max(INT_MAX, { message: `${label}过大` })(target, key);
  };
}

function HouseNumber(label: string): PropertyDecorator {
  return (target, key) => {
    OmittableOrNull()(target, key);
    IsInt({ message: `${label}须为整数，或为 null（不限）` })(target, key);
    Min(1, { message: `${label}须在 1 到 ${ZONING_LIMITS.number} 之间` })(target, key);
    Max(ZONING_LIMITS.number, { message: `${label}须在 1 到 ${ZONING_LIMITS.number} 之间` })(target, key);
  };
}

function PlaceText(label: string, required: boolean, max = NAME_MAX): PropertyDecorator {
  return (target, key) => {
    IsString({ message: `${label}须为文字` })(target, key);
    if (required) IsNotEmpty({ message: `${label}不能为空` })(target, key);
    MaxChars(max, { message: `${label}最多 ${max} 个字` })(target, key);
  };
}

/** One rule as staff add or correct it (POST /staff/zoning/tables/:id/rules, PATCH /staff/zoning/rules/:id). Null fields may be left out. */
export class ZoningRuleDto implements ZoningRuleInput {
  @ApiProperty({ description: '划片表的 version（乐观锁：与当前不符时 409 CONFLICT）' })
  @Version('tableVersion')
  tableVersion!: number;

  @ApiProperty({ enum: ZONING_STAGES, description: '学段：primary 小学 / junior 初中' })
  @IsIn(ZONING_STAGES, { message: '学段须为 primary（小学）或 junior（初中）' })
  stage!: ZoningStage;

  @ApiProperty({ example: '昌乐县北城小学', description: '学校名称，须为该表学校信息中的学校' })
  @PlaceText('学校', true)
  school!: string;

  @ApiProperty({ example: '宝城街道' })
  @PlaceText('镇街', true)
  town!: string;

  @ApiPropertyOptional({ example: '北岩社区', description: '社区 / 村；不填为整个镇街' })
  @Omittable()
  @PlaceText('社区村', false)
  village: string = '';

  @ApiPropertyOptional({ example: '北辰花园', description: '小区或道路；不填为整个社区（村）' })
  @Omittable()
  @PlaceText('小区道路', false)
  compound: string = '';

  @ApiPropertyOptional({ type: Number, nullable: true, description: '起始门牌号；与终止号都为 null 时为整条道路或整个小区' })
  @HouseNumber('起始号')
  from: number | null = null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @HouseNumber('终止号')
  to: number | null = null;

  @ApiPropertyOptional({ enum: ZONING_PARITIES, default: 'all', description: '单双：all 全 / odd 单号 / even 双号' })
  @Omittable()
  @IsIn(ZONING_PARITIES, { message: '单双须为 all（全）、odd（单号）或 even（双号）' })
  parity: ZoningParity = 'all';

  @ApiPropertyOptional({ type: Number, nullable: true })
  @HouseNumber('楼栋起')
  buildingFrom: number | null = null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @HouseNumber('楼栋止')
  buildingTo: number | null = null;

  @ApiPropertyOptional({ enum: ZONING_APPLICANTS, default: 'all', description: '适用对象：all 全部 / local 本地户籍 / migrant 随迁子女' })
  @Omittable()
  @IsIn(ZONING_APPLICANTS, { message: '适用对象须为 all（全部）、local（本地户籍）或 migrant（随迁子女）' })
  applicant: ZoningApplicant = 'all';

  @ApiPropertyOptional({ type: String, nullable: true, example: '房户一致' })
  @OmittableOrNull()
  @PlaceText('条件', false, ZONING_LIMITS.cell)
  condition: string | null = null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @OmittableOrNull()
  @PlaceText('备注', false, ZONING_LIMITS.cell)
  note: string | null = null;
}

export class ZoningAttachDto implements ZoningAttachInput {
  @ApiProperty({ description: '划片通知的编号：本人可编辑的草稿（或退回的信息），专题含“义务教育划片”' })
  @Version('noticeId')
  noticeId!: number;

  @ApiProperty({ description: '划片表的 version（乐观锁）' })
  @Version('tableVersion')
  tableVersion!: number;
}

export class ZoningRulesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '按镇街、社区村或小区道路筛选（包含该文字）', maxLength: ZONING_LIMITS.query })
  @Omittable()
  @IsString({ message: '筛选文字须为字符串' })
  @MaxChars(ZONING_LIMITS.query, { message: `筛选文字最多 ${ZONING_LIMITS.query} 个字` })
  q?: string;
}

export class ZoningDiffQueryDto {
  @ApiPropertyOptional({ description: '与之比较的划片表编号；不填为上一年度生效的表' })
  @Omittable()
  @Type(() => Number)
  @Version('against')
  against?: number;
}

function Year(label: string): PropertyDecorator {
  return (target, key) => {
    Type(() => Number)(target, key);
    IsInt({ message: `${label}须为年份（整数）` })(target, key);
    Min(ZONING_YEAR_MIN, { message: `${label}须在 ${ZONING_YEAR_MIN}—${ZONING_YEAR_MAX} 之间` })(target, key);
    Max(ZONING_YEAR_MAX, { message: `${label}须在 ${ZONING_YEAR_MIN}—${ZONING_YEAR_MAX} 之间` })(target, key);
  };
}

export class ZoningCompareQueryDto {
  @ApiProperty({ description: '比较的起始年度（其生效的划片表）', example: 2025 })
  @Year('from')
  from!: number;

  @ApiProperty({ description: '比较的目标年度（其生效的划片表）', example: 2026 })
  @Year('to')
  to!: number;
}

export class ZoningRuleDeleteQueryDto {
  @ApiProperty({ description: '划片表的 version（乐观锁）' })
  @Type(() => Number)
  @Version('tableVersion')
  tableVersion!: number;
}

export class ZoningTableDeleteQueryDto {
  @ApiPropertyOptional({ description: '划片表的 version（乐观锁）；不填则按当前版本删除' })
  @Omittable()
  @Type(() => Number)
  @Version('tableVersion')
  tableVersion?: number;
}
