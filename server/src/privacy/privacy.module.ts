import { Global, Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { CommonModule } from '../common/common.module';
import { ConsentsRepository } from './consents.repository';
import { ConsentsService } from './consents.service';
import { CRYPTO_EXPORTS, CRYPTO_PROVIDERS } from './crypto/crypto.providers';
import { ErasureLog } from './erasure-log.service';
import { ErasuresRepository } from './erasures.repository';
import { ParentDataService } from './parent-data.service';
import { PersonalDataAccessLog } from './personal-data-access-log';
import { PersonalDataRegistry } from './personal-data-registry';
import { ParentPrivacyController, PrivacyNoticeController, StaffPrivacyController } from './privacy.controller';
import { PrivacyNoticeService } from './privacy-notice.service';
import { PrivacyPersonalData } from './privacy-personal-data';
import { PrivacyRetention } from './privacy-retention';
import { RightsRequestsRepository } from './rights-requests.repository';
import { RightsRequestsService } from './rights-requests.service';

/**
 * Privacy by design (issue 12): the notice, consent records, the personal-data registry that the
 * rights flow (export, cancellation) and the retention job walk, rights requests and the records
 * of staff reading personal data. Global, so features inject its services without importing it;
 * they register their personal-data provider in `onModuleInit`.
 */
@Global()
@Module({
  imports: [CommonModule, CalendarModule],
  controllers: [PrivacyNoticeController, ParentPrivacyController, StaffPrivacyController],
  providers: [
    PersonalDataRegistry,
    PrivacyNoticeService,
    ConsentsRepository,
    ConsentsService,
    ErasuresRepository,
    ErasureLog,
    PersonalDataAccessLog,
    RightsRequestsRepository,
    RightsRequestsService,
    ParentDataService,
    PrivacyRetention,
    PrivacyPersonalData,
    // Encryption at rest: DataCipher, DataHasher, the re-encryption.
    ...CRYPTO_PROVIDERS,
  ],
  exports: [PersonalDataRegistry, ConsentsService, PersonalDataAccessLog, ParentDataService, ...CRYPTO_EXPORTS],
})
export class PrivacyModule {}
