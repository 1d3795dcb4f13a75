import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { PaymentNotifyRoute } from './payment-notify.route';
import { PaymentsRepository } from './payments.repository';
import { PaymentsService } from './payments.service';
import { WechatPayClient } from './wechatpay-client';

/** WeChat Pay v3 (wechatpay-node-v3): JSAPI orders, verified notifications at /wechat/pay/notify, queries and refunds. */
@Module({
  imports: [CommonModule],
  controllers: [],
  providers: [PaymentsService, PaymentsRepository, WechatPayClient, PaymentNotifyRoute],
  exports: [PaymentsService],
})
export class PaymentsModule {}
