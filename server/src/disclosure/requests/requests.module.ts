import { Module } from '@nestjs/common';
import { CommonModule } from '../../common/common.module';
import { DisclosureCoreModule } from '../disclosure-core.module';
import { DisclosureFeesModule } from '../fees/fees.module';
import { DisclosureLettersModule } from '../letters/letters.module';

/** Applicants' side: online intake, their requests and timeline, the public lookup by tracking number and code, supplements, withdrawal, WeChat notices of each step, the personal-data registry entry. */
@Module({
  imports: [CommonModule, DisclosureCoreModule, DisclosureFeesModule, DisclosureLettersModule],
  controllers: [],
  providers: [],
  exports: [],
})
export class DisclosureRequestsModule {}
