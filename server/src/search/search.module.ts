import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { CommonModule } from '../common/common.module';
import { InquiriesModule } from '../inquiries/inquiries.module';
import { PublishingModule } from '../publishing/publishing.module';
import { ZoningModule } from '../zoning/zoning.module';
import { SearchIndexService } from './engine/search-index.service';
import { Segmenter } from './engine/segmenter';
import { SearchInsightController } from './log/search-insight.controller';
import { SearchLogRepository } from './log/search-log.repository';
import { SearchLog } from './log/search-log.service';
import { SearchRoute } from './search.route';
import { SearchService } from './search.service';
import { SynonymsController } from './synonyms/synonyms.controller';
import { SynonymsRepository } from './synonyms/synonyms.repository';
import { SynonymsService } from './synonyms/synonyms.service';

/**
 * Search for parents: one box over notices (办事指南 as guides), the public Q&A and the 学区
 * lookup. `engine/` segments and folds text and keeps an in-memory index per instance, rebuilt from
 * the database at start and kept current through the change log and the content version;
 * `synonyms/` and `log/` are staff's side (the synonym groups, what parents searched).
 */
@Module({
  imports: [CommonModule, CatalogModule, PublishingModule, InquiriesModule, ZoningModule],
  controllers: [SynonymsController, SearchInsightController],
  providers: [Segmenter, SearchIndexService, SearchService, SearchRoute, SynonymsRepository, SynonymsService, SearchLogRepository, SearchLog],
})
export class SearchModule {}
