import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { CatalogModule } from '../catalog/catalog.module';
import { CommonModule } from '../common/common.module';
import { DemoSeeder } from './demo-seeder';

@Module({
  imports: [CommonModule, CatalogModule, CalendarModule],
  providers: [DemoSeeder],
})
export class DemoModule {}
