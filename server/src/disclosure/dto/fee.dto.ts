import { FEE_MAX_COUNT, FEE_MAX_PRIOR_PIECES, FEE_METHODS, type CancelDisclosureFeeRequest, type ChargeDisclosureFeeRequest, type FeeMethod, type RefundDisclosureFeeRequest } from '@gongkai/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';
import { MaxChars, Omittable } from '../../common/errors/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/**
 * A query number as written: plain decimal digits only (no sign, point, exponent, hex or spaces),
 * so `1e3`, `0x10`, ` 5` and `1.0` are refused rather than read as numbers. Anything else stays a
 * string and fails IsInt.
 */
const queryInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value);

const VERSION_MESSAGE = '须提供版本号（version）';
const METHOD_MESSAGE = 'method 须为 piece（按件计收）或 volume（按量计收）';
const COUNT_MESSAGE = `count 须为 1–${FEE_MAX_COUNT} 的整数（按件：本申请的件数；按量：页数）`;
const PRIOR_MESSAGE = `priorPiecesThisMonth 须为 0–${FEE_MAX_PRIOR_PIECES} 的整数（本自然月此前已申请的件数）`;
/** The payment_refund.reason column (WeChat shows it to the payer). */
export const REFUND_REASON_MAX = 80;
export const FEE_CANCEL_REASON_MAX = 500;
/** Far above any fee (the 按量 top band for FEE_MAX_COUNT pages is 4,000,000 元). */
const AMOUNT_MAX_FEN = 1_000_000_000;

/**
 * `GET /disclosure/fee`: the public calculator. `priorPiecesThisMonth` only means something for
 * 按件 (pieces are counted per applicant per calendar month); with 按量 (pages of one request) it is
 * refused, so a caller who mixed the two methods learns it instead of getting a silent answer.
 */
export class FeeQuoteQueryDto {
  @ApiProperty({ enum: FEE_METHODS, description: 'piece：按件计收；volume：按量计收' })
  @IsIn(FEE_METHODS, { message: METHOD_MESSAGE })
  method!: FeeMethod;

  @ApiProperty({ minimum: 1, maximum: FEE_MAX_COUNT, description: '按件：本申请的件数；按量：本申请的页数', example: 12 })
  @Transform(queryInt)
  @IsInt({ message: COUNT_MESSAGE })
  @Min(1, { message: COUNT_MESSAGE })
  @Max(FEE_MAX_COUNT, { message: COUNT_MESSAGE })
  count!: number;

  @ApiPropertyOptional({ minimum: 0, maximum: FEE_MAX_PRIOR_PIECES, default: 0, description: '按件：同一申请人本自然月此前已申请的件数（按量时不得提供）' })
  @Omittable()
  @Transform(queryInt)
  @IsInt({ message: PRIOR_MESSAGE })
  @Min(0, { message: PRIOR_MESSAGE })
  @Max(FEE_MAX_PRIOR_PIECES, { message: PRIOR_MESSAGE })
  priorPiecesThisMonth?: number;
}

export class ChargeDisclosureFeeDto implements ChargeDisclosureFeeRequest {
  @ApiProperty({ description: '当前版本号；已被他人处理时返回 409' })
  @IsInt({ message: VERSION_MESSAGE })
  @Min(1, { message: VERSION_MESSAGE })
  version!: number;

  @ApiProperty({ enum: FEE_METHODS, description: 'piece：按件计收（同一申请人本自然月累计件数）；volume：按量计收（本申请的页数）；二者只能选一' })
  @IsIn(FEE_METHODS, { message: METHOD_MESSAGE })
  method!: FeeMethod;

  @ApiProperty({ minimum: 1, maximum: FEE_MAX_COUNT, description: '按件：本申请按“一事一申请”拆分后的件数；按量：页数' })
  @IsInt({ message: COUNT_MESSAGE })
  @Min(1, { message: COUNT_MESSAGE })
  @Max(FEE_MAX_COUNT, { message: COUNT_MESSAGE })
  count!: number;
}

export class CancelDisclosureFeeDto implements CancelDisclosureFeeRequest {
  @ApiProperty({ description: '当前版本号；已被他人处理时返回 409' })
  @IsInt({ message: VERSION_MESSAGE })
  @Min(1, { message: VERSION_MESSAGE })
  version!: number;

  @ApiProperty({ maxLength: FEE_CANCEL_REASON_MAX })
  @Transform(trim)
  @IsString({ message: '撤销收费通知须说明理由' })
  @IsNotEmpty({ message: '撤销收费通知须说明理由' })
  @MaxChars(FEE_CANCEL_REASON_MAX, { message: `理由最多 ${FEE_CANCEL_REASON_MAX} 个字` })
  reason!: string;
}

export class RefundDisclosureFeeDto implements RefundDisclosureFeeRequest {
  @ApiProperty({ minimum: 1, description: '退款金额（分），不超过已缴金额减去已退金额' })
  @IsInt({ message: '退款金额须为以“分”计的正整数' })
  @Min(1, { message: '退款金额须为以“分”计的正整数' })
  @Max(AMOUNT_MAX_FEN, { message: '退款金额超过已缴金额' })
  amountFen!: number;

  @ApiProperty({ maxLength: REFUND_REASON_MAX, description: '退款原因（微信支付会展示给缴费人）' })
  @Transform(trim)
  @IsString({ message: '退款须说明原因' })
  @IsNotEmpty({ message: '退款须说明原因' })
  @MaxChars(REFUND_REASON_MAX, { message: `退款原因最多 ${REFUND_REASON_MAX} 个字` })
  reason!: string;
}
