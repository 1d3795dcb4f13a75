import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { PaymentsService } from './payments.service';

/** WeChat Pay v3 (wechatpay-node-v3): JSAPI orders, verified notifications at /wechat/pay/notify, queries and refunds. */
@Module({
  imports: [CommonModule],
  controllers: [],
  providers: [PaymentsService],
  exports: [PaymentsService],
})
export class PaymentsModule {}
