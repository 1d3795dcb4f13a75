import { Module } from '@nestjs/common';
import { CatalogModule } from '../../catalog/catalog.module';
import { CommonModule } from '../../common/common.module';
import { DisclosureChallengesController } from '../challenges/challenges.controller';
import { DisclosureChallengesRepository } from '../challenges/challenges.repository';
import { DisclosureChallengesService } from '../challenges/challenges.service';
import { DisclosureCoreModule } from '../disclosure-core.module';
import { DisclosureLetterViews } from './disclosure-letter-views.service';
import { DisclosureLettersService } from './disclosure-letters.service';
import { ApplicantDisclosureLettersController, LookupDisclosureLettersController, StaffDisclosureLettersController } from './letters.controller';
import { DisclosureLettersRepository } from './letters.repository';

/** Reply letters (答复书) per outcome, HTML and PDF, numbered and approved by the office head; reconsiderations and lawsuits (table 四). */
@Module({
  // Catalog: a challenge may be about a published notice (its 索引号 through NoticesService).
  imports: [CommonModule, DisclosureCoreModule, CatalogModule],
  controllers: [StaffDisclosureLettersController, ApplicantDisclosureLettersController, LookupDisclosureLettersController, DisclosureChallengesController],
  providers: [DisclosureLetterViews, DisclosureLettersRepository, DisclosureLettersService, DisclosureChallengesRepository, DisclosureChallengesService],
  exports: [DisclosureLetterViews],
})
export class DisclosureLettersModule {}
