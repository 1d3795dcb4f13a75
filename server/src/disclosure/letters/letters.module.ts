import { Module } from '@nestjs/common';
import { CommonModule } from '../../common/common.module';
import { DisclosureCoreModule } from '../disclosure-core.module';
import { DisclosureLetterViews } from './disclosure-letter-views.service';

/** Reply letters (答复书) per outcome, HTML and PDF, numbered and approved by the office head; reconsiderations and lawsuits (table 四). */
@Module({
  imports: [CommonModule, DisclosureCoreModule],
  controllers: [],
  providers: [DisclosureLetterViews],
  exports: [DisclosureLetterViews],
})
export class DisclosureLettersModule {}
