import { Module } from '@nestjs/common';
import { CommonModule } from '../../common/common.module';
import { DisclosureCoreModule } from '../disclosure-core.module';
import { DisclosureFeesModule } from '../fees/fees.module';
import { DisclosureLettersModule } from '../letters/letters.module';

/** Staff's side: entry of paper / post / fax requests, the inbox by time left, receipt, 补正, consultation, extension with the office head's approval, deadline warnings and lapses. */
@Module({
  imports: [CommonModule, DisclosureCoreModule, DisclosureFeesModule, DisclosureLettersModule],
  controllers: [],
  providers: [],
  exports: [],
})
export class DisclosureHandlingModule {}
