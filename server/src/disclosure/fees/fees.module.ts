import { Module } from '@nestjs/common';
import { CommonModule } from '../../common/common.module';
import { PaymentsModule } from '../../payments/payments.module';
import { DisclosureCoreModule } from '../disclosure-core.module';
import { DisclosureFeeViews } from './disclosure-fee-views.service';

/** 信息处理费: the public calculator, fee notices, payment through the payments module, lapses and refunds. */
@Module({
  imports: [CommonModule, DisclosureCoreModule, PaymentsModule],
  controllers: [],
  providers: [DisclosureFeeViews],
  exports: [DisclosureFeeViews],
})
export class DisclosureFeesModule {}
