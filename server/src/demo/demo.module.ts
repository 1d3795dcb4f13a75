import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { CatalogModule } from '../catalog/catalog.module';
import { CommonModule } from '../common/common.module';
import { PublishingModule } from '../publishing/publishing.module';
import { OfficialAccountModule } from '../wechat/official-account/official-account.module';
import { ZoningModule } from '../zoning/zoning.module';
import { DemoSeeder } from './demo-seeder';
import { OaDemoSeed } from './oa-demo-seed';

@Module({
  imports: [CommonModule, CatalogModule, PublishingModule, CalendarModule, OfficialAccountModule, ZoningModule],
  providers: [DemoSeeder, OaDemoSeed],
})
export class DemoModule {}
