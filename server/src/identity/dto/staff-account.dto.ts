import { STAFF_PASSWORD_MAX_LENGTH, STAFF_PASSWORD_MIN_LENGTH, STAFF_ROLES, type StaffAccountInput, type StaffRole } from '@gongkai/shared';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsNotEmpty, IsString, Matches, MinLength } from 'class-validator';
import { MaxChars, Omittable } from '../../common/errors/validators';

export class StaffAccountCreateDto implements StaffAccountInput {
  @ApiProperty({ example: 'zhangsan' })
  @IsString({ message: '用户名须为文字' })
  @Matches(/^[a-z][a-z0-9_.-]{2,49}$/, { message: '用户名须为 3–50 位小写字母、数字、下划线、点或连字符，以字母开头' })
  username!: string;

  @ApiProperty({ example: '张三' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: '姓名须为文字' })
  @IsNotEmpty({ message: '姓名不能为空' })
  @MaxChars(50, { message: '姓名最多 50 个字' })
  displayName!: string;

  @ApiProperty({ minLength: STAFF_PASSWORD_MIN_LENGTH })
  @IsString({ message: '密码须为文字' })
  @MinLength(STAFF_PASSWORD_MIN_LENGTH, { message: `密码至少 ${STAFF_PASSWORD_MIN_LENGTH} 位` })
  @MaxChars(STAFF_PASSWORD_MAX_LENGTH, { message: '密码过长' })
  password!: string;

  @ApiProperty()
  @IsString({ message: '单位代码须为文字' })
  @IsNotEmpty({ message: '请选择所在单位' })
  unitCode!: string;

  @ApiProperty({ enum: STAFF_ROLES, isArray: true })
  @IsArray({ message: '角色须为列表' })
  @ArrayMinSize(1, { message: '至少分配一个角色' })
  @ArrayUnique({ message: '角色不能重复' })
  @IsIn(STAFF_ROLES, { each: true, message: '角色不正确' })
  roles!: StaffRole[];
}

export class StaffAccountUpdateDto extends PartialType(OmitType(StaffAccountCreateDto, ['username'] as const), { skipNullProperties: false }) {
  @ApiPropertyOptional()
  @Omittable()
  @IsBoolean({ message: '启用状态须为是或否' })
  active?: boolean;
}
